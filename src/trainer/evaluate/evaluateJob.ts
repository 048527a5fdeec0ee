// `aelab eval`: one evaluation of a finished run, from the host's message to its `evaluated` answer. The run's data is
// loaded exactly as training loaded it (same experiment, same seed, hence the same split), or `input` is read through
// the apply inputs. Without `input` the result replaces the run's evaluation.json (and is copied to `out` if given);
// with it, only `out` is written.
// The user's files that do not fit come back as reason 'input' (the CLI exits 2), a full disk as 'write', a stop as
// 'stopped'; anything else is thrown.
import { basename, resolve } from 'node:path';
import { InputError, isInputError } from '../../protocol/errors';
import type { EvaluateMessage, TrainerToHost } from '../../protocol/trainerMessages';
import { readRunExperiment, type SavedExperiment } from '../../runs/experimentFile';
import { writeEvaluation, writeEvaluationFile } from '../../runs/evaluationFile';
import { runPath } from '../../runs/layout';
import { openApplyInput } from '../apply/applyInput';
import { loadRun, type LoadedRun } from '../apply/loadRun';
import { selectBackend } from '../backends/selectBackend';
import type { Dataset } from '../data/dataset';
import { classNames } from '../data/labelSelection';
import { prepareData } from '../run/prepareData';
import { toRunError } from '../run/runErrors';
import { evaluateRun, type EvaluationData } from './evaluateRun';
import { checkStop, EvaluationStopped } from './evaluationStopped';
import { completeRunTrainedElsewhere } from './completeRunTrainedElsewhere';
import { readInputSet } from './inputSet';

export type Evaluated = Extract<TrainerToHost, { type: 'evaluated' }>;

export async function evaluateJob(message: EvaluateMessage, send: (message: TrainerToHost) => void, shouldStop: () => boolean = () => false): Promise<Evaluated> {
  const failed = (error: string, reason: NonNullable<Evaluated['reason']>): Evaluated => ({ type: 'evaluated', evaluation: null, out: null, error, reason });
  let run: LoadedRun | undefined;
  try {
    await selectBackend(message.backend);
    const runDir = resolve(message.runDir);
    run = await loadRun(runDir);
    const saved = readRunExperiment(runDir);
    const { experiment } = saved;
    const notes: string[] = [];
    const data = await evaluationData(message, run, saved, notes, send, shouldStop);
    const completed = message.input ? { notes: [] } : completeRunTrainedElsewhere(run, experiment, data.train, data.evaluation);
    notes.unshift(...completed.notes);
    const threshold = completed.threshold ?? run.threshold;
    const evaluation = await evaluateRun(
      { runId: basename(runDir), experiment, loss: run.loss, models: run.models, layers: run.layers, threshold: threshold?.value ?? null },
      data,
      { nllSamples: message.nllSamples, shouldStop },
    );
    evaluation.notes.unshift(...notes);
    let out: string | null = null;
    if (!message.input) {
      writeEvaluation(runDir, evaluation);
      out = runPath(runDir, 'evaluation');
    }
    if (message.out) {
      out = resolve(message.out);
      writeEvaluationFile(out, evaluation);
    }
    return { type: 'evaluated', evaluation, out };
  } catch (error) {
    if (error instanceof EvaluationStopped) return failed('stopped; nothing was written', 'stopped');
    if (isInputError(error)) return failed(error.message, 'input');
    const runError = toRunError(error);
    if (runError.reason === 'write') return failed(`cannot write the evaluation: ${(error as Error).message}`, 'write');
    throw error;
  } finally {
    run?.dispose();
  }
}

/** The run's training set, and its validation split or the given input. */
async function evaluationData(
  message: EvaluateMessage,
  run: LoadedRun,
  { experiment, experimentFile }: SavedExperiment,
  notes: string[],
  send: (message: TrainerToHost) => void,
  shouldStop: () => boolean,
): Promise<EvaluationData> {
  const log = (level: 'info' | 'warn', text: string) => {
    if (level === 'warn') send({ type: 'log', level, message: text });
  };
  if (!message.input) {
    const prepared = await prepareData(experiment, experimentFile, {}, log);
    if (prepared.evaluation.count === 0) throw new InputError('is 0: the run has no validation samples to evaluate; give data to evaluate with --input', { file: runPath(run.runDir, 'experiment'), field: 'data.validationSplit' });
    return { train: prepared.train, evaluation: prepared.evaluation, set: { kind: 'validation', path: null } };
  }
  const inputPath = resolve(message.input);
  const input = openApplyInput(inputPath, run);
  let train: Dataset | undefined;
  try {
    train = (await prepareData(experiment, experimentFile, {}, log)).train;
  } catch (error) {
    // The input can still be evaluated without the training data; only the baselines that need it are missing.
    if (!isInputError(error)) throw error;
    notes.push(`the run's training data cannot be loaded (${error.message}): no PCA baseline and no features`);
  }
  const trainNames = train?.labels ? classNames(train) : [];
  const evaluation = await readInputSet(input, run, trainNames, experiment.evaluation.limit, experiment.training.seed, () => checkStop(shouldStop), notes);
  if (evaluation.count === 0) throw new InputError('has no samples to evaluate', { file: inputPath });
  const empty: Dataset = { ...evaluation, x: new Float32Array(0), count: 0, labels: undefined, labelNames: undefined };
  return { train: train ?? empty, evaluation, set: { kind: 'input', path: inputPath } };
}
