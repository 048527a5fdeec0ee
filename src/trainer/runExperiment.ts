// One training run from an experiment file to a finished run folder. Used by the trainer child process;
// it only talks to the outside world through `emit`, so tests can also drive it in-process.
import * as tf from '@tensorflow/tfjs';
import { isInputError } from '../protocol/errors';
import type { EpochMetrics, RunError, RunSummary, StartMessage, TrainerToHost } from '../protocol/trainerMessages';
import { selectBackend } from './backends/selectBackend';
import { loadDataset } from './data/loadDataset';
import { splitDataset } from './data/split';
import { checkTrainable } from './checkTrainable';
import { batchCount, trainLoop, type LoopOutcome } from './loop/trainLoop';
import { createOptimizer } from './loop/optimizer';
import { buildAutoencoder } from './models/buildAutoencoder';
import { parameterCount, type Autoencoder } from './models/types';
import { loadCheckpoint, saveCheckpoint } from './runs/checkpoint';
import { checkpointEpoch } from '../runs/checkpointFiles';
import { openRun, type OpenedRun } from './openRun';
import { saveRunModels } from './runs/saveRunModels';
import { reconstructionSamples } from './samples/reconstructionSamples';
import { validationSamplesMessage } from './analysis/displayValues';
import { errorsMessage, generatedMessage, latentMessage } from './analysis/epochAnalysis';
import { saveViewSnapshot } from './runs/viewSnapshots';
import { setActiveDecoder } from './inference/inferenceServer';
import { currentOwner } from '../runs/runLiveness';
import { startHeartbeat } from './heartbeat';

export interface RunControl {
  emit: (message: TrainerToHost) => void;
  shouldStop: () => boolean;
}

export async function runExperiment(start: StartMessage, control: RunControl): Promise<RunSummary | undefined> {
  let opened: OpenedRun;
  try {
    opened = openRun(start);
  } catch (error) {
    control.emit({ type: 'done', runDir: null, summary: null, error: toRunError(error) });
    return undefined;
  }
  const { experiment, experimentFile, run, summary } = opened;
  const runDir = run.runDir;
  const runId = summary.runId;
  // The host learns the folder before anything can go wrong in it, so it can always record how the run ended.
  control.emit({ type: 'opened', runId, runDir });
  summary.owner = currentOwner();
  // A write that fails between epochs (the heartbeat) ends the run at the next batch, like any other write error.
  let writeFailure: Error | undefined;
  const heartbeat = startHeartbeat(
    () => {
      summary.owner = currentOwner();
      run.writeJson('summary', summary);
    },
    (error) => (writeFailure ??= error instanceof Error ? error : new Error(String(error))),
  );
  const shouldStop = () => writeFailure !== undefined || control.shouldStop();
  const log = (level: 'info' | 'warn', message: string) => {
    control.emit({ type: 'log', level, message });
    run.log(`${level.toUpperCase()} ${message}`);
  };
  const finish = (status: RunSummary['status'], error: RunError | null = null) => {
    heartbeat.stop();
    Object.assign(summary, { status, error, endedAt: new Date().toISOString(), owner: undefined });
    try {
      run.writeJson('summary', summary);
    } catch (writeError) {
      // summary.json keeps its last state ("running", owned by this process): once this process exits, readers show the
      // run as interrupted, and it resumes from its last checkpoint when the disk has room again.
      // Any earlier error was already logged; the write failure is what the user must act on now.
      Object.assign(summary, { status: 'failed', error: toRunError(writeError) });
    }
    control.emit({ type: 'done', runDir, summary, error: summary.error });
    return summary;
  };

  let autoencoder: Autoencoder | undefined;
  // A resume that fails before its first new batch leaves summary.json as it was (e.g. stopped), not failed.
  let resumeStarted = !opened.resuming;
  try {
    run.writeJson('summary', summary);
    opened.notes.forEach((note) => log('warn', note));

    const backend = await selectBackend(start.overrides?.backend);
    summary.backend = backend.description;
    backend.fallbacks.forEach((reason) => log('info', `backend skipped: ${reason}`));
    log('info', `backend: ${backend.description}`);

    const dataset = await loadDataset(experiment.data, experimentFile, experiment.training.loss);
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
    setActiveDecoder(autoencoder.decoder, dataset.sampleShape);
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
    let startEpoch = 0;
    if (opened.resuming) {
      startEpoch = await loadCheckpoint(runDir, autoencoder, optimizer);
      run.truncateMetrics(startEpoch);
      summary.epochs = startEpoch;
      log('info', `resuming ${runId} after epoch ${startEpoch} of ${experiment.training.epochs}`);
    }
    resumeStarted = true;
    const checkpointEvery = experiment.training.checkpointEvery;
    const previewSet = validation.count > 0 ? validation : train;
    const publish = (message: Parameters<typeof saveViewSnapshot>[1] | undefined) => {
      if (!message) return;
      control.emit(message);
      saveViewSnapshot(runDir, message);
    };
    publish(validationSamplesMessage(previewSet));
    const onEpoch = async (metrics: EpochMetrics) => {
      run.appendMetrics(metrics);
      if (metrics.epoch % checkpointEvery === 0 || metrics.epoch === experiment.training.epochs) await saveCheckpoint(runDir, autoencoder!, optimizer, metrics.epoch);
      summary.epochs = metrics.epoch;
      summary.final = metrics;
      if (metrics.val_loss !== null && (summary.best_val_loss === null || metrics.val_loss < summary.best_val_loss)) summary.best_val_loss = metrics.val_loss;
      run.writeJson('summary', summary);
      control.emit({ type: 'epoch', metrics });
      const ae = autoencoder!;
      const seed = experiment.training.seed;
      publish(reconstructionSamples(ae, previewSet, metrics.epoch, seed));
      publish(latentMessage(ae, previewSet, metrics.epoch, metrics.epoch === experiment.training.epochs, seed));
      publish(errorsMessage(ae, train, previewSet, metrics.epoch, experiment.training));
      publish(generatedMessage(ae, dataset.sampleShape, metrics.epoch, seed + metrics.epoch));
    };
    const outcome: LoopOutcome = await trainLoop({
      autoencoder,
      optimizer,
      train,
      validation,
      training: experiment.training,
      epochs: experiment.training.epochs,
      startEpoch,
      shouldStop,
      onBatch: (epoch, batch, batches, loss) => control.emit({ type: 'batch', epoch, batch, batches, loss }),
      onEpoch,
      // On wasm, each batch is split across replica threads (dist/replicaWorker.js); threads 1 turns it off.
      parallel: { experiment, sampleShape: dataset.sampleShape, replicas: start.overrides?.threads },
      onLog: log,
    });
    if (writeFailure !== undefined) throw writeFailure;
    // Also when the stop lands in the first epoch: a stopped run always keeps a checkpoint to resume from.
    if (outcome.status === 'stopped') await saveCheckpoint(runDir, autoencoder, optimizer, outcome.epochsDone);
    optimizer.dispose();
    if (outcome.status === 'diverged') {
      const message = `training diverged: the loss became NaN or Infinity at epoch ${outcome.epoch}, batch ${outcome.batch}; ${keptAfterDivergence(runDir)}. Try a lower training.learningRate (now ${experiment.training.learningRate}).`;
      log('warn', message);
      return finish('failed', { message, reason: 'diverged', epoch: outcome.epoch, batch: outcome.batch });
    }
    await saveRunModels(autoencoder, run, dataset, train, experiment.training.loss);
    return finish(outcome.status);
  } catch (error) {
    const runError = toRunError(error);
    control.emit({ type: 'log', level: 'warn', message: runError.message });
    try {
      run.log(`WARN ${runError.message}`);
      if (runError.reason === 'crashed' && error instanceof Error) run.log(`STACK ${error.stack}`);
    } catch {
      // The log is on the same disk that just failed; the summary (or the host) still records the error.
    }
    if (!resumeStarted && opened.restoreSummary) {
      opened.restoreSummary();
      control.emit({ type: 'done', runDir, summary: null, error: runError });
      return undefined;
    }
    return finish('failed', runError);
  } finally {
    heartbeat.stop();
    setActiveDecoder(undefined);
    autoencoder?.encoder.dispose();
    autoencoder?.decoder.dispose();
    tf.disposeVariables();
  }
}

/** What a diverged run really keeps: no model is saved, only the last checkpoint, if one was written. */
function keptAfterDivergence(runDir: string): string {
  const epoch = checkpointEpoch(runDir);
  return epoch === undefined ? 'no checkpoint had been saved yet, so no weights are kept' : `the checkpoint of epoch ${epoch} is kept (no model is saved)`;
}

export function toRunError(error: unknown): RunError {
  if (isInputError(error)) return { message: error.message, reason: 'input', file: error.file, field: error.field, line: error.line };
  const writeCodes = ['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EDQUOT', 'EFBIG', 'ENOTDIR', 'EISDIR'];
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && writeCodes.includes(code)) return { message: `cannot write the run: ${(error as Error).message}`, reason: 'write' };
  return { message: error instanceof Error ? error.message : String(error), reason: 'crashed' };
}
