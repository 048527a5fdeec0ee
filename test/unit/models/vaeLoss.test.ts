// The VAE loss pieces against hand-computed closed forms, and the sampling's reproducibility.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { klDivergence, summedReconstructionLoss } from '../../../src/trainer/models/losses';
import { buildTemplate, disposeAutoencoder, mnistBatch, useCpu } from './helpers';

beforeAll(useCpu);

const mean = [
  [0.5, -1.2, 0.0],
  [2.0, 0.3, -0.7],
];
const logVar = [
  [0.1, -0.5, 1.2],
  [-2.0, 0.0, 0.4],
];

describe('VAE loss terms', () => {
  it('KL matches -0.5 * sum(1 + logvar - mean^2 - exp(logvar)), averaged over the batch', () => {
    const perSample = mean.map((row, b) => -0.5 * row.reduce((sum, m, j) => sum + 1 + logVar[b][j] - m * m - Math.exp(logVar[b][j]), 0));
    const expected = (perSample[0] + perSample[1]) / 2;
    const kl = klDivergence(tf.tensor2d(mean), tf.tensor2d(logVar));
    expect(kl.dataSync()[0]).toBeCloseTo(expected, 5);
  });

  it('KL is zero for the prior itself', () => {
    expect(klDivergence(tf.zeros([4, 2]), tf.zeros([4, 2])).dataSync()[0]).toBeCloseTo(0, 7);
  });

  it('reconstruction BCE is summed over pixels and averaged over the batch', () => {
    const target = [
      [1, 0, 0.5],
      [0, 1, 0.25],
    ];
    const output = [
      [0.9, 0.2, 0.5],
      [0.3, 0.6, 0.1],
    ];
    const bce = (t: number, o: number) => -(t * Math.log(o) + (1 - t) * Math.log(1 - o));
    const expected = target.map((row, b) => row.reduce((s, t, j) => s + bce(t, output[b][j]), 0)).reduce((a, b) => a + b) / 2;
    expect(summedReconstructionLoss('bce', tf.tensor2d(target), tf.tensor2d(output)).dataSync()[0]).toBeCloseTo(expected, 5);
  });
});

describe('VAE loss on a model', () => {
  it('eval loss is deterministic (decodes z_mean) and equals recon + beta * KL', () => {
    const vae = buildTemplate('beta-vae');
    const x = mnistBatch(8);
    const read = (training: boolean) => {
      const { total, components } = vae.loss(x, x, training);
      return { total: total.dataSync()[0], recon: components.recon_loss.dataSync()[0], kl: components.kl_loss.dataSync()[0] };
    };
    const first = read(false);
    const second = read(false);
    expect(second).toEqual(first);
    expect(first.total).toBeCloseTo(first.recon + 4 * first.kl, 2);
    expect(first.kl).toBeGreaterThan(0);
    disposeAutoencoder(vae);
  });

  it('training samples z: a new draw every call, the same sequence for the same seed', () => {
    const draws = () => {
      const vae = buildTemplate('vae');
      const x = mnistBatch(8);
      const values = [0, 1, 2].map(() => vae.loss(x, x, true).components.recon_loss.dataSync()[0]);
      disposeAutoencoder(vae);
      return values;
    };
    const a = draws();
    expect(new Set(a).size).toBe(3);
    expect(draws()).toEqual(a);
  });

  it('encode returns z_mean: [batch, latentDim]', () => {
    const vae = buildTemplate('conv-vae');
    const x = mnistBatch(3);
    const code = vae.encode(x);
    const [zMean] = vae.encoder.predict(x) as tf.Tensor[];
    expect(code.shape).toEqual([3, 2]);
    expect(Array.from(code.dataSync())).toEqual(Array.from(zMean.dataSync()));
    expect(vae.generative).toBe(true);
    disposeAutoencoder(vae);
  });
});
