// A run's evaluation.json from its models, its training set and the set it is evaluated on: reconstruction metrics
// beside PCA and (denoising) the noisy input, anomaly detection by reconstruction error, features of the codes
// against the raw inputs, and the VAE likelihood. Every part that cannot be computed is a note, never a failure.
// Memory and time are bounded by evaluation.limit: both sets are seeded subsamples of at most that many samples.
import type * as tf from '@tensorflow/tfjs';
import type { Evaluation, VaeSection } from '../../protocol/evaluation';
import { EVALUATION_VERSION, evaluationSchema } from '../../protocol/evaluation';
import type { Experiment } from '../../protocol/experiment';
import { KINDS } from '../../protocol/kinds';
import { runBatch, type RunModels } from '../apply/runModels';
import { isImageShape, type Dataset } from '../data/dataset';
import { classNames } from '../data/labelSelection';
import { vaeMetrics } from './vae/vaeMetrics';
import { anomalySection } from './anomalySection';
import { audioSection } from './audioSection';
import { evaluationCorruption } from './evaluationCorruption';
import { EVALUATION_BATCH, evaluationSample, inUnitRange, rowsOf } from './evaluationSample';
import { featuresSection } from './featuresSection';
import { pcaBaseline } from './pcaBaselineOf';
import { ReconstructionRows } from './reconstructionRows';
import { checkStop, type StopCheck } from './evaluationStopped';


export interface RunToEvaluate {
  runId: string;
  experiment: Experiment;
  loss: Experiment['training']['loss'];
  models: RunModels;
  /** The encoder and decoder themselves: the VAE metrics need both code heads and the decoder. */
  layers: { encoder: tf.LayersModel; decoder: tf.LayersModel };
  /** data.json's anomaly threshold value, when the run has one. */
  threshold: number | null;
}

export interface EvaluationData {
  /** What the run trained on (PCA is fitted on it, kNN and the probe take their references from it). */
  train: Dataset;
  /** What is evaluated (labels, when it has them, in `train`'s class ids). */
  evaluation: Dataset;
  set: { kind: 'validation' | 'input'; path: string | null };
}

export interface EvaluateOptions {
  /** Overrides evaluation.nllSamples. */
  nllSamples?: number;
  /** Checked between batches; a stop ends the evaluation with EvaluationStopped. */
  shouldStop?: () => boolean;
}

export async function evaluateRun(run: RunToEvaluate, data: EvaluationData, options: EvaluateOptions = {}): Promise<Evaluation> {
  const started = performance.now();
  const { experiment, models, loss } = run;
  const { limit } = experiment.evaluation;
  const seed = experiment.training.seed;
  const stop: StopCheck = () => checkStop(options.shouldStop);
  const notes: string[] = [];
  const evaluated = evaluationSample(data.evaluation, limit, seed, data.set.kind === 'validation' ? 'evaluation set' : 'input', notes);
  if (evaluated.count === 0) throw new Error('there are no samples to evaluate');
  const references = evaluationSample(data.train, limit, seed + 1, 'training references (PCA fit, kNN and probe)', notes);
  const shape = evaluated.sampleShape;
  const unit = inUnitRange(evaluated);
  if (!unit) notes.push('reconstruction: the targets are not all in [0, 1], so BCE, PSNR and SSIM are not computed');
  await stop();
  const corruption = KINDS[experiment.kind].denoises ? evaluationCorruption(experiment.model.noise, shape, seed, evaluated.audio?.noise) : null;
  const pca = references.count > 0 ? pcaBaseline(references, models.latentDim, seed, notes) : skippedPca(notes);
  try {
    const rows = new ReconstructionRows(shape, { images: isImageShape(shape) && unit, bce: unit }, evaluated.labels ? classNames(evaluated) : null, { pca: pca !== null, noisyInput: corruption !== null });
    const codes = new Float32Array(evaluated.count * models.latentDim);
    const errors = new Float32Array(evaluated.count);
    const pcaErrors = new Float32Array(evaluated.count);
    for (let start = 0; start < evaluated.count; start += EVALUATION_BATCH) {
      await stop();
      const count = Math.min(EVALUATION_BATCH, evaluated.count - start);
      const clean = rowsOf(evaluated, start, count);
      const batchShape = [count, ...shape];
      const labels = evaluated.labels?.subarray(start, start + count);
      // The clean input is what anomaly scores and codes are of (as `aelab score` and `aelab encode` compute them).
      const plain = runBatch(models, clean, batchShape, loss);
      codes.set(plain.codes, start * models.latentDim);
      errors.set(plain.errors, start);
      const noisy = corruption?.apply(clean, batchShape, start);
      rows.add('model', clean, noisy ? runBatch(models, noisy, batchShape, loss).reconstructions : plain.reconstructions, count, labels);
      if (noisy) rows.add('noisyInput', clean, noisy, count, labels);
      if (pca) {
        const fromClean = pca.reconstruct(clean, count);
        pcaErrors.set(pca.errors(clean, fromClean, batchShape, loss), start);
        rows.add('pca', clean, noisy ? pca.reconstruct(noisy, count) : fromClean, count, labels);
      }
    }
    const reconstruction = { ...rows.section(), corruption: corruption?.description ?? null };
    await stop();
    const scored = { loss, model: { errors, threshold: () => run.threshold }, pca: pca && { errors: pcaErrors, threshold: () => pca.threshold(references, loss) } };
    const anomaly = anomalySection(experiment, evaluated, scored, notes);
    await stop();
    const features = await featuresSection(models, references, evaluated, codes, seed, stop, notes);
    await stop();
    const vae = KINDS[experiment.kind].generative ? vaeSection(run.layers, evaluated, experiment, options.nllSamples, notes) : null;
    await stop();
    const audio = audioSection(models, evaluated, experiment, notes);
    return checked({
      version: EVALUATION_VERSION,
      runId: run.runId,
      createdAt: new Date().toISOString(),
      set: { ...data.set, samples: evaluated.count, trainSamples: references.count },
      kind: experiment.kind,
      loss,
      latentDim: models.latentDim,
      reconstruction,
      anomaly,
      features,
      vae,
      ...(audio ? { audio } : {}),
      notes,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    });
  } finally {
    pca?.dispose();
  }
}

/** What is written and sent is what every reader accepts: a NaN (a model that outputs NaN) is an error here, not a damaged file. */
function checked(evaluation: Evaluation): Evaluation {
  const result = evaluationSchema.safeParse(evaluation);
  if (result.success) return evaluation;
  const issue = result.error.issues[0];
  throw new Error(`the evaluation has an invalid value at ${issue?.path.join('.')}: ${issue?.message} (does the model output NaN?)`);
}

function skippedPca(notes: string[]): null {
  notes.push('pca: no training samples to fit it on');
  return null;
}

/** The VAE metrics cost nllSamples decoder passes per sample, so they see at most evaluation.nllLimit samples. */
function vaeSection(layers: RunToEvaluate['layers'], evaluated: Dataset, experiment: Experiment, nllSamples: number | undefined, notes: string[]): VaeSection {
  const { nllLimit } = experiment.evaluation;
  const seed = experiment.training.seed;
  const sample = evaluationSample(evaluated, nllLimit, seed + 2, 'VAE metrics', notes, 'evaluation.nllLimit');
  return vaeMetrics(layers, sample.x, sample.count, sample.sampleShape, { loss: experiment.training.loss, nllSamples: nllSamples ?? experiment.evaluation.nllSamples, seed });
}
