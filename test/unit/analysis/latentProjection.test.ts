// The latent scatter's 2-D projection: PCA by full SVD for small codes, by NIPALS (two components only) for large
// conv codes; both must recover the directions of largest variance.
import { describe, expect, it } from 'vitest';
import { projectCodes } from '../../../src/trainer/analysis/latentProjection';

/** Codes spread mostly along two orthogonal directions (scales 10 and 3) plus small noise in every dimension. */
function planeCodes(count: number, dim: number): { codes: Float32Array; truth: [number, number][] } {
  const codes = new Float32Array(count * dim);
  const truth: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const a = 10 * Math.sin(i * 1.3), b = 3 * Math.cos(i * 0.7);
    truth.push([a, b]);
    for (let j = 0; j < dim; j++) {
      const u = j % 2 === 0 ? 1 / Math.sqrt(Math.ceil(dim / 2)) : 0;
      const v = j % 2 === 1 ? 1 / Math.sqrt(Math.floor(dim / 2)) : 0;
      codes[i * dim + j] = a * u + b * v + 0.01 * Math.sin(i * 7.1 + j * 3.3);
    }
  }
  return { codes, truth };
}

function correlation(x: number[], y: number[]): number {
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const [mx, my] = [mean(x), mean(y)];
  const cov = x.reduce((s, v, i) => s + (v - mx) * (y[i] - my), 0);
  const norm = (a: number[], m: number) => Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0));
  return cov / (norm(x, mx) * norm(y, my));
}

describe('projectCodes with PCA', () => {
  it.each([[16], [1568]])('recovers the two main directions of %i-dimensional codes', (dim) => {
    const count = 300;
    const { codes, truth } = planeCodes(count, dim);
    const points = projectCodes(codes, count, dim, 'pca');
    expect(points).toHaveLength(count * 2);
    const first = Array.from({ length: count }, (_, i) => points[i * 2]);
    const second = Array.from({ length: count }, (_, i) => points[i * 2 + 1]);
    expect(Math.abs(correlation(first, truth.map((t) => t[0])))).toBeGreaterThan(0.999);
    expect(Math.abs(correlation(second, truth.map((t) => t[1])))).toBeGreaterThan(0.999);
  });
});

describe('the latent message of a tiny validation set', () => {
  it('shows one or two codes by their first two values instead of failing in UMAP at the last epoch', async () => {
    const tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    const { latentMessage } = await import('../../../src/trainer/analysis/epochAnalysis');
    const { buildAutoencoder } = await import('../../../src/trainer/models/buildAutoencoder');
    const { experimentSchema } = await import('../../../src/protocol/experiment');
    const { emptyDropped } = await import('../../../src/trainer/data/dataset');
    const experiment = experimentSchema.parse({ name: 'tiny', kind: 'deep', data: { source: 'x.csv' }, model: { hidden: [8], latentDim: 4 } });
    const autoencoder = buildAutoencoder(experiment, [6]);
    const one = { x: Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]), count: 1, sampleShape: [6], normalization: { kind: 'none' as const }, dropped: emptyDropped(), notes: [] };
    const message = latentMessage(autoencoder, one, 3, true, 1)!;
    expect(message.method).toBe('identity');
    expect(Array.from(message.points)).toEqual(Array.from(message.codes.slice(0, 2)));
  });
});
