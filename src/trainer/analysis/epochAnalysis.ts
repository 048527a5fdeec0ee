// What the dashboard needs after each epoch beyond metrics: latent codes and their projection, per-sample
// reconstruction errors (anomalies) and, for VAEs, samples from the prior. All in batches, all tidy.
import * as tf from '@tensorflow/tfjs';
import { samplesTensor } from '../data/samplesTensor';
import type { TrainingConfig } from '../../protocol/experiment';
import type { TrainerMessageOf } from '../../protocol/trainerMessages';
import type { Dataset } from '../data/dataset';
import { materialize, selectSamples } from '../data/validateSamples';
import { runThreshold } from '../apply/runThreshold';
import { perSampleReconstructionError } from '../models/losses';
import { labelsTensor, modelInputs } from '../models/conditioning';
import type { Autoencoder } from '../models/types';
import { MAX_VIEW_SAMPLES } from './displayValues';
import { MIN_PROJECTED_POINTS, projectCodes, UMAP_MAX_POINTS, type ProjectionMethod } from './latentProjection';

const BATCH = 1000;
/**
 * Training errors only set the anomaly threshold's default, so a sample of them is enough. 2,000 rather than 5,000:
 * on the conv-VAE the 6,000 forward passes took 6 s after each 13 s epoch.
 */
const MAX_TRAIN_ERRORS = 2000;
const PRIOR_SAMPLES = 16;
export const MANIFOLD_GRID = 15;
export const MANIFOLD_RANGE = 2;

/** `labels` reaches the model for conditional kinds only (undefined when the data has none: see models/conditioning). */
function inBatches<T extends tf.Tensor>(dataset: Dataset, count: number, run: (batch: tf.Tensor, labels?: tf.Tensor) => T): Float32Array[] {
  const parts: Float32Array[] = [];
  for (let start = 0; start < count; start += BATCH) {
    const rows = Math.min(BATCH, count - start);
    parts.push(tf.tidy(() => run(samplesTensor(dataset, start, rows), labelsTensor(dataset.labels, start, rows)).dataSync() as Float32Array));
  }
  return parts;
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Streamed training sets are read for the first `limit` samples only; in-memory ones are used as they are. */
export function inMemoryPrefix(dataset: Dataset, limit: number): Dataset {
  if (!dataset.stream) return dataset;
  return materialize(selectSamples(dataset, Int32Array.from({ length: Math.min(limit, dataset.count) }, (_, i) => i)));
}

export function latentMessage(autoencoder: Autoencoder, validation: Dataset, epoch: number, final: boolean, seed: number): TrainerMessageOf<'latent'> | undefined {
  const count = Math.min(validation.count, MAX_VIEW_SAMPLES);
  if (count === 0) return undefined;
  const codes = concat(inBatches(validation, count, (x, labels) => autoencoder.encode(x, labels)));
  const latentDim = codes.length / count;
  const method: ProjectionMethod = latentDim <= 2 || count < MIN_PROJECTED_POINTS ? 'identity' : final && count <= UMAP_MAX_POINTS ? 'umap' : 'pca';
  return { type: 'latent', epoch, method, latentDim, count, codes, points: projectCodes(codes, count, latentDim, method, seed) };
}

/**
 * Errors of the clean inputs, also for denoising runs: that is how the run's threshold is set and how new data is
 * scored, so the histogram, its default threshold and `aelab score` describe the same errors. The threshold is the
 * run's rule on these training errors; it is the one data.json keeps when the training set has at most
 * MAX_TRAIN_ERRORS samples, and an estimate from its first MAX_TRAIN_ERRORS otherwise.
 */
export function errorsMessage(autoencoder: Autoencoder, train: Dataset, validation: Dataset, epoch: number, training: TrainingConfig): TrainerMessageOf<'errors'> {
  const errorsOf = (dataset: Dataset, count: number) => concat(inBatches(dataset, count, (clean, labels) => perSampleReconstructionError(training.loss, clean, autoencoder.reconstruct(clean, labels))));
  const trainErrors = errorsOf(inMemoryPrefix(train, MAX_TRAIN_ERRORS), Math.min(train.count, MAX_TRAIN_ERRORS));
  // The run's own threshold is on other errors for series runs (per time point) and conditional runs (the uniform
  // label, as for new files); for them the view applies its rule to these errors instead of showing a different number.
  const threshold = train.series || autoencoder.conditional ? undefined : runThreshold(trainErrors);
  return {
    type: 'errors',
    epoch,
    metric: training.loss,
    train: trainErrors,
    validation: errorsOf(validation, Math.min(validation.count, MAX_VIEW_SAMPLES)),
    ...(threshold ? { threshold } : {}),
  };
}

/** Decoded samples of the N(0, I) prior, for the kinds whose row says `generates: 'prior'` (epochViews.ts asks the table). */
export function generatedMessage(autoencoder: Autoencoder, sampleShape: number[], epoch: number, seed: number): TrainerMessageOf<'generated'> | undefined {
  const latentDim = autoencoder.decoder.inputs[0].shape[1] as number;
  const size = sampleShape.reduce((a, b) => a * b, 1);
  const split = (all: Float32Array, n: number) => Array.from({ length: n }, (_, i) => all.slice(i * size, (i + 1) * size));
  const { conditional } = autoencoder;
  const prior = tf.tidy(() => {
    const z = tf.randomNormal([PRIOR_SAMPLES, latentDim], 0, 1, 'float32', seed);
    // Conditional kinds: the samples run through the classes in order (0, 1, ..., 0, 1, ...).
    const labels = conditional ? tf.tensor1d(Array.from({ length: PRIOR_SAMPLES }, (_, i) => i % conditional.classes), 'int32') : undefined;
    return (autoencoder.decoder.predict(modelInputs(autoencoder.decoder, z, labels)) as tf.Tensor).dataSync() as Float32Array;
  });
  const message: TrainerMessageOf<'generated'> = { type: 'generated', epoch, sampleShape, prior: split(prior, PRIOR_SAMPLES) };
  // The manifold decodes a 2-D code alone; a conditional decoder also needs a class, which its own view chooses.
  if (latentDim === 2 && !conditional) {
    const grid: number[] = [];
    const step = (2 * MANIFOLD_RANGE) / (MANIFOLD_GRID - 1);
    // Rows go from +range (top) to -range (bottom), as in the Keras blog's manifold plot.
    for (let row = 0; row < MANIFOLD_GRID; row++) for (let col = 0; col < MANIFOLD_GRID; col++) grid.push(-MANIFOLD_RANGE + col * step, MANIFOLD_RANGE - row * step);
    const images = tf.tidy(() => (autoencoder.decoder.predict(tf.tensor2d(grid, [MANIFOLD_GRID ** 2, 2])) as tf.Tensor).dataSync() as Float32Array);
    message.manifold = { gridSize: MANIFOLD_GRID, range: MANIFOLD_RANGE, images: split(images, MANIFOLD_GRID ** 2) };
  }
  return message;
}
