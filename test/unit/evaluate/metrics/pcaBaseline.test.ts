import * as tf from '@tensorflow/tfjs';
import { PCA } from 'ml-pca';
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitPcaBaseline } from '../../../../src/trainer/evaluate/metrics/pcaBaseline';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => tf.disposeVariables());

/** count samples of dim values: `scales.length` latent factors along random directions, plus isotropic noise. */
function lowRankData(count: number, dim: number, scales: number[], noise: number, seed: string): Float32Array {
  const random = seedrandom(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const directions = scales.map(() => Array.from({ length: dim }, normal));
  const offset = Array.from({ length: dim }, () => random() * 3);
  const data = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const factors = scales.map((s) => s * normal());
    for (let d = 0; d < dim; d++) {
      let v = offset[d] + noise * normal();
      for (let j = 0; j < scales.length; j++) v += factors[j] * directions[j][d];
      data[i * dim + d] = v;
    }
  }
  return data;
}

function mse(a: Float32Array, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s / a.length;
}

describe('fitPcaBaseline', () => {
  it('matches exact PCA (ml-pca): same subspace up to sign, reconstruction MSE within 1%', () => {
    const [count, dim, k] = [300, 40, 5];
    const data = lowRankData(count, dim, [5, 4, 3, 2, 1.5, 0.8, 0.5], 0.2, 'pca-compare');
    const rows = Array.from({ length: count }, (_, i) => Array.from(data.subarray(i * dim, (i + 1) * dim)));
    const exact = new PCA(rows, { center: true, scale: false });
    const vectors = exact.getEigenvectors().subMatrix(0, dim - 1, 0, k - 1);
    const means = Array.from({ length: dim }, (_, d) => rows.reduce((s, r) => s + r[d], 0) / count);
    const exactReconstruction = new Float64Array(count * dim);
    rows.forEach((row, i) => {
      const centred = row.map((v, d) => v - means[d]);
      for (let c = 0; c < k; c++) {
        const score = centred.reduce((s, v, d) => s + v * vectors.get(d, c), 0);
        for (let d = 0; d < dim; d++) exactReconstruction[i * dim + d] += score * vectors.get(d, c);
      }
      for (let d = 0; d < dim; d++) exactReconstruction[i * dim + d] += means[d];
    });

    const before = tf.memory().numTensors;
    const pca = fitPcaBaseline(data, count, dim, k, 1);
    const reconstruction = pca.reconstruct(data, count);
    expect(pca.components).toBe(k);
    const exactError = mse(data, exactReconstruction);
    expect(Math.abs(mse(data, reconstruction) - exactError) / exactError).toBeLessThan(0.01);
    // Same subspace: both reconstructions agree far more closely than either matches the data.
    expect(mse(reconstruction, exactReconstruction)).toBeLessThan(exactError * 1e-3);
    pca.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reconstructs data lying exactly in a k-dimensional affine subspace exactly, new samples included', () => {
    const [count, dim] = [200, 30];
    const data = lowRankData(count + 20, dim, [3, 2, 1], 0, 'pca-exact');
    const pca = fitPcaBaseline(data.subarray(0, count * dim), count, dim, 3, 7);
    expect(mse(data, pca.reconstruct(data, count + 20))).toBeLessThan(1e-8);
    pca.dispose();
  });

  it('keeps at most min(requested, dim, count) components, and rejects a mismatched input', () => {
    const data = lowRankData(6, 4, [1, 1], 0.1, 'pca-small');
    const pca = fitPcaBaseline(data, 6, 4, 10, 1);
    expect(pca.components).toBe(4);
    expect(mse(data, pca.reconstruct(data, 6))).toBeLessThan(1e-8);
    expect(() => pca.reconstruct(data, 5)).toThrow(/24 values is not 5 samples × 4/);
    pca.dispose();
    expect(() => fitPcaBaseline(data, 5, 4, 2, 1)).toThrow(/24 training values is not 5 samples × 4/);
  });
});
