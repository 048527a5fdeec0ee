// Do the codes help? kNN, a linear probe and k-means on the codes, and the same on the raw inputs. The training
// references (a seeded subsample of the training set) are the kNN neighbours and the probe's training data.
import * as tf from '@tensorflow/tfjs';
import { KNN_K, type FeaturesSection } from '../../protocol/evaluation';
import type { RunModels } from '../apply/runModels';
import { sampleSize, type Dataset } from '../data/dataset';
import { classNames } from '../data/labelSelection';
import { EVALUATION_BATCH, rowsOf } from './evaluationSample';
import type { StopCheck } from './evaluationStopped';
import { featureScores, type LabelledVectors } from './metrics/featureScores';


/** `codes`: the evaluated samples' codes (clean inputs), already computed. */
export async function featuresSection(
  models: RunModels,
  references: Dataset,
  evaluated: Dataset,
  codes: Float32Array,
  seed: number,
  stop: StopCheck,
  notes: string[],
): Promise<FeaturesSection | null> {
  if (!evaluated.labels) {
    notes.push('features: the evaluated samples have no labels');
    return null;
  }
  const present = new Set(evaluated.labels);
  if (present.size < 2) {
    notes.push('features: the evaluated samples have fewer than 2 classes');
    return null;
  }
  if (!references.labels || references.count === 0) {
    notes.push('features: the training set has no labelled samples to use as references');
    return null;
  }
  const trained = new Set(references.labels);
  const missing = [...present].filter((label) => !trained.has(label));
  if (missing.length > 0) {
    const names = classNames(evaluated);
    notes.push(`features: the training references have no sample of ${missing.length} evaluated class(es) (${missing.slice(0, 10).map((id) => names[id]).join(', ')}), which kNN and the probe can never predict`);
  }
  const classes = Math.max(classNames(evaluated).length, classNames(references).length);
  const vectors = (x: Float32Array, set: Dataset, dim: number): LabelledVectors => ({ x, labels: set.labels!, count: set.count, dim });
  const referenceCodes = await encodeAll(models, references, stop);
  const codeScores = await featureScores(vectors(referenceCodes, references, models.latentDim), vectors(codes, evaluated, models.latentDim), classes, seed);
  await stop();
  const size = sampleSize(evaluated);
  const rawScores = await featureScores(vectors(references.x, references, size), vectors(evaluated.x, evaluated, size), classes, seed);
  return { k: KNN_K, trainSamples: references.count, validationSamples: evaluated.count, classes: present.size, codes: codeScores, raw: rawScores };
}

async function encodeAll(models: RunModels, set: Dataset, stop: StopCheck): Promise<Float32Array> {
  const codes = new Float32Array(set.count * models.latentDim);
  for (let start = 0; start < set.count; start += EVALUATION_BATCH) {
    await stop();
    const rows = Math.min(EVALUATION_BATCH, set.count - start);
    const batch = tf.tidy(() => models.encode(tf.tensor(rowsOf(set, start, rows), [rows, ...set.sampleShape])).dataSync() as Float32Array);
    codes.set(batch, start * models.latentDim);
  }
  return codes;
}
