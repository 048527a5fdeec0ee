// The wasm kernel replacements compute what the kernels they replace compute. Reference values come from the
// stock wasm kernels (captured before the replacements are registered) or from the pure-JS cpu backend.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { perSampleReconstructionError } from '../../../src/trainer/models/losses';
import { FastAdamOptimizer, installWasmPatches, weightedSum } from '../../../src/trainer/wasm';
import { bceGradPatch, bceLossPatch } from '../../../src/trainer/wasm/patches/bceGrad';

type Case = { name: string; run: () => tf.Tensor };

const seeded = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);

/** Gradients and ops exercising every replaced kernel; values are seeded, so any backend computes the same inputs. */
const CASES: Case[] = [
  { name: 'matMul transposeA', run: () => tf.matMul(seeded([37, 21], 1), seeded([37, 9], 2), true, false) },
  { name: 'matMul transposeB', run: () => tf.matMul(seeded([21, 37], 1), seeded([9, 37], 2), false, true) },
  { name: 'matMul transposeB, few rows (computed as (b a^T)^T)', run: () => tf.matMul(seeded([4, 50], 1), seeded([60, 50], 2), false, true) },
  { name: 'matMul transposeB, rank 3 batch 1 (computed as (b a^T)^T)', run: () => tf.matMul(seeded([1, 4, 50], 1), seeded([1, 60, 50], 2), false, true) },
  { name: 'matMul, few rows and large new weights (computed as (b^T a^T)^T)', run: () => tf.matMul(seeded([4, 50], 1), seeded([50, 60], 2)) },
  { name: 'fused matMul, linear, no bias (computed as (b^T a^T)^T)', run: () => tf.fused.matMul({ a: seeded([1, 4, 50], 1), b: seeded([1, 50, 60], 2) }) },
  { name: 'fused matMul with bias and relu (not swapped)', run: () => tf.fused.matMul({ a: seeded([4, 50], 1), b: seeded([50, 60], 2), bias: seeded([60], 3), activation: 'relu' }) },
  { name: 'batched matMul transposeA and B', run: () => tf.matMul(seeded([3, 37, 21], 1), seeded([3, 9, 37], 2), true, true) },
  { name: 'dense layer gradient (dW = x^T dy)', run: () => tf.grad((w: tf.Tensor) => tf.matMul(seeded([64, 30], 3), w).mul(seeded([64, 11], 4)).sum())(seeded([30, 11], 5)) },
  { name: 'maxPool gradient, 2x2 same, odd size, negative values', run: () => tf.grad((x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'same').mul(seeded([2, 5, 5, 3], 6)).sum())(seeded([2, 9, 9, 3], 7)) },
  { name: 'maxPool gradient, 3x3 stride 2 valid, after relu', run: () => tf.grad((x: tf.Tensor) => tf.maxPool(tf.relu(x) as tf.Tensor4D, 3, 2, 'valid').mul(seeded([2, 4, 4, 3], 8)).sum())(seeded([2, 9, 9, 3], 9)) },
  { name: 'clipByValue gradient', run: () => tf.grad((x: tf.Tensor) => x.clipByValue(-0.5, 0.7).mul(seeded([4, 33], 10)).sum())(seeded([4, 33], 11)) },
  { name: 'bias gradient (sum over axis 0)', run: () => tf.sum(seeded([256, 131], 12), 0) },
  { name: 'conv bias gradient (sum over axes 0-2, keepDims)', run: () => tf.sum(seeded([8, 7, 7, 16], 13), [0, 1, 2], true) },
  { name: 'transpose 2D, sizes not multiples of 4', run: () => tf.transpose(seeded([37, 21], 19)) },
  { name: 'transpose 2D, multiples of 4', run: () => tf.transpose(seeded([128, 784], 20)) },
  { name: 'transpose last two axes of a batch', run: () => tf.transpose(seeded([3, 6, 9], 21), [0, 2, 1]) },
  { name: 'transpose int32', run: () => tf.transpose(tf.range(0, 35, 1, 'int32').reshape([5, 7])) },
  { name: 'transpose, another permutation (not replaced)', run: () => tf.transpose(seeded([3, 6, 9], 22), [2, 0, 1]) },
  { name: 'sum over a trailing axis (not replaced)', run: () => tf.sum(seeded([16, 10], 14), -1) },
];

/**
 * The BCE loss (per row, weighted) and its gradient with respect to the output: grey and binary targets, outputs
 * beyond the clip on both sides, and 99 pixels per row so the SIMD body leaves a tail. Loss value first.
 */
const bceLossAndGradient = () => {
  const target = tf.tidy(() => tf.randomUniform([64, 99], 0, 1, 'float32', 25).mul(tf.randomUniform([64, 99], 0, 1, 'float32', 26).greater(0.3)));
  const output = tf.randomUniform([64, 99], -0.1, 1.1, 'float32', 27);
  const weights = tf.randomUniform([64], 0, 3, 'float32', 28);
  const { value, grad } = tf.valueAndGrad((o: tf.Tensor) => perSampleReconstructionError('bce', target, o).mul(weights).sum())(output);
  return tf.concat([value.reshape([1]), grad.reshape([-1])]);
};

/** UpSampling2D's gradient: compared with the stock wasm kernel (the cpu backend's differs for non-square sizes). */
const upsamplingGradient = () => tf.grad((x: tf.Tensor) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [18, 36]).mul(seeded([2, 18, 36, 3], 15)).sum())(seeded([2, 9, 18, 3], 16));

function values(run: () => tf.Tensor): number[] {
  return tf.tidy(() => Array.from(run().dataSync()));
}

function expectClose(actual: number[], expected: number[], tolerance = 1e-5): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected[i]))));
}

describe('wasm kernel replacements', () => {
  const cpu: Record<string, number[]> = {};
  const stockWasm: Record<string, number[]> = {};

  beforeAll(async () => {
    await tf.setBackend('cpu');
    for (const c of CASES) cpu[c.name] = values(c.run);
    await tf.setBackend('wasm');
    for (const c of CASES) stockWasm[c.name] = values(c.run);
    stockWasm.upsampling = values(upsamplingGradient);
    stockWasm.bce = values(bceLossAndGradient);
    expect(installWasmPatches()).toEqual({ on: true });
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s matches the cpu backend', (_name, c) => {
    expectClose(values(c.run), cpu[c.name]);
  });

  it('upsampling gradient matches the stock wasm kernel', () => {
    expectClose(values(upsamplingGradient), stockWasm.upsampling);
  });

  it('multiplies by reused weights directly after the first (swapped) product, with the same values', () => {
    const reference = cpu['matMul, few rows and large new weights (computed as (b^T a^T)^T)'];
    const [a, b] = [seeded([4, 50], 1), seeded([50, 60], 2)];
    for (let i = 0; i < 3; i++) expectClose(values(() => tf.matMul(a, b)), reference);
    tf.dispose([a, b]);
  });

  it('transposes match the stock wasm kernel bit for bit', () => {
    for (const c of CASES.filter((c) => c.name.startsWith('transpose'))) expect(values(c.run)).toEqual(stockWasm[c.name]);
  });

  it('weightedSum is bit-identical to mul, mul and add (vector body and scalar tail)', () => {
    const [x, y] = [seeded([1003], 23), seeded([1003], 24)];
    for (const [a, b] of [[0.5, 0.5], [1 / 3, 2 / 3], [1, 0.1]]) {
      expect(values(() => weightedSum(x, a, y, b))).toEqual(values(() => tf.add(tf.mul(x, a), tf.mul(y, b))));
    }
    tf.dispose([x, y]);
  });

  it('bias-gradient sums match the stock wasm kernel bit for bit', () => {
    for (const name of ['bias gradient (sum over axis 0)', 'conv bias gradient (sum over axes 0-2, keepDims)']) {
      expect(values(CASES.find((c) => c.name === name)!.run)).toEqual(stockWasm[name]);
    }
  });

  it('BCE gradient matches the stock ops bit for bit and the loss to float32 rounding, one kernel each, no tensors left', () => {
    const [calls, tensors] = [[bceLossPatch.calls, bceGradPatch.calls], tf.memory().numTensors];
    const [loss, ...gradient] = values(bceLossAndGradient);
    const [stockLoss, ...stockGradient] = stockWasm.bce;
    expect(gradient).toEqual(stockGradient);
    expectClose([loss], [stockLoss], 1e-6);
    expect([bceLossPatch.calls, bceGradPatch.calls]).toEqual([calls[0] + 1, calls[1] + 1]);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('BCE of a NaN output is NaN (the logarithm polynomial must not hide a diverged model)', () => {
    const loss = values(() => perSampleReconstructionError('bce', tf.fill([2, 8], 0.5), tf.tensor2d([[0.2, NaN, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]])));
    expect(Number.isNaN(loss[0])).toBe(true);
    expect(Number.isFinite(loss[1])).toBe(true);
  });

  it('clone shares data (no copy) and survives disposing the original', () => {
    const original = tf.tensor1d([1, 2, 3]);
    const copy = original.clone();
    original.dispose();
    expect(Array.from(copy.dataSync())).toEqual([1, 2, 3]);
    copy.dispose();
  });

  it('FastAdamOptimizer gives bit-identical weights to tf.train.adam (vector body and scalar tail)', () => {
    const train = (optimizer: tf.Optimizer) => {
      const w = tf.variable(seeded([301, 7], 17));
      const x = seeded([40, 301], 18);
      for (let i = 0; i < 20; i++) optimizer.minimize(() => tf.matMul(x, w).square().mean() as tf.Scalar);
      const result = Array.from(w.dataSync());
      tf.dispose([w, x]);
      optimizer.dispose();
      return result;
    };
    expect(train(new FastAdamOptimizer(0.01, 0.9, 0.999))).toEqual(train(tf.train.adam(0.01)));
  });
});
