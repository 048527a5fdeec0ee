// A custom training loop (not model.fit): one optimizer step per batch, losses read back only every few
// batches to avoid host-device syncs, and a yield to the event loop per batch so a stop request lands within one batch.
import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../protocol/experiment';
import type { EpochMetrics } from '../../protocol/trainerMessages';
import type { Dataset } from '../data/dataset';
import { sampleSize } from '../data/dataset';
import { seededPermutation } from '../data/split';
import type { Autoencoder } from '../models/types';
import { evaluate } from './evaluate';

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
}

export type LoopOutcome =
  | { status: 'completed' | 'stopped'; epochsDone: number }
  | { status: 'diverged'; epochsDone: number; epoch: number; batch: number };

export class Divergence extends Error {
  constructor(readonly epoch: number, readonly batch: number) {
    super(`training diverged: the loss became NaN or Infinity at epoch ${epoch}, batch ${batch}; try a lower training.learningRate`);
  }
}

export function batchCount(samples: number, batchSize: number): number {
  return Math.ceil(samples / batchSize);
}

export async function trainLoop(options: TrainLoopOptions): Promise<LoopOutcome> {
  const { train, training } = options;
  const batches = batchCount(train.count, training.batchSize);
  let epochsDone = options.startEpoch ?? 0;
  for (let epoch = epochsDone + 1; epoch <= options.epochs; epoch++) {
    const started = performance.now();
    const result = await runEpoch(options, epoch, batches);
    if (result.outcome === 'diverged') return { status: 'diverged', epochsDone, epoch, batch: result.batch };
    if (result.outcome === 'stopped') return { status: 'stopped', epochsDone };
    const validation = evaluate(options.autoencoder, options.validation, training);
    const seconds = (performance.now() - started) / 1000;
    await options.onEpoch({
      epoch,
      loss: result.loss,
      val_loss: validation?.loss ?? null,
      seconds: round(seconds, 3),
      samples_per_second: round(train.count / seconds, 1),
      ...result.components,
      ...(validation ? prefixKeys('val_', validation.components) : {}),
    });
    epochsDone = epoch;
    if (options.shouldStop()) return { status: 'stopped', epochsDone };
  }
  return { status: 'completed', epochsDone };
}

type EpochResult =
  | { outcome: 'done'; loss: number; components: Record<string, number> }
  | { outcome: 'stopped' }
  | { outcome: 'diverged'; batch: number };

async function runEpoch(options: TrainLoopOptions, epoch: number, batches: number): Promise<EpochResult> {
  const { autoencoder, optimizer, train, training } = options;
  const order = seededPermutation(train.count, training.seed * 7919 + epoch);
  const size = sampleSize(train);
  const buffer = new Float32Array(training.batchSize * size);
  const totals = new LossAccumulator();

  try {
    for (let batch = 0; batch < batches; batch++) {
      const start = batch * training.batchSize;
      const rows = Math.min(training.batchSize, train.count - start);
      for (let i = 0; i < rows; i++) buffer.set(train.x.subarray(order[start + i] * size, (order[start + i] + 1) * size), i * size);
      tf.tidy(() => {
        const clean = tf.tensor(buffer.subarray(0, rows * size), [rows, ...train.sampleShape]);
        const input = autoencoder.corrupt ? autoencoder.corrupt(clean, training.seed * 1_000_003 + epoch * 10_007 + batch) : clean;
        let components: Record<string, tf.Scalar> = {};
        const loss = optimizer.minimize(() => {
          const parts = autoencoder.loss(input, clean, true);
          components = parts.components;
          Object.values(components).forEach((c) => tf.keep(c));
          return parts.total;
        }, true) as tf.Scalar;
        totals.add(loss, components, rows);
        Object.values(components).forEach((c) => c.dispose());
      });
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
    return { outcome: 'done', loss: round(totals.meanLoss(), 6), components: totals.meanComponents() };
  } finally {
    totals.dispose();
  }
}

/** Sums losses on the device, weighted by batch size; reading it back is the only sync. */
class LossAccumulator {
  private loss: tf.Scalar | undefined;
  private components = new Map<string, tf.Scalar>();
  private samples = 0;

  add(loss: tf.Scalar, components: Record<string, tf.Scalar>, rows: number): void {
    this.loss = accumulate(this.loss, loss, rows);
    for (const [name, value] of Object.entries(components)) this.components.set(name, accumulate(this.components.get(name), value, rows));
    this.samples += rows;
  }

  meanLoss(): number {
    return this.loss ? this.loss.dataSync()[0] / this.samples : NaN;
  }

  meanComponents(): Record<string, number> {
    return Object.fromEntries([...this.components].map(([name, sum]) => [name, round(sum.dataSync()[0] / this.samples, 6)]));
  }

  dispose(): void {
    this.loss?.dispose();
    this.components.forEach((c) => c.dispose());
  }
}

function accumulate(sum: tf.Scalar | undefined, value: tf.Scalar, rows: number): tf.Scalar {
  const next = tf.keep(sum ? sum.add(value.mul(rows)) : value.mul(rows)) as tf.Scalar;
  sum?.dispose();
  return next;
}

function prefixKeys(prefix: string, values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix}${k}`, v]));
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
