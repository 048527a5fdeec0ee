// The last step of a run that saved its models: evaluation.json, the `evaluation` message and a line in the run log.
// It never fails the run: an error is a warning, and a stop (already asked for, or asked for during it) skips it;
// `aelab eval` computes it later either way.
import type { Experiment } from '../../protocol/experiment';
import type { TrainerToHost } from '../../protocol/trainerMessages';
import { writeEvaluation } from '../../runs/evaluationFile';
import { modelsOfAutoencoder } from '../apply/runModels';
import { evaluateRun } from '../evaluate/evaluateRun';
import { EvaluationStopped } from '../evaluate/evaluationStopped';
import { summaryLine } from '../evaluate/summaryLine';
import type { Autoencoder } from '../models/types';
import type { PreparedData } from './prepareData';
import type { RunSession } from './runSession';
import { rmSync } from 'node:fs';

/** `threshold`: the anomaly threshold saveRunModels just wrote to data.json. */
export async function evaluateAtEnd(autoencoder: Autoencoder, experiment: Experiment, data: PreparedData, threshold: number | null, session: RunSession, emit: (message: TrainerToHost) => void): Promise<void> {
  const { run, summary } = session;
  const later = `\`aelab eval ${run.runDir}\` computes it`;
  try {
    // A resumed run's evaluation was of its old weights.
    rmSync(run.path('evaluation'), { force: true });
    if (!experiment.evaluation.enabled) return;
    if (session.shouldStop()) return session.log('info', `evaluation skipped: the run was stopped; ${later}`);
    if (data.evaluation.count === 0) return session.log('info', 'evaluation skipped: there are no validation samples (data.validationSplit is 0); `aelab eval --input` evaluates other data');
    const evaluation = await evaluateRun(
      {
        runId: summary.runId,
        experiment,
        loss: experiment.training.loss,
        models: modelsOfAutoencoder(autoencoder),
        layers: { encoder: autoencoder.encoder, decoder: autoencoder.decoder },
        threshold,
      },
      { train: data.train, evaluation: data.evaluation, set: { kind: 'validation', path: null } },
      { shouldStop: session.shouldStop },
    );
    writeEvaluation(run.runDir, evaluation);
    emit({ type: 'evaluation', evaluation });
    session.log('info', summaryLine(evaluation));
  } catch (error) {
    if (error instanceof EvaluationStopped) return session.log('info', `evaluation stopped; ${later}`);
    session.log('warn', `evaluation failed (the run is kept as it is; ${later}): ${error instanceof Error ? error.message : String(error)}`);
  }
}
