// evaluation.json: how well a run does its jobs (reconstruction, denoising, anomaly detection, features, likelihood),
// each beside a baseline. One zod schema is the run file's validator, the IPC check and the type every reader uses.
// The webview imports types only from here.
import { z } from 'zod';

export const EVALUATION_VERSION = 1;
/** kNN accuracy uses this many neighbours (training codes -> validation codes). */
export const KNN_K = 5;
/** A latent unit is active when the variance of its posterior mean over the data is above this (Burda et al. 2016). */
export const ACTIVE_UNIT_THRESHOLD = 0.01;
/** The ROC curve keeps at most this many points (evenly thinned, first and last kept). */
export const MAX_ROC_POINTS = 201;

/**
 * PSNR is +Infinity for an exact reconstruction. JSON has no Infinity, so the file writes the string "Infinity" and the
 * reader turns it back (see `evaluationJsonReplacer` / `evaluationJsonReviver`); over IPC the number crosses as is.
 */
const metricValue = z.union([z.number(), z.literal(Infinity)]);
const fraction = z.number().min(0).max(1);
const count = z.number().int().nonnegative();

export const reconstructionMetricsSchema = z.object({
  mse: z.number().nonnegative(),
  mae: z.number().nonnegative(),
  /** Only when the targets are in [0, 1]. */
  bce: z.number().nonnegative().nullable(),
  /** Images only: mean over images of 10·log10(1 / MSE_i) on the [0, 1] pixel scale (dB); Infinity when exact. */
  psnr: metricValue.nullable(),
  /** Images only: mean SSIM over images (Wang et al. 2004, computed by ssim.js). */
  ssim: z.number().min(-1).max(1).nullable(),
});
export type ReconstructionMetrics = z.infer<typeof reconstructionMetricsSchema>;

/** The rows a metric table shows: the autoencoder, PCA with the same code size, and (denoising) the corrupted input. */
const reconstructionRows = {
  model: reconstructionMetricsSchema,
  /** Linear baseline: PCA with the run's code size, fitted on the training set. Null (with a note) when skipped. */
  pca: reconstructionMetricsSchema.nullable(),
  /** Denoising runs: the corrupted input itself against the clean target, so the gain is explicit. */
  noisyInput: reconstructionMetricsSchema.nullable(),
};

export const reconstructionSectionSchema = z.object({
  ...reconstructionRows,
  /** Denoising runs: how inputs were corrupted (e.g. "gaussian σ 0.5"); `model` and `pca` then see corrupted inputs. */
  corruption: z.string().nullable(),
  /** Per class, when the data has labels; in label order. */
  perClass: z.array(z.object({ label: z.string(), count, ...reconstructionRows })).nullable(),
});
export type ReconstructionSection = z.infer<typeof reconstructionSectionSchema>;

export const thresholdMetricsSchema = z.object({
  /** Scores above this are flagged as anomalies. */
  threshold: z.number(),
  precision: fraction,
  recall: fraction,
  f1: fraction,
  flagged: count,
});
export type ThresholdMetrics = z.infer<typeof thresholdMetricsSchema>;

export const rocCurveSchema = z.object({
  /** Same length; from (0, 0) to (1, 1), thresholds decreasing (the first is +Infinity in memory, written "Infinity"). */
  fpr: z.array(fraction),
  tpr: z.array(fraction),
  thresholds: z.array(metricValue),
});
export type RocCurve = z.infer<typeof rocCurveSchema>;

export const anomalyScoresSchema = z.object({
  auroc: fraction,
  /** Average precision (area under the precision-recall curve, step-wise, as scikit-learn computes it). */
  auprc: fraction,
  roc: rocCurveSchema,
  /** At the scorer's own threshold: the run's (data.json) for the model, PCA's by the same percentile rule. */
  atThreshold: thresholdMetricsSchema.nullable(),
  bestF1: thresholdMetricsSchema,
});
export type AnomalyScores = z.infer<typeof anomalyScoresSchema>;

export const anomalySectionSchema = z.object({
  /** Reconstruction error per sample (the run's loss) is the anomaly score; anomalies are the positive class. */
  metric: z.enum(['bce', 'mse']),
  normalLabels: z.array(z.string()),
  normalCount: count,
  anomalyCount: count,
  model: anomalyScoresSchema,
  pca: anomalyScoresSchema.nullable(),
});
export type AnomalySection = z.infer<typeof anomalySectionSchema>;

export const featureScoresSchema = z.object({
  /** Dimension of the vectors scored (the code size, or the number of raw input values). */
  dim: count,
  knnAccuracy: fraction,
  linearProbeAccuracy: fraction,
  /** k-means with k = number of classes on the validation vectors, against their labels. */
  kmeansNmi: fraction,
  kmeansAri: z.number().min(-1).max(1),
});
export type FeatureScores = z.infer<typeof featureScoresSchema>;

export const featuresSectionSchema = z.object({
  k: count,
  trainSamples: count,
  validationSamples: count,
  classes: count,
  codes: featureScoresSchema,
  /** The same scores on the raw inputs: do the codes help? */
  raw: featureScoresSchema,
});
export type FeaturesSection = z.infer<typeof featuresSectionSchema>;

export const vaeSectionSchema = z.object({
  /** Importance-sampled negative log-likelihood, -log (1/k) Σ p(x, z_i) / q(z_i | x), mean per sample, in nats. */
  nll: z.object({ value: z.number(), samples: count, likelihood: z.enum(['bernoulli', 'gaussian']) }),
  /** The negative ELBO per sample (nats) split into its reconstruction and KL parts: negativeElbo = reconstruction + kl. */
  elbo: z.object({ reconstruction: z.number(), kl: z.number().nonnegative(), negativeElbo: z.number() }),
  activeUnits: z.object({ count, total: count, threshold: z.number(), variances: z.array(z.number().nonnegative()) }),
  /** Mean KL(q(z_j | x) || N(0, 1)) per latent dimension, nats. */
  klPerDimension: z.array(z.number().nonnegative()),
});
export type VaeSection = z.infer<typeof vaeSectionSchema>;

const snrPair = z.object({
  /** Mean over clips, dB: the noisy mix against the clean clip, and the model's output against it. */
  noisy: z.number(),
  denoised: z.number(),
  /** denoised - noisy, mean over clips (dB). */
  improvement: z.number(),
});

/** Audio denoising runs: waveform metrics on clean evaluation clips mixed with white noise, denoised and rebuilt. */
export const audioSectionSchema = z.object({
  /** The SNR (dB) the clean clips were mixed at: the run's model.noise.snr. */
  mixSnr: z.number(),
  clips: count,
  /** Seconds of audio per clip. */
  clipSeconds: z.number().positive(),
  snr: snrPair,
  /** Scale-invariant SNR (Le Roux et al. 2019). */
  siSnr: snrPair,
});
export type AudioSection = z.infer<typeof audioSectionSchema>;

export const evaluationSchema = z.object({
  version: z.literal(EVALUATION_VERSION),
  runId: z.string(),
  createdAt: z.string(),
  /** What was evaluated: the run's validation split, or a file given to `aelab eval --input`. */
  set: z.object({ kind: z.enum(['validation', 'input']), path: z.string().nullable(), samples: count, trainSamples: count }),
  kind: z.string(),
  loss: z.enum(['bce', 'mse']),
  latentDim: count,
  reconstruction: reconstructionSectionSchema,
  anomaly: anomalySectionSchema.nullable(),
  features: featuresSectionSchema.nullable(),
  vae: vaeSectionSchema.nullable(),
  /** Audio denoising runs only (absent in older files). */
  audio: audioSectionSchema.nullable().optional(),
  /** Why a section or a baseline is missing, and any subsampling done. */
  notes: z.array(z.string()),
  seconds: z.number().nonnegative(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

/** JSON.stringify replacer for evaluation.json: ±Infinity as strings (JSON has none). */
export function evaluationJsonReplacer(_key: string, value: unknown): unknown {
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

/** JSON.parse reviver matching `evaluationJsonReplacer`. */
export function evaluationJsonReviver(_key: string, value: unknown): unknown {
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return value;
}
