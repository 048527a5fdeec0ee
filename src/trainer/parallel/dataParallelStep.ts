// A training step split across replica threads: the main thread (replica 0) and each worker take a share of the
// batch's rows, compute gradients of their rows' mean loss, and all apply the row-weighted combination, so every
// replica's model stays identical to the main one. If a worker fails, that step and all later ones run locally.
import * as tf from '@tensorflow/tfjs';
import type { Autoencoder } from '../models/types';
import { maybeClip } from '../loop/clipGradients';
import type { LossAccumulator } from '../loop/lossAccumulator';
import type { EpochSettings } from '../loop/trainingAids';
import type { StepBatch, TrainStep } from '../loop/trainStep';
import { combineGradients, publishGradients, splitRows, type Layout } from './gradientExchange';
import type { ReplicaPool } from './replicaPool';
import type { NamedValues } from './replicaMessages';
import { computeGradients, disposeResult, missingGradients } from './replicaStep';
import { flatOffsets } from './variableOrder';

/** Distinct corruption noise per replica for the same batch. */
const NOISE_SEED_STRIDE = 100_003;

export class DataParallelStep implements TrainStep {
  private readonly layout: Layout;
  private step = 0;
  private broken = false;

  constructor(
    private readonly pool: ReplicaPool,
    private readonly autoencoder: Autoencoder,
    private readonly optimizer: tf.Optimizer,
    private readonly variables: tf.Variable[],
    private readonly local: TrainStep,
    private readonly clipNorm: number | undefined,
    private readonly onFallback: (reason: string) => void,
  ) {
    const shapes = variables.map((v) => v.shape);
    this.layout = { names: variables.map((v) => v.name), shapes, offsets: flatOffsets(shapes).offsets };
  }

  get threads(): number {
    return this.broken ? 1 : this.pool.channel.replicas;
  }

  async startEpoch(settings?: EpochSettings): Promise<void> {
    if (this.broken) return;
    try {
      await this.pool.sync(modelValues(this.autoencoder), await optimizerValues(this.optimizer), settings);
    } catch (error) {
      this.abandon(error instanceof Error ? error.message : String(error));
    }
  }

  async run(batch: StepBatch, totals: LossAccumulator): Promise<void> {
    if (this.broken) return this.local.run(batch, totals);
    const { channel } = this.pool;
    const step = ++this.step;
    const rows = splitRows(batch.rows, channel.replicas);
    const size = batch.sampleShape.reduce((a, b) => a * b, 1);
    for (let r = 1, start = rows[0]; r < rows.length; start += rows[r], r++) channel.input(r).set(batch.samples.subarray(start * size, (start + rows[r]) * size));
    this.pool.startStep(step, rows, (r) => batch.noiseSeed + r * NOISE_SEED_STRIDE);

    const mine = computeGradients(this.autoencoder, this.variables, batch.samples, rows[0], batch.sampleShape, batch.noiseSeed);
    try {
      const missing = missingGradients(mine, this.layout);
      if (missing.length > 0) return this.fallBack(`no gradient for ${missing.join(', ')}`, batch, totals);
      publishGradients(channel.gradients(0, step), mine.grads, this.layout);
      channel.publish(0, step);
      if (!(await this.pool.waitForStep(step))) return this.fallBack(this.pool.failure ?? 'replicas timed out', batch, totals);
      const combined = combineGradients(0, mine.grads, (r) => channel.gradients(r, step), rows, this.layout);
      const clipped = maybeClip(combined, this.clipNorm);
      this.optimizer.applyGradients(clipped);
      tf.dispose([...Object.values(combined), ...Object.values(clipped)]);
      totals.add(mine.loss, mine.components, rows[0]);
      const names = Object.keys(mine.components);
      for (let r = 1; r < rows.length; r++) {
        if (rows[r] === 0) continue;
        const losses = channel.losses(r);
        totals.addHost(losses[0], Object.fromEntries(names.map((name, i) => [name, losses[i + 1]])), rows[r]);
      }
    } finally {
      disposeResult(mine);
    }
  }

  dispose(): void {
    this.pool.dispose();
    this.local.dispose();
  }

  private fallBack(reason: string, batch: StepBatch, totals: LossAccumulator): Promise<void> | void {
    this.abandon(reason);
    return this.local.run(batch, totals);
  }

  private abandon(reason: string): void {
    if (this.broken) return;
    this.broken = true;
    this.pool.dispose();
    this.onFallback(reason);
  }
}

function modelValues(autoencoder: Autoencoder): NamedValues[] {
  return [...autoencoder.encoder.getWeights(), ...autoencoder.decoder.getWeights()].map((w, i) => ({ name: String(i), shape: w.shape, values: w.dataSync() as Float32Array }));
}

async function optimizerValues(optimizer: tf.Optimizer): Promise<NamedValues[]> {
  const weights = await optimizer.getWeights();
  const values = weights.map(({ name, tensor }) => ({ name, shape: tensor.shape, values: tensor.dataSync() as Float32Array }));
  // getWeights returns the live slot variables plus a fresh iteration scalar: free only the latter.
  weights.forEach(({ tensor }) => tensor instanceof tf.Variable || tensor.dispose());
  return values;
}
