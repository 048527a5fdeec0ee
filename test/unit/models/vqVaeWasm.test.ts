// The VQ-VAE's quantizer on the wasm backend against the cpu backend: nearest codes (ArgMin), the codebook loss's
// gradient through the one-hot product (gather's gradient would need UnsortedSegmentSum, which wasm lacks) and the
// straight-through gradient give the same numbers.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { nearestCodes, quantize, straightThrough } from '../../../src/trainer/models/vectorQuantizer';
import { useCpu, useWasm } from './helpers';

function quantizerNumbers() {
  return tf.tidy(() => {
    const ze = tf.randomNormal([6, 7, 7, 16], 0, 1, 'float32', 5);
    const codebook = tf.randomNormal([64, 16], 0, 1, 'float32', 6) as tf.Tensor2D;
    const weights = tf.randomNormal([6, 7, 7, 16], 0, 1, 'float32', 7);
    const codes = nearestCodes(ze, codebook);
    const codebookGrad = tf.grad((c: tf.Tensor) => tf.squaredDifference(ze, quantize(ze, c as tf.Tensor2D)).mean())(codebook);
    const steGrad = tf.grad((z: tf.Tensor) => straightThrough(z, codebook).mul(weights).sum())(ze);
    return { codes: Array.from(codes.dataSync()), codebookGrad: Float32Array.from(codebookGrad.dataSync()), steGrad: Float32Array.from(steGrad.dataSync()), weights: Float32Array.from(weights.dataSync()) };
  });
}

describe('vq-vae quantizer on wasm', () => {
  it('matches the cpu backend', async () => {
    await useCpu();
    const cpu = quantizerNumbers();
    await useWasm();
    expect(tf.getBackend()).toBe('wasm');
    const wasm = quantizerNumbers();
    expect(wasm.codes).toEqual(cpu.codes);
    expect(new Set(cpu.codes).size).toBeGreaterThan(10);
    const maxDifference = (a: Float32Array, b: Float32Array) => a.reduce((max, v, i) => Math.max(max, Math.abs(v - b[i])), 0);
    expect(maxDifference(wasm.codebookGrad, cpu.codebookGrad)).toBeLessThan(1e-6);
    expect(cpu.codebookGrad.some((v) => v !== 0)).toBe(true);
    expect(maxDifference(wasm.steGrad, wasm.weights)).toBe(0);
  });
});
