// A custom training loop (not model.fit): one optimizer step per batch, losses read back only every few
// batches to avoid host-device syncs, and a yield to the event loop per batch so a stop request lands within one batch.
import type * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../protocol/experiment';
import type { EpochMetrics, StoppedEarly } from '../../protocol/trainerMessages';
import type { Dataset } from '../data/dataset';
import { sampleSize } from '../data/dataset';
import { seededPermutation } from '../data/split';
import { fillBatch } from '../data/validateSamples';
import type { Autoencoder } from '../models/types';
import { createTrainStep, type ParallelSpec } from '../parallel/createTrainStep';
import { evaluate } from './evaluate';
import { LossAccumulator } from './lossAccumulator';
import { hasLearningRateSetter } from './optimizer';
import { TrainingAids, type BestEpoch, type EpochSettings } from './trainingAids';
import { round } from './round';
import type { TrainStep } from './trainStep';

export { round } from './round';

/** Batches between loss read-backs: each read forces a sync, so fewer reads means faster training. */
export const LOSS_READ_INTERVAL = 10;

export interface TrainLoopOptions {
  autoencoder: Autoencoder;
  optimizer: tf.Optimizer;
  train: Dataset;
  validation: Dataset;
  training: TrainingConfig;
  /** Last epoch to run (1-based, inclusive). */
  epochs: number;
  /** Epochs already done (resume). */
  startEpoch?: number;
  shouldStop: () => boolean;
  onBatch?: (epoch: number, batch: number, batches: number, loss?: number) => void;
  onEpoch: (metrics: EpochMetrics) => Promise<void> | void;
  /** Lets the batch be split across replica threads when that is faster (wasm); omit to train on this thread. */
  parallel?: ParallelSpec;
  /** Notes for the run log, e.g. how many threads train. */
  onLog?: (level: 'info' | 'warn', message: string) => void;
  /** Metrics of the epochs already done (resume): the training aids replay them to continue where they were. */
  history?: EpochMetrics[];
  /** An epoch was the best so far (training aids): keep its weights. Called before onEpoch. */
  onBest?: (best: BestEpoch) => Promise<void> | void;
}

export type LoopOutcome = (
  | { status: 'completed'; epochsDone: number; stoppedEarly?: StoppedEarly }
  | { status: 'stopped'; epochsDone: number }
  | { status: 'diverged'; epochsDone: number; epoch: number; batch: number; reason?: string }
) & {
  /** The best epoch by the watched value, over the whole run (also epochs before a resume). */
  best?: BestEpoch;
  /** training.earlyStopping.restoreBest: the run's saved models should be the best epoch's. */
  restoreBest: boolean;
};

export function batchCount(samples: number, batchSize: number): number {
  return Math.ceil(samples / batchSize);
}

export async function trainLoop(options: TrainLoopOptions): Promise<LoopOutcome> {
  const { train, training, autoencoder } = options;
  const batches = batchCount(train.count, training.batchSize);
  let epochsDone = options.startEpoch ?? 0;
  const aids = new TrainingAids({ training, epochs: options.epochs, beta: autoencoder.klWeight?.full, hasValidation: options.validation.count > 0, history: options.history ?? [], onLog: options.onLog });
  const ended = <T extends object>(outcome: T) => ({ ...outcome, best: aids.bestSoFar, restoreBest: aids.restoresBest });
  if (epochsDone >= options.epochs) return ended({ status: 'completed', epochsDone });
  const step = await createTrainStep({ ...options, batchSize: training.batchSize, clipNorm: training.clipNorm });
  try {
    for (let epoch = epochsDone + 1; epoch <= options.epochs; epoch++) {
      const started = performance.now();
      const settings = aids.settingsFor(epoch);
      applySettings(options.optimizer, autoencoder, settings);
      await step.startEpoch?.(settings);
      const result = await runEpoch(options, step, epoch, batches);
      if (result.outcome === 'diverged') return ended({ status: 'diverged', epochsDone, epoch, batch: result.batch });
      if (result.outcome === 'stopped') return ended({ status: 'stopped', epochsDone });
      const validation = evaluate(autoencoder, options.validation, training);
      const seconds = (performance.now() - started) / 1000;
      const metrics: EpochMetrics = {
        epoch,
        loss: result.loss,
        val_loss: validation?.loss ?? null,
        seconds: round(seconds, 3),
        samples_per_second: round(train.count / seconds, 1),
        threads: step.threads,
        // Exactly what the epoch trained with, unrounded.
        lr: settings.learningRate,
        ...(settings.klWeight !== undefined ? { beta: settings.klWeight } : {}),
        ...result.components,
        ...(validation ? prefixKeys('val_', validation.components) : {}),
      };
      const verdict = aids.afterEpoch(metrics);
      if (verdict.improved && aids.bestSoFar) await options.onBest?.(aids.bestSoFar);
      await options.onEpoch(metrics);
      epochsDone = epoch;
      // The kind's own end of training (the AAE's lost game): told like a divergence, after the epoch is recorded.
      const collapse = autoencoder.afterEpoch?.(metrics);
      if (collapse) return ended({ status: 'diverged', epochsDone, epoch, batch: batches, reason: collapse });
      if (verdict.stop) {
        const { monitor, best, bestEpoch } = verdict.stop;
        options.onLog?.('info', `early stopping after epoch ${epoch} of ${options.epochs}: ${monitor} has not improved by more than ${training.earlyStopping?.minDelta} for ${training.earlyStopping?.patience} epochs (best ${best} at epoch ${bestEpoch})`);
        return ended({ status: 'completed', epochsDone, stoppedEarly: verdict.stop });
      }
      if (options.shouldStop()) return ended({ status: 'stopped', epochsDone });
    }
    return ended({ status: 'completed', epochsDone });
  } finally {
    step.dispose();
    // Evaluation and generation after training use the model's own KL weight, not the last epoch's scheduled one.
    if (autoencoder.klWeight) autoencoder.klWeight.value = autoencoder.klWeight.full;
  }
}

/**
 * The epoch's learning rate (also for a kind's extra optimizers, in proportion) and KL weight, on the main thread
 * (replicas get them from step.startEpoch).
 */
function applySettings(optimizer: tf.Optimizer, autoencoder: Autoencoder, settings: EpochSettings): void {
  if (hasLearningRateSetter(optimizer)) optimizer.setLearningRate(settings.learningRate);
  for (const part of autoencoder.auxiliary ?? []) {
    if (hasLearningRateSetter(part.optimizer)) part.optimizer.setLearningRate(settings.learningRate * part.learningRateScale);
  }
  if (autoencoder.klWeight && settings.klWeight !== undefined) autoencoder.klWeight.value = settings.klWeight;
}

type EpochResult =
  | { outcome: 'done'; loss: number; components: Record<string, number> }
  | { outcome: 'stopped' }
  | { outcome: 'diverged'; batch: number };

async function runEpoch(options: TrainLoopOptions, step: TrainStep, epoch: number, batches: number): Promise<EpochResult> {
  const { train, training } = options;
  const order = seededPermutation(train.count, training.seed * 7919 + epoch);
  const size = sampleSize(train);
  const samples = new Float32Array(training.batchSize * size);
  const labels = batchLabels(options.autoencoder, train, training.batchSize);
  const totals = new LossAccumulator();
  options.autoencoder.epochStats?.reset(epoch);

  try {
    for (let batch = 0; batch < batches; batch++) {
      const start = batch * training.batchSize;
      const rows = Math.min(training.batchSize, train.count - start);
      fillBatch(train, order, start, rows, samples);
      if (labels) for (let i = 0; i < rows; i++) labels[i] = train.labels![order[start + i]];
      await step.run({ samples, rows, sampleShape: train.sampleShape, noiseSeed: training.seed * 1_000_003 + epoch * 10_007 + batch, labels }, totals);
      const isLast = batch === batches - 1;
      if ((batch + 1) % LOSS_READ_INTERVAL === 0 || isLast) {
        const running = totals.meanLoss();
        if (!Number.isFinite(running)) return { outcome: 'diverged', batch: batch + 1 };
        options.onBatch?.(epoch, batch + 1, batches, running);
      } else {
        options.onBatch?.(epoch, batch + 1, batches);
      }
      await new Promise((resolve) => setImmediate(resolve));
      if (options.shouldStop() && !isLast) return { outcome: 'stopped' };
    }
    return { outcome: 'done', loss: round(totals.meanLoss(), 6), components: { ...totals.meanComponents(), ...options.autoencoder.epochStats?.read() } };
  } finally {
    totals.dispose();
  }
}

/** A batch's labels buffer for conditional kinds (checkTrainable has made sure the data has labels), else none. */
function batchLabels(autoencoder: Autoencoder, train: Dataset, batchSize: number): Int32Array | undefined {
  if (!autoencoder.conditional) return undefined;
  if (!train.labels) throw new Error('a conditional autoencoder needs labelled training data');
  return new Int32Array(batchSize);
}

function prefixKeys(prefix: string, values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix}${k}`, v]));
}
