import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { featureScores, type LabelledVectors } from '../../../../src/trainer/evaluate/metrics/featureScores';
import { knnAccuracy } from '../../../../src/trainer/evaluate/metrics/knnAccuracy';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** count points in dim dimensions around `classes` centres `spread` apart (unit noise), labels cycling through classes. */
function blobs(count: number, dim: number, classes: number, spread: number, seed: string): LabelledVectors {
  const random = seedrandom(seed);
  const centreRandom = seedrandom('centres');
  const normal = (r: () => number): number => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const centres = Array.from({ length: classes }, () => Array.from({ length: dim }, () => spread * normal(centreRandom)));
  const x = new Float32Array(count * dim);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % classes;
    for (let d = 0; d < dim; d++) x[i * dim + d] = centres[labels[i]][d] + normal(random);
  }
  return { x, labels, count, dim };
}

/** kNN by sorting every distance in plain JS: the independent computation for the tfjs distance pass. */
function sortedKnnAccuracy(train: LabelledVectors, validation: LabelledVectors, k: number, classes: number): number {
  let correct = 0;
  for (let q = 0; q < validation.count; q++) {
    const distances = Array.from({ length: train.count }, (_, i) => {
      let s = 0;
      for (let d = 0; d < train.dim; d++) s += (train.x[i * train.dim + d] - validation.x[q * train.dim + d]) ** 2;
      return { i, s };
    }).sort((a, b) => a.s - b.s);
    const votes = new Array<number>(classes).fill(0);
    let best = train.labels[distances[0].i];
    for (const { i } of distances.slice(0, k)) {
      votes[train.labels[i]]++;
      if (votes[train.labels[i]] > votes[best]) best = train.labels[i];
    }
    if (best === validation.labels[q]) correct++;
  }
  return correct / validation.count;
}

describe('featureScores', () => {
  it('scores well-separated blobs near 1 on every measure, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const scores = await featureScores(blobs(300, 8, 4, 10, 'train'), blobs(120, 8, 4, 10, 'validation'), 4, 1);
    expect(scores.dim).toBe(8);
    expect(scores.knnAccuracy).toBeGreaterThan(0.98);
    expect(scores.linearProbeAccuracy).toBeGreaterThan(0.98);
    expect(scores.kmeansNmi).toBeGreaterThan(0.95);
    expect(scores.kmeansAri).toBeGreaterThan(0.95);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('scores random labels near chance', async () => {
    const random = seedrandom('labels');
    const shuffle = (v: LabelledVectors): LabelledVectors => ({ ...v, labels: v.labels.map(() => Math.floor(random() * 4)) });
    const scores = await featureScores(shuffle(blobs(400, 8, 4, 10, 'train')), shuffle(blobs(400, 8, 4, 10, 'validation')), 4, 1);
    for (const accuracy of [scores.knnAccuracy, scores.linearProbeAccuracy]) expect(Math.abs(accuracy - 0.25)).toBeLessThan(0.1);
    expect(scores.kmeansNmi).toBeLessThan(0.05);
    expect(Math.abs(scores.kmeansAri)).toBeLessThan(0.05);
  });

  it('gives k-means NMI and ARI of exactly 1 when the clusters are the classes', async () => {
    const scores = await featureScores(blobs(40, 3, 3, 50, 'train'), blobs(60, 3, 3, 50, 'validation'), 3, 5);
    expect(scores.kmeansNmi).toBeCloseTo(1, 12);
    expect(scores.kmeansAri).toBeCloseTo(1, 12);
  });

  it('computes the same kNN accuracy as sorting every distance', async () => {
    const train = blobs(200, 6, 3, 1.5, 'overlap-train');
    const validation = blobs(90, 6, 3, 1.5, 'overlap-validation');
    const accuracy = await knnAccuracy(train, validation, 5, 3);
    expect(accuracy).toBeLessThan(1);
    expect(accuracy).toBe(sortedKnnAccuracy(train, validation, 5, 3));
  });

  it('rejects mismatched vectors and labels with a clear error', async () => {
    const train = blobs(10, 2, 2, 1, 'a');
    await expect(featureScores(train, blobs(10, 3, 2, 1, 'b'), 2, 1)).rejects.toThrow(/training vectors have 2 values, validation vectors 3/);
    await expect(featureScores(train, { ...train, labels: Int32Array.from(train.labels, () => 2) }, 2, 1)).rejects.toThrow(/validation label 2 is outside \[0, 2\)/);
  });
});
