// The VAE metrics against known values and independent computations: hand-built VAEs whose likelihood is known in
// closed form, an encoder with exactly two active units, and a VAE trained for one epoch on MNIST (live and reloaded).
import * as tf from '@tensorflow/tfjs';
import { Matrix, determinant, inverse } from 'ml-matrix';
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVE_UNIT_THRESHOLD, vaeSectionSchema } from '../../../src/protocol/evaluation';
import { vaeMetrics, type VaeModels } from '../../../src/trainer/evaluate/vae/vaeMetrics';
import { LossAccumulator } from '../../../src/trainer/loop/lossAccumulator';
import { localStep } from '../../../src/trainer/loop/trainStep';
import { loadLayersModelFromDir } from '../../../src/trainer/runs/loadModel';
import { saveLayersModel } from '../../../src/trainer/runs/saveModel';
import { loadBuiltinDataset } from '../../../src/trainer/data/builtin';
import { tempWorkspace } from '../../helpers/experimentFiles';
import { buildTemplate, disposeAutoencoder, MNIST_SHAPE, useCpu } from '../models/helpers';

beforeAll(useCpu);

interface Affine {
  /** [in, out], as a dense layer's kernel. */
  kernel: number[][];
  bias: number[];
  activation?: 'sigmoid' | 'linear';
}

/** A model of one input of `inputShape` (flattened) and one dense output per head, with the given weights. */
function affineModel(inputShape: number[], heads: Affine[], outputShape?: number[]): tf.LayersModel {
  const input = tf.input({ shape: inputShape });
  const flat = inputShape.length > 1 ? (tf.layers.flatten().apply(input) as tf.SymbolicTensor) : input;
  const layers = heads.map((h) => tf.layers.dense({ units: h.bias.length, activation: h.activation ?? 'linear' }));
  let outputs = layers.map((layer) => layer.apply(flat) as tf.SymbolicTensor);
  if (outputShape) outputs = outputs.map((o) => tf.layers.reshape({ targetShape: outputShape }).apply(o) as tf.SymbolicTensor);
  const model = tf.model({ inputs: input, outputs: outputs.length === 1 ? outputs[0] : outputs });
  tf.tidy(() => layers.forEach((layer, i) => layer.setWeights([tf.tensor2d(heads[i].kernel), tf.tensor1d(heads[i].bias)])));
  return model;
}

const zeros = (rows: number, columns: number) => Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
const dispose = (models: VaeModels) => {
  models.encoder.dispose();
  models.decoder.dispose();
};

function uniformSamples(count: number, size: number, seed: string, round = false): Float32Array {
  const random = seedrandom(seed);
  return Float32Array.from({ length: count * size }, () => (round ? Math.round(random()) : random()));
}

describe('a VAE whose posterior is the prior and whose decoder outputs 0.5', () => {
  // Encoder: μ = 0, log σ² = 0 whatever x; decoder: sigmoid(0) = 0.5 whatever z. Then q = p(z), every importance weight
  // is p(x|z) = 0.5^D, so -log p(x) = D ln 2 exactly, the KL is 0 and no unit is active.
  const build = (sampleShape: number[], latentDim: number): VaeModels => {
    const size = sampleShape.reduce((a, b) => a * b, 1);
    const head = { kernel: zeros(size, latentDim), bias: new Array<number>(latentDim).fill(0) };
    return {
      encoder: affineModel(sampleShape, [head, head]),
      decoder: affineModel([latentDim], [{ kernel: zeros(latentDim, size), bias: new Array<number>(size).fill(0), activation: 'sigmoid' }], sampleShape),
    };
  };

  it.each([
    [[6], 3],
    [[2, 2, 1], 2],
  ])('sample shape %j, latent %i: NLL = D ln 2 = −ELBO, KL 0, no active unit', (sampleShape, latentDim) => {
    const models = build(sampleShape, latentDim);
    const size = sampleShape.reduce((a, b) => a * b, 1);
    const x = uniformSamples(10, size, 'bits', true);
    const before = tf.memory().numTensors;
    const section = vaeMetrics(models, x, 10, sampleShape, { loss: 'bce', nllSamples: 7, seed: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(vaeSectionSchema.parse(section)).toEqual(section);
    expect(section.nll).toEqual({ value: expect.closeTo(size * Math.LN2, 4), samples: 7, likelihood: 'bernoulli' });
    expect(section.elbo.kl).toBe(0);
    expect(section.elbo.reconstruction).toBeCloseTo(size * Math.LN2, 4);
    expect(section.elbo.negativeElbo).toBeCloseTo(section.nll.value, 4);
    expect(section.klPerDimension).toEqual(new Array(latentDim).fill(0));
    expect(section.activeUnits).toEqual({ count: 0, total: latentDim, threshold: ACTIVE_UNIT_THRESHOLD, variances: new Array(latentDim).fill(0) });
    dispose(models);
  });

  it('rejects an encoder that is not a VAE encoder and data of the wrong size, saying why', () => {
    const models = build([4], 2);
    const plain = affineModel([4], [{ kernel: zeros(4, 2), bias: [0, 0] }]);
    const x = new Float32Array(8);
    expect(() => vaeMetrics({ encoder: plain, decoder: models.decoder }, x, 2, [4], { loss: 'bce', nllSamples: 2, seed: 1 })).toThrow(/encoder must output \[z_mean, z_log_var\].*got 1 output/);
    expect(() => vaeMetrics(models, x, 3, [4], { loss: 'bce', nllSamples: 2, seed: 1 })).toThrow(/x holds 8 values, expected 3 samples × 4 = 12/);
    expect(() => vaeMetrics(models, x, 2, [4], { loss: 'bce', nllSamples: 0, seed: 1 })).toThrow(/nllSamples must be a positive integer, got 0/);
    expect(() => vaeMetrics(models, x, 2, [2], { loss: 'bce', nllSamples: 2, seed: 1 })).toThrow();
    plain.dispose();
    dispose(models);
  });
});

describe('a linear-Gaussian VAE, where log p(x) has a closed form', () => {
  // Decoder y = W z + b with unit-variance Gaussian noise and z ~ N(0, I): p(x) = N(x; b, W Wᵀ + I), and the exact
  // posterior is N(S Wᵀ (x − b), S) with S = (Wᵀ W + I)⁻¹ (diagonal here: W's columns are orthogonal).
  const W = new Matrix([
    [1, 0],
    [0, 2],
    [1, 0],
    [0, -0.5],
  ]);
  const b = [0.3, -0.2, 0.5, 0.1];
  const D = 4;
  const L = 2;
  const S = inverse(W.transpose().mmul(W).add(Matrix.eye(L)));
  const covariance = W.mmul(W.transpose()).add(Matrix.eye(D));
  const precision = inverse(covariance);
  const logDet = Math.log(determinant(covariance));

  function closedFormNll(x: Float32Array, count: number): number {
    let sum = 0;
    for (let i = 0; i < count; i++) {
      const d = Matrix.columnVector(Array.from(x.subarray(i * D, (i + 1) * D), (v, j) => v - b[j]));
      const mahalanobis = d.transpose().mmul(precision).mmul(d).get(0, 0);
      sum += 0.5 * (mahalanobis + logDet + D * Math.log(2 * Math.PI));
    }
    return sum / count;
  }

  /** Encoder μ = S Wᵀ (x − b) + meanShift, log σ² = log diag(S) + logVarShift. */
  function build(meanShift = 0, logVarShift = 0): VaeModels {
    const A = W.mmul(S); // [D, L] dense kernel of μ = (x − b) A
    const meanBias = Matrix.rowVector(b).mmul(A).mul(-1).add(meanShift).to1DArray();
    const logVar = { kernel: zeros(D, L), bias: [0, 1].map((j) => Math.log(S.get(j, j)) + logVarShift) };
    return {
      encoder: affineModel([D], [{ kernel: A.to2DArray(), bias: meanBias }, logVar]),
      decoder: affineModel([L], [{ kernel: W.transpose().to2DArray(), bias: b }]),
    };
  }

  const count = 20;
  const x = Float32Array.from(uniformSamples(count, D, 'gaussian-data'), (v) => 4 * v - 2);
  const exact = closedFormNll(x, count);

  it('checks the test itself: the posterior covariance is diagonal', () => {
    expect(S.get(0, 1)).toBe(0);
    expect(S.get(1, 0)).toBe(0);
  });

  it.each([1, 7, 100])('with the exact posterior the estimate equals the closed form for k = %i', (k) => {
    const models = build();
    const section = vaeMetrics(models, x, count, [D], { loss: 'mse', nllSamples: k, seed: 11 });
    expect(section.nll.likelihood).toBe('gaussian');
    expect(section.nll.value).toBeCloseTo(exact, 3);
    dispose(models);
  });

  it('with the exact posterior the bound is tight: −ELBO ≈ NLL', () => {
    const models = build();
    const section = vaeMetrics(models, x, count, [D], { loss: 'mse', nllSamples: 2000, seed: 11 });
    expect(section.elbo.negativeElbo).toBeCloseTo(exact, 1);
    dispose(models);
  });

  it('with an inexact posterior, a large k approaches the closed form and stays below −ELBO', () => {
    const models = build(0.4, Math.log(3));
    const one = vaeMetrics(models, x, count, [D], { loss: 'mse', nllSamples: 1, seed: 5 });
    const many = vaeMetrics(models, x, count, [D], { loss: 'mse', nllSamples: 5000, seed: 5 });
    expect(one.nll.value - exact).toBeGreaterThan(0.1); // a loose proposal: one sample overestimates clearly
    expect(Math.abs(many.nll.value - exact)).toBeLessThan(0.02);
    expect(many.nll.value).toBeLessThan(many.elbo.negativeElbo);
    expect(many.elbo.negativeElbo - exact).toBeGreaterThan(0.1);
    dispose(models);
  });

  it('repeats exactly, whatever the batch size, and keeps no tensor', () => {
    const models = build(0.4, Math.log(3));
    const before = tf.memory().numTensors;
    const a = vaeMetrics(models, x, count, [D], { loss: 'mse', nllSamples: 50, seed: 5 });
    const b3 = vaeMetrics(models, x, count, [D], { loss: 'mse', nllSamples: 50, seed: 5, batchSize: 3 });
    const other = vaeMetrics(models, x, count, [D], { loss: 'mse', nllSamples: 50, seed: 6 });
    expect(tf.memory().numTensors).toBe(before);
    expect(vaeMetrics(models, x, count, [D], { loss: 'mse', nllSamples: 50, seed: 5 })).toEqual(a);
    expect(b3.nll.value).toBeCloseTo(a.nll.value, 5);
    expect(b3.elbo.reconstruction).toBeCloseTo(a.elbo.reconstruction, 5);
    expect(other.nll.value).not.toBe(a.nll.value);
    dispose(models);
  });
});

describe('active units and KL per dimension', () => {
  it('counts the 2 of 4 dimensions whose posterior mean varies with x; KL per dimension matches ½(μ² + σ² − log σ² − 1)', () => {
    // μ = (x0, x1, 0, 0), log σ² = (0, 0, 0, −1): only the first two means vary over the data.
    const identityOnTwo = [
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ];
    const models: VaeModels = {
      encoder: affineModel([4], [{ kernel: identityOnTwo, bias: [0, 0, 0, 0] }, { kernel: zeros(4, 4), bias: [0, 0, 0, -1] }]),
      decoder: affineModel([4], [{ kernel: zeros(4, 4), bias: [0, 0, 0, 0], activation: 'sigmoid' }]),
    };
    const count = 300;
    const x = uniformSamples(count, 4, 'active');
    const section = vaeMetrics(models, x, count, [4], { loss: 'bce', nllSamples: 2, seed: 1, batchSize: 32 });

    const column = (j: number) => Array.from({ length: count }, (_, i) => x[i * 4 + j]);
    const variance = (v: number[]) => {
      const m = v.reduce((a, c) => a + c, 0) / v.length;
      return v.reduce((a, c) => a + (c - m) ** 2, 0) / v.length;
    };
    const halfMeanSquare = (v: number[]) => v.reduce((a, c) => a + 0.5 * c * c, 0) / v.length;
    expect(section.activeUnits.count).toBe(2);
    expect(section.activeUnits.total).toBe(4);
    section.activeUnits.variances.forEach((v, j) => expect(v).toBeCloseTo(j < 2 ? variance(column(j)) : 0, 6));
    const expectedKl = [halfMeanSquare(column(0)), halfMeanSquare(column(1)), 0, 0.5 * (Math.exp(-1) + 1 - 1)];
    section.klPerDimension.forEach((v, j) => expect(v).toBeCloseTo(expectedKl[j], 6));
    expect(section.elbo.kl).toBeCloseTo(expectedKl.reduce((a, c) => a + c, 0), 6);
    dispose(models);
  });
});

describe('the conv-vae kind', () => {
  it('takes image samples and the conv decoder as they are: finite metrics, one KL and variance per latent unit, no tensor kept', () => {
    const vae = buildTemplate('conv-vae');
    const count = 6;
    const x = loadBuiltinDataset('builtin:mnist').x.slice(0, count * 784);
    const before = tf.memory().numTensors;
    const section = vaeMetrics(vae, x, count, MNIST_SHAPE, { loss: 'bce', nllSamples: 3, seed: 1, batchSize: 4 });
    expect(tf.memory().numTensors).toBe(before);
    expect(vaeSectionSchema.parse(section)).toEqual(section);
    expect(section.klPerDimension).toHaveLength(2);
    expect(section.activeUnits.variances).toHaveLength(2);
    [section.nll.value, section.elbo.negativeElbo].forEach((n) => expect(Number.isFinite(n)).toBe(true));
    disposeAutoencoder(vae);
  });
});

describe('a VAE trained for one epoch on MNIST', () => {
  it('gives finite metrics with NLL below −ELBO, KL per dimension summing to the KL, the same after a save and load', async () => {
    const mnist = loadBuiltinDataset('builtin:mnist');
    const size = 784;
    const trainCount = 1024;
    const vae = buildTemplate('vae', MNIST_SHAPE, (e) => {
      e.model.hidden = [128];
      e.model.latentDim = 8;
    });
    const optimizer = tf.train.adam(0.002);
    const step = localStep(vae, optimizer);
    const totals = new LossAccumulator();
    for (let start = 0; start < trainCount; start += 64) {
      await step.run({ samples: mnist.x.subarray(start * size, (start + 64) * size), rows: 64, sampleShape: MNIST_SHAPE, noiseSeed: 0 }, totals);
    }
    totals.dispose();
    optimizer.dispose();

    const validation = mnist.x.slice(9000 * size, 9100 * size); // never trained on
    const options = { loss: 'bce' as const, nllSamples: 20, seed: 42 };
    const before = tf.memory().numTensors;
    const section = vaeMetrics(vae, validation, 100, MNIST_SHAPE, options);
    expect(tf.memory().numTensors).toBe(before);
    expect(vaeSectionSchema.parse(section)).toEqual(section);
    const numbers = [section.nll.value, section.elbo.reconstruction, section.elbo.kl, section.elbo.negativeElbo, ...section.klPerDimension];
    numbers.forEach((n) => expect(Number.isFinite(n)).toBe(true));
    expect(section.nll.value).toBeGreaterThan(0); // Bernoulli probabilities are at most 1
    expect(section.nll.value).toBeLessThan(section.elbo.negativeElbo);
    expect(section.elbo.negativeElbo).toBeLessThan(784 * Math.LN2); // better than the constant 0.5 decoder after an epoch
    const klSum = section.klPerDimension.reduce((a, b) => a + b, 0);
    expect(Math.abs(klSum - section.elbo.kl)).toBeLessThan(1e-3 * section.elbo.kl);
    expect(section.activeUnits.total).toBe(8);
    expect(section.activeUnits.count).toBeGreaterThan(0);
    console.log(`1-epoch MNIST VAE, 100 validation digits, k=20: NLL ${section.nll.value.toFixed(2)}, −ELBO ${section.elbo.negativeElbo.toFixed(2)} (recon ${section.elbo.reconstruction.toFixed(2)} + KL ${section.elbo.kl.toFixed(2)}), active ${section.activeUnits.count}/8`);

    // A run folder's encoder and decoder, loaded back, give the same section.
    const dir = tempWorkspace('aelab-vae-metrics-');
    await saveLayersModel(vae.encoder, `${dir}/encoder`);
    await saveLayersModel(vae.decoder, `${dir}/decoder`);
    const loaded = { encoder: await loadLayersModelFromDir(`${dir}/encoder`), decoder: await loadLayersModelFromDir(`${dir}/decoder`) };
    const reloaded = vaeMetrics(loaded, validation, 100, MNIST_SHAPE, options);
    expect(reloaded.nll.value).toBeCloseTo(section.nll.value, 4);
    expect(reloaded.elbo.negativeElbo).toBeCloseTo(section.elbo.negativeElbo, 4);
    dispose(loaded);
    disposeAutoencoder(vae);
  }, 60_000);
});
