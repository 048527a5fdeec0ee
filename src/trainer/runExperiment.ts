// One training run from an experiment file to a finished run folder. Used by the trainer child process;
// it only talks to the outside world through `emit`, so tests can also drive it in-process.
import * as tf from '@tensorflow/tfjs';
import { basename, resolve } from 'node:path';
import { isInputError } from '../protocol/errors';
import type { Experiment } from '../protocol/experiment';
import { readExperimentFile } from '../protocol/loadExperiment';
import type { EpochMetrics, RunError, RunSummary, StartMessage, TrainerToHost } from '../protocol/trainerMessages';
import { selectBackend } from './backends/selectBackend';
import { loadDataset } from './data/loadDataset';
import { splitDataset } from './data/split';
import { checkTrainable } from './checkTrainable';
import { batchCount, trainLoop, type LoopOutcome } from './loop/trainLoop';
import { createOptimizer } from './loop/optimizer';
import { buildAutoencoder } from './models/buildAutoencoder';
import { parameterCount, type Autoencoder } from './models/types';
import { createRunDir, RunFolder } from './runs/runFolder';
import { saveRunModels } from './runs/saveRunModels';
import { reconstructionSamples } from './samples/reconstructionSamples';

export interface RunControl {
  emit: (message: TrainerToHost) => void;
  shouldStop: () => boolean;
}

export async function runExperiment(start: StartMessage, control: RunControl): Promise<RunSummary | undefined> {
  const experimentFile = resolve(start.experimentFile);
  let experiment: Experiment;
  try {
    experiment = readExperimentFile(experimentFile);
  } catch (error) {
    control.emit({ type: 'done', runDir: null, summary: null, error: toRunError(error) });
    return undefined;
  }
  if (start.overrides?.epochs) experiment.training.epochs = start.overrides.epochs;
  if (start.overrides?.limit) experiment.data.limit = start.overrides.limit;

  const { runId, runDir } = createRunDir(resolve(start.runsDir), experiment.name);
  const run = new RunFolder(runDir);
  const log = (level: 'info' | 'warn', message: string) => {
    run.log(`${level.toUpperCase()} ${message}`);
    control.emit({ type: 'log', level, message });
  };
  const summary: RunSummary = {
    runId,
    name: experiment.name,
    kind: experiment.kind,
    status: 'running',
    backend: 'pending',
    epochs: 0,
    epochsPlanned: experiment.training.epochs,
    final: null,
    best_val_loss: null,
    parameterCount: 0,
    trainSamples: 0,
    validationSamples: 0,
    droppedSamples: { count: 0, reasons: {} },
    startedAt: new Date().toISOString(),
    endedAt: null,
    error: null,
  };
  const finish = (status: RunSummary['status'], error: RunError | null = null) => {
    Object.assign(summary, { status, error, endedAt: new Date().toISOString() });
    run.writeJson('summary', summary);
    control.emit({ type: 'done', runDir, summary, error });
    return summary;
  };

  let autoencoder: Autoencoder | undefined;
  try {
    run.writeJson('experiment', { ...experiment, resolved: { experimentFile, experimentFileName: basename(experimentFile) } });
    run.writeJson('summary', summary);

    const backend = await selectBackend(start.overrides?.backend);
    summary.backend = backend.description;
    backend.fallbacks.forEach((reason) => log('info', `backend skipped: ${reason}`));
    log('info', `backend: ${backend.description}`);

    const dataset = await loadDataset(experiment.data, experimentFile);
    summary.droppedSamples = { count: dataset.dropped.count, reasons: dataset.dropped.reasons };
    if (dataset.dropped.count > 0) {
      const reasons = Object.entries(dataset.dropped.reasons).map(([why, n]) => `${n} × ${why}`).join(', ');
      log('warn', `dropped ${dataset.dropped.count} samples: ${reasons}`);
    }
    dataset.dropped.files.forEach((file) => log('warn', `skipped bad file: ${file}`));
    dataset.notes.forEach((note) => log('info', note));
    const { train, validation } = splitDataset(dataset, experiment.data.validationSplit, experiment.training.seed, experiment.data.limit);
    checkTrainable(experiment, experimentFile, train, dataset.sampleShape).forEach((warning) => log('warn', warning));
    Object.assign(summary, { trainSamples: train.count, validationSamples: validation.count });

    autoencoder = buildAutoencoder(experiment, dataset.sampleShape);
    summary.parameterCount = parameterCount(autoencoder);
    const batchesPerEpoch = batchCount(train.count, experiment.training.batchSize);
    control.emit({
      type: 'started',
      runId,
      runDir,
      backend: backend.description,
      kind: experiment.kind,
      name: experiment.name,
      epochsPlanned: experiment.training.epochs,
      batchesPerEpoch,
      parameterCount: summary.parameterCount,
      trainSamples: train.count,
      validationSamples: validation.count,
      sampleShape: dataset.sampleShape,
      labelNames: dataset.labelNames,
    });
    log('info', `${experiment.kind} autoencoder, ${summary.parameterCount} parameters, ${train.count} train / ${validation.count} validation samples`);

    const optimizer = createOptimizer(experiment.training);
    const previewSet = validation.count > 0 ? validation : train;
    const onEpoch = async (metrics: EpochMetrics) => {
      run.appendMetrics(metrics);
      summary.epochs = metrics.epoch;
      summary.final = metrics;
      if (metrics.val_loss !== null && (summary.best_val_loss === null || metrics.val_loss < summary.best_val_loss)) summary.best_val_loss = metrics.val_loss;
      run.writeJson('summary', summary);
      control.emit({ type: 'epoch', metrics });
      control.emit(reconstructionSamples(autoencoder!, previewSet, metrics.epoch, experiment.training.seed));
    };
    const outcome: LoopOutcome = await trainLoop({
      autoencoder,
      optimizer,
      train,
      validation,
      training: experiment.training,
      epochs: experiment.training.epochs,
      shouldStop: control.shouldStop,
      onBatch: (epoch, batch, batches, loss) => control.emit({ type: 'batch', epoch, batch, batches, loss }),
      onEpoch,
    });
    optimizer.dispose();
    if (outcome.status === 'diverged') {
      const message = `training diverged: the loss became NaN or Infinity at epoch ${outcome.epoch}, batch ${outcome.batch}; the last good model (epoch ${outcome.epochsDone}) is kept. Try a lower training.learningRate (now ${experiment.training.learningRate}).`;
      log('warn', message);
      return finish('failed', { message, reason: 'diverged', epoch: outcome.epoch, batch: outcome.batch });
    }
    await saveRunModels(autoencoder, run, dataset);
    return finish(outcome.status);
  } catch (error) {
    const runError = toRunError(error);
    log('warn', runError.message);
    return finish('failed', runError);
  } finally {
    autoencoder?.encoder.dispose();
    autoencoder?.decoder.dispose();
    tf.disposeVariables();
  }
}

export function toRunError(error: unknown): RunError {
  if (isInputError(error)) return { message: error.message, reason: 'input', file: error.file, field: error.field, line: error.line };
  const writeCodes = ['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EDQUOT'];
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && writeCodes.includes(code)) return { message: `cannot write the run: ${(error as Error).message}`, reason: 'write' };
  return { message: error instanceof Error ? error.message : String(error), reason: 'crashed' };
}
