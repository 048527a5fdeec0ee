// How useful vectors (a run's codes, or the raw inputs as the baseline) are for telling classes apart: kNN accuracy,
// linear-probe accuracy, and how well k-means (k = classes) on the validation vectors recovers the labels.
import { kmeans } from 'ml-kmeans';
import { KNN_K, type FeatureScores } from '../../../protocol/evaluation';
import { adjustedRandIndex, normalizedMutualInfo } from './clustering';
import { knnAccuracy } from './knnAccuracy';
import { linearProbeAccuracy } from './linearProbe';

export interface LabelledVectors {
  /** count × dim, row-major. */
  x: Float32Array;
  /** In [0, classes). */
  labels: Int32Array;
  count: number;
  dim: number;
}

export async function featureScores(train: LabelledVectors, validation: LabelledVectors, classes: number, seed: number): Promise<FeatureScores> {
  check(train, 'training', classes);
  check(validation, 'validation', classes);
  if (train.dim !== validation.dim) throw new Error(`feature scores: training vectors have ${train.dim} values, validation vectors ${validation.dim}`);
  const knn = await knnAccuracy(train, validation, KNN_K, classes);
  const probe = await linearProbeAccuracy(train, validation, classes, seed);
  const clusters = kmeansClusters(validation, classes, seed);
  return {
    dim: train.dim,
    knnAccuracy: knn,
    linearProbeAccuracy: probe,
    kmeansNmi: normalizedMutualInfo(validation.labels, clusters),
    kmeansAri: Math.max(-1, Math.min(1, adjustedRandIndex(validation.labels, clusters))),
  };
}

function kmeansClusters(vectors: LabelledVectors, classes: number, seed: number): number[] {
  const rows = Array.from({ length: vectors.count }, (_, i) => Array.from(vectors.x.subarray(i * vectors.dim, (i + 1) * vectors.dim)));
  const k = Math.min(classes, vectors.count);
  return kmeans(rows, k, { initialization: 'kmeans++', seed }).clusters;
}

function check(v: LabelledVectors, name: string, classes: number): void {
  if (v.count < 1) throw new Error(`feature scores: no ${name} vectors`);
  if (v.x.length !== v.count * v.dim) throw new Error(`feature scores: ${v.x.length} ${name} values is not ${v.count} vectors × ${v.dim}`);
  if (v.labels.length !== v.count) throw new Error(`feature scores: ${v.labels.length} ${name} labels for ${v.count} vectors`);
  for (const label of v.labels) {
    if (label < 0 || label >= classes) throw new Error(`feature scores: ${name} label ${label} is outside [0, ${classes})`);
  }
}
