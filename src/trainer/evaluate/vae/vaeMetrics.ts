// Likelihood and latent-usage metrics for the VAE kinds (vae, beta-vae, conv-vae): the `vae` section of evaluation.json.
//
// NLL: the ELBO only bounds log p(x) from below, so a VAE's own loss overstates its NLL by an unknown gap. Importance
// sampling with the encoder's q(z|x) as proposal, log p(x) ≈ logsumexp_i [log p(x|z_i) + log p(z_i) − log q(z_i|x)] − log k,
// is a bound that tightens as k grows and equals the ELBO at k = 1 (Burda, Grosse & Salakhutdinov 2016, "Importance
// Weighted Autoencoders"); it is how published VAE NLLs are computed. Active units follow the same paper: a latent unit
// is active when its posterior mean varies over the data (Var_x E_q[z_j] > ACTIVE_UNIT_THRESHOLD); a collapsed unit
// echoes the prior whatever the input.
//
// Every sample draws its own seeded noise (seed and sample index), so results repeat exactly and do not depend on how
// the work is batched. Log weights come back to JS and are reduced in float64 (stable logsumexp).
import * as tf from '@tensorflow/tfjs';
import { modelInputs } from '../../models/conditioning';
import { ACTIVE_UNIT_THRESHOLD, type VaeSection } from '../../../protocol/evaluation';

export interface VaeModels {
  /** Outputs [z_mean, z_log_var], each [n, latentDim] (src/trainer/models/variational.ts). */
  encoder: tf.LayersModel;
  /** Maps z ([n, latentDim]) to outputs of the sample shape. */
  decoder: tf.LayersModel;
}

export interface VaeEvaluationOptions {
  /** The run's loss picks the likelihood: bce -> Bernoulli, mse -> Gaussian with unit variance. */
  loss: 'bce' | 'mse';
  /** Importance samples per data sample (k). */
  nllSamples: number;
  seed: number;
  /** Data samples per encoder pass (default 64). */
  batchSize?: number;
}

/** Same clipping as the project's BCE (src/trainer/models/losses.ts), so the likelihood matches the training loss. */
const EPSILON = 1e-7;
const LOG_2PI = Math.log(2 * Math.PI);
/** Floats held at once (the decoder's activations for one chunk of draws, or a batch's noise): bounds memory for any k. */
const DECODE_BUDGET = 4_000_000;
const DEFAULT_BATCH = 64;

/**
 * x: `count` samples row-major in the run's scale; sampleShape per sample. Synchronous (reads back with dataSync);
 * no tensor outlives the call.
 */
export function vaeMetrics(models: VaeModels, x: Float32Array, count: number, sampleShape: number[], options: VaeEvaluationOptions): VaeSection {
  const size = sampleShape.reduce((a, b) => a * b, 1);
  checkInputs(x, count, size, options);
  const k = options.nllSamples;
  // The noise for a batch ([batch, k, latentDim]) stays within the budget too.
  const noisePerSample = k * flatSize(models.encoder.outputs[0].shape);
  const batch = Math.min(options.batchSize ?? DEFAULT_BATCH, count, Math.max(1, Math.floor(DECODE_BUDGET / noisePerSample)));
  const drawsPerChunk = Math.max(1, Math.min(k, Math.floor(DECODE_BUDGET / (batch * decoderFloatsPerDraw(models.decoder, size)))));

  let latentDim = 0;
  let means = new Float64Array(0);
  let klPerDim = new Float64Array(0);
  let nllSum = 0;
  let reconSum = 0;
  for (let start = 0; start < count; start += batch) {
    const rows = Math.min(batch, count - start);
    const result = evaluateBatch(models, x.subarray(start * size, (start + rows) * size), rows, sampleShape, k, drawsPerChunk, options, start);
    if (start === 0) {
      latentDim = result.latentDim;
      means = new Float64Array(count * latentDim);
      klPerDim = new Float64Array(latentDim);
    }
    means.set(result.mean, start * latentDim);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < latentDim; j++) {
        const m = result.mean[r * latentDim + j];
        const logVar = result.logVar[r * latentDim + j];
        // ½(μ² + σ² − log σ² − 1) ≥ 0; the clamp only absorbs rounding.
        klPerDim[j] += Math.max(0, 0.5 * (m * m + Math.exp(logVar) - logVar - 1));
      }
      nllSum -= logMeanExp(result.logWeights.subarray(r * k, (r + 1) * k));
      reconSum -= mean(result.logLikelihoods.subarray(r * k, (r + 1) * k));
    }
  }

  const klPerDimension = Array.from(klPerDim, (v) => v / count);
  const kl = klPerDimension.reduce((a, b) => a + b, 0);
  const reconstruction = reconSum / count;
  const variances = columnVariances(means, count, latentDim);
  return {
    nll: { value: nllSum / count, samples: k, likelihood: options.loss === 'bce' ? 'bernoulli' : 'gaussian' },
    elbo: { reconstruction, kl, negativeElbo: reconstruction + kl },
    activeUnits: { count: variances.filter((v) => v > ACTIVE_UNIT_THRESHOLD).length, total: latentDim, threshold: ACTIVE_UNIT_THRESHOLD, variances },
    klPerDimension,
  };
}

function checkInputs(x: Float32Array, count: number, size: number, options: VaeEvaluationOptions): void {
  if (!Number.isInteger(count) || count < 1) throw new Error(`vaeMetrics: count must be a positive integer, got ${count}`);
  if (x.length < count * size) throw new Error(`vaeMetrics: x holds ${x.length} values, expected ${count} samples × ${size} = ${count * size}`);
  if (!Number.isInteger(options.nllSamples) || options.nllSamples < 1) throw new Error(`vaeMetrics: nllSamples must be a positive integer, got ${options.nllSamples}`);
  if (options.batchSize !== undefined && (!Number.isInteger(options.batchSize) || options.batchSize < 1)) {
    throw new Error(`vaeMetrics: batchSize must be a positive integer, got ${options.batchSize}`);
  }
}

interface BatchResult {
  latentDim: number;
  mean: Float32Array;
  logVar: Float32Array;
  /** [rows, k]: log p(x|z_i) + log p(z_i) − log q(z_i|x). */
  logWeights: Float64Array;
  /** [rows, k]: log p(x|z_i). */
  logLikelihoods: Float64Array;
}

function evaluateBatch(
  { encoder, decoder }: VaeModels,
  samples: Float32Array,
  rows: number,
  sampleShape: number[],
  k: number,
  drawsPerChunk: number,
  options: VaeEvaluationOptions,
  firstIndex: number,
): BatchResult {
  const size = samples.length / rows;
  const [meanT, logVarT, noise] = tf.tidy(() => {
    // A conditional encoder (cvae) gets the uniform label vector here: these metrics are of the unlabelled input.
    const outputs = encoder.apply(modelInputs(encoder, tf.tensor(samples, [rows, ...sampleShape])), { training: false });
    if (!Array.isArray(outputs) || outputs.length !== 2) {
      throw new Error(`vaeMetrics: the encoder must output [z_mean, z_log_var] (a VAE encoder), got ${Array.isArray(outputs) ? outputs.length : 1} output(s)`);
    }
    const [m, lv] = (outputs as tf.Tensor[]).map((t) => t.reshape([rows, -1]) as tf.Tensor2D);
    const dim = m.shape[1];
    // One seeded draw per data sample: [rows, k, latentDim].
    const eps = tf.stack(Array.from({ length: rows }, (_, r) => tf.randomNormal([k, dim], 0, 1, 'float32', sampleSeed(options.seed, firstIndex + r))));
    return [m, lv, eps] as [tf.Tensor2D, tf.Tensor2D, tf.Tensor3D];
  });
  const latentDim = meanT.shape[1];
  const logWeights = new Float64Array(rows * k);
  const logLikelihoods = new Float64Array(rows * k);
  try {
    for (let from = 0; from < k; from += drawsPerChunk) {
      const draws = Math.min(drawsPerChunk, k - from);
      const [logPx, logRatio] = tf.tidy(() => {
        const eps = noise.slice([0, from, 0], [rows, draws, latentDim]);
        const mu = meanT.expandDims(1);
        const logVar = logVarT.expandDims(1);
        const z = mu.add(logVar.mul(0.5).exp().mul(eps)); // [rows, draws, latentDim]
        const y = (decoder.apply(modelInputs(decoder, z.reshape([rows * draws, latentDim])), { training: false }) as tf.Tensor).reshape([rows, draws, -1]);
        if (y.shape[2] !== size) throw new Error(`vaeMetrics: the decoder outputs ${y.shape[2]} values per sample, expected ${size} (the sample shape ${sampleShape.join('×')})`);
        const target = tf.tensor(samples, [rows, 1, size]);
        // log p(z) − log q(z|x) = −½Σz² + ½Σ(ε² + log σ²): the 2π terms cancel, and (z − μ)²/σ² is ε².
        const ratio = z.square().sum(2).sub(eps.square().sum(2)).sub(logVar.sum(2)).mul(-0.5);
        return [logLikelihood(options.loss, target, y), ratio];
      });
      const px = logPx.dataSync();
      const ratio = logRatio.dataSync();
      logPx.dispose();
      logRatio.dispose();
      for (let r = 0; r < rows; r++) {
        for (let i = 0; i < draws; i++) {
          const at = r * k + from + i;
          logLikelihoods[at] = px[r * draws + i];
          logWeights[at] = px[r * draws + i] + ratio[r * draws + i];
        }
      }
    }
    return { latentDim, mean: meanT.dataSync() as Float32Array, logVar: logVarT.dataSync() as Float32Array, logWeights, logLikelihoods };
  } finally {
    tf.dispose([meanT, logVarT, noise]);
  }
}

/** log p(x|z) summed over the sample's values: target [rows, 1, D] against outputs [rows, draws, D] -> [rows, draws]. */
function logLikelihood(loss: 'bce' | 'mse', target: tf.Tensor, y: tf.Tensor): tf.Tensor {
  if (loss === 'mse') {
    const size = target.shape[2] as number;
    return tf.squaredDifference(target, y).sum(2).mul(-0.5).sub(0.5 * size * LOG_2PI);
  }
  const clipped = y.clipByValue(EPSILON, 1 - EPSILON);
  return target.mul(clipped.log()).add(tf.scalar(1).sub(target).mul(tf.scalar(1).sub(clipped).log())).sum(2);
}

/** Distinct, reproducible noise per data sample, whatever the batching. */
function sampleSeed(seed: number, index: number): number {
  return seed * 1_000_003 + index;
}

/** What one decoded draw costs in floats held until its chunk ends: every decoder activation plus the likelihood's temporaries. */
function decoderFloatsPerDraw(decoder: tf.LayersModel, size: number): number {
  let floats = 4 * size;
  for (const layer of decoder.layers) {
    const shapes = (Array.isArray(layer.outputShape[0]) ? layer.outputShape : [layer.outputShape]) as (number | null)[][];
    for (const shape of shapes) floats += flatSize(shape);
  }
  return floats;
}

/** Values per sample of a symbolic shape (the batch dimension dropped). */
function flatSize(shape: (number | null)[]): number {
  return shape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1);
}

/** log((1/n) Σ exp(v_i)), shifted by the maximum so no term overflows. */
function logMeanExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]);
  if (max === -Infinity || !Number.isFinite(max)) return max;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(values[i] - max);
  return max + Math.log(sum / values.length);
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Population variance of each column of a [rows, columns] matrix (two passes, float64). */
function columnVariances(matrix: Float64Array, rows: number, columns: number): number[] {
  return Array.from({ length: columns }, (_, j) => {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += matrix[r * columns + j];
    const m = sum / rows;
    let squares = 0;
    for (let r = 0; r < rows; r++) squares += (matrix[r * columns + j] - m) ** 2;
    return squares / rows;
  });
}
