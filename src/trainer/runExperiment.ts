// One training run from an experiment file to a finished run folder, as named steps: open the run, prepare the data,
// build the model, restore a checkpoint when resuming, train, save, evaluate. Used by the trainer child process; it only talks
// to the outside world through `emit`, so tests can also drive it in-process.
import * as tf from '@tensorflow/tfjs';
import type { Experiment } from '../protocol/experiment';
import type { EpochMetrics, RunSummary, StartMessage, TrainerToHost } from '../protocol/trainerMessages';
import { selectBackend, type SelectedBackend } from './backends/selectBackend';
import { setActiveDecoder } from './inference/inferenceServer';
import { createOptimizer } from './loop/optimizer';
import { batchCount, trainLoop } from './loop/trainLoop';
import { buildAutoencoder } from './models/buildAutoencoder';
import { parameterCount, type Autoencoder } from './models/types';
import { openRun, type OpenedRun } from './openRun';
import { startEpochViews } from './run/epochViews';
import { evaluateAtEnd } from './run/evaluateAtEnd';
import type { Dataset } from './data/dataset';
import { prepareData, type PreparedData } from './run/prepareData';
import { keptAfterDivergence, toRunError } from './run/runErrors';
import { RunSession } from './run/runSession';
import { readMetrics } from '../runs/metricsFile';
import { bestModelKeeper, chooseSavedModels } from './runs/bestModel';
import { loadCheckpoint, saveCheckpoint } from './runs/checkpoint';
import { saveRunModels } from './runs/saveRunModels';

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
  // The host learns the folder before anything can go wrong in it, so it can always record how the run ended.
  control.emit({ type: 'opened', runId: summary.runId, runDir: run.runDir });
  const session = new RunSession(run, summary, control.emit, control.shouldStop);
  let autoencoder: Autoencoder | undefined;
  // A resume that fails before its first new batch leaves summary.json as it was (e.g. stopped), not failed.
  let resumeStarted = !opened.resuming;
  try {
    session.writeSummary();
    opened.notes.forEach((note) => session.log('warn', note));
    const backend = await startBackend(start, session);
    const data = await prepareData(experiment, experimentFile, summary, session.log);
    autoencoder = buildModel(experiment, data, backend, session, control.emit);
    const optimizer = createOptimizer(experiment.training);
    const startEpoch = opened.retraining ? trainAgain(session) : opened.resuming ? await restoreCheckpoint(autoencoder, optimizer, experiment, session) : 0;
    resumeStarted = true;
    return await train(autoencoder, optimizer, startEpoch, experiment, data, start, session, control.emit);
  } catch (error) {
    const runError = toRunError(error);
    session.logFailure(runError, error);
    if (!resumeStarted && opened.restoreSummary) {
      session.stopHeartbeat();
      opened.restoreSummary();
      control.emit({ type: 'done', runDir: run.runDir, summary: null, error: runError });
      return undefined;
    }
    return session.finish('failed', runError);
  } finally {
    session.stopHeartbeat();
    setActiveDecoder(undefined);
    autoencoder?.encoder.dispose();
    autoencoder?.decoder.dispose();
    tf.disposeVariables();
  }
}

async function startBackend(start: StartMessage, session: RunSession): Promise<SelectedBackend> {
  const backend = await selectBackend(start.overrides?.backend);
  session.summary.backend = backend.description;
  backend.fallbacks.forEach((reason) => session.log('info', `backend skipped: ${reason}`));
  session.log('info', `backend: ${backend.description}`);
  return backend;
}

/** Builds the network for the data and tells the host the run has started. */
function buildModel(experiment: Experiment, { dataset, train, validation }: PreparedData, backend: SelectedBackend, session: RunSession, emit: RunControl['emit']): Autoencoder {
  const { summary, run } = session;
  const autoencoder = buildAutoencoder(experiment, dataset.sampleShape, undefined, classCount(dataset), dataset.audio?.noise);
  setActiveDecoder(autoencoder.decoder, dataset.sampleShape);
  summary.parameterCount = parameterCount(autoencoder);
  emit({
    type: 'started',
    runId: summary.runId,
    runDir: run.runDir,
    backend: backend.description,
    kind: experiment.kind,
    name: experiment.name,
    epochsPlanned: experiment.training.epochs,
    batchesPerEpoch: batchCount(train.count, experiment.training.batchSize),
    parameterCount: summary.parameterCount,
    trainSamples: train.count,
    validationSamples: validation.count,
    sampleShape: dataset.sampleShape,
    labelNames: dataset.labelNames,
  });
  session.log('info', `${experiment.kind} autoencoder, ${summary.parameterCount} parameters, ${train.count} train / ${validation.count} validation samples`);
  return autoencoder;
}

/** The classes of a labelled dataset (its label names, else the largest label + 1), for the conditional kinds. */
function classCount(dataset: Dataset): number | undefined {
  if (!dataset.labels) return undefined;
  return dataset.labelNames?.length ?? dataset.labels.reduce((max, label) => Math.max(max, label + 1), 0);
}

/** Resuming a run with no checkpoint: nothing to continue, so its metrics go and it trains from epoch 0. */
function trainAgain(session: RunSession): number {
  session.run.truncateMetrics(0);
  session.log('info', 'no checkpoint: training again from the start');
  return 0;
}

/** Resuming: weights and optimizer state from the checkpoint, metrics after it dropped. Returns the epoch reached. */
async function restoreCheckpoint(autoencoder: Autoencoder, optimizer: tf.Optimizer, experiment: Experiment, session: RunSession): Promise<number> {
  const { run, summary } = session;
  const startEpoch = await loadCheckpoint(run.runDir, autoencoder, optimizer);
  run.truncateMetrics(startEpoch);
  summary.epochs = startEpoch;
  session.log('info', `resuming ${summary.runId} after epoch ${startEpoch} of ${experiment.training.epochs}`);
  return startEpoch;
}

/** The epochs themselves, then what the outcome keeps: models when it completed or stopped, a checkpoint on a stop. */
async function train(
  autoencoder: Autoencoder,
  optimizer: tf.Optimizer,
  startEpoch: number,
  experiment: Experiment,
  data: PreparedData,
  start: StartMessage,
  session: RunSession,
  emit: RunControl['emit'],
): Promise<RunSummary> {
  const { run, summary } = session;
  const { dataset, train, validation } = data;
  const runDir = run.runDir;
  const { training } = experiment;
  const views = startEpochViews(runDir, emit, autoencoder, experiment, train, validation);
  let checkpointed = startEpoch;
  const onEpoch = async (metrics: EpochMetrics) => {
    run.appendMetrics(metrics);
    if (metrics.epoch % training.checkpointEvery === 0 || metrics.epoch === training.epochs) {
      await saveCheckpoint(runDir, autoencoder, optimizer, metrics.epoch);
      checkpointed = metrics.epoch;
    }
    summary.epochs = metrics.epoch;
    summary.final = metrics;
    if (metrics.val_loss !== null && (summary.best_val_loss === null || metrics.val_loss < summary.best_val_loss)) summary.best_val_loss = metrics.val_loss;
    session.writeSummary();
    emit({ type: 'epoch', metrics });
    views.afterEpoch(metrics.epoch);
  };
  const outcome = await trainLoop({
    autoencoder,
    optimizer,
    train,
    validation,
    training,
    epochs: training.epochs,
    startEpoch,
    shouldStop: session.shouldStop,
    onBatch: (epoch, batch, batches, loss) => emit({ type: 'batch', epoch, batch, batches, loss }),
    onEpoch,
    // On wasm, each batch is split across replica threads (dist/replicaWorker.js); threads 1 turns it off.
    parallel: { experiment, sampleShape: dataset.sampleShape, replicas: start.overrides?.threads },
    onLog: session.log,
    // Training aids: a resume replays the epochs done (schedules, patience); each best epoch's weights go to best/.
    history: readMetrics(runDir),
    onBest: bestModelKeeper(autoencoder, runDir),
  });
  session.throwIfWriteFailed();
  // Also when the stop lands in the first epoch: a stopped run always keeps a checkpoint to resume from.
  // Early stopping ends between checkpointEvery epochs: a trainer killed while it saves or evaluates then resumes here.
  const endedBetweenCheckpoints = outcome.status === 'stopped' || (outcome.status === 'completed' && outcome.stoppedEarly !== undefined && checkpointed !== outcome.epochsDone);
  if (endedBetweenCheckpoints) await saveCheckpoint(runDir, autoencoder, optimizer, outcome.epochsDone);
  optimizer.dispose();
  if (outcome.status === 'diverged') {
    const message = outcome.reason
      ? `training stopped: ${outcome.reason}; ${keptAfterDivergence(runDir)}.`
      : `training diverged: the loss became NaN or Infinity at epoch ${outcome.epoch}, batch ${outcome.batch}; ${keptAfterDivergence(runDir)}. Try a lower training.learningRate (now ${training.learningRate}).`;
    session.log('warn', message);
    return session.finish('failed', { message, reason: 'diverged', epoch: outcome.epoch, batch: outcome.batch });
  }
  Object.assign(summary, chooseSavedModels(outcome, autoencoder, runDir, session.log));
  const threshold = await saveRunModels(autoencoder, run, dataset, train, training.loss, experiment.data.aggregate);
  await evaluateAtEnd(autoencoder, experiment, data, threshold?.value ?? null, session, emit);
  return session.finish(outcome.status);
}
