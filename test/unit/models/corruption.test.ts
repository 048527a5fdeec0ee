// Each corruption: seeded, in [0, 1], same shape, and does what its name says.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isInputError } from '../../../src/protocol/errors';
import type { NoiseConfig } from '../../../src/protocol/experiment';
import { createCorruption } from '../../../src/trainer/models/corruption/createCorruption';
import { downsample } from '../../../src/trainer/models/corruption/downsample';
import { gaussianNoise } from '../../../src/trainer/models/corruption/gaussian';
import { grayscale } from '../../../src/trainer/models/corruption/grayscale';
import { randomBoxes } from '../../../src/trainer/models/corruption/mask';
import { saltAndPepper } from '../../../src/trainer/models/corruption/saltPepper';
import { buildTemplate, mnistBatch, useCpu } from './helpers';

beforeAll(useCpu);

const values = (t: tf.Tensor) => Array.from(t.dataSync());

describe.each([
  ['gaussian', { type: 'gaussian', sigma: 0.5 }],
  ['salt-pepper', { type: 'salt-pepper', p: 0.2 }],
  ['mask', { type: 'mask', boxes: 2, size: 0.25 }],
  ['downsample', { type: 'downsample', factor: 2 }],
] as const)('%s on MNIST', (_, noise) => {
  const corrupt = createCorruption(noise as NoiseConfig, [28, 28, 1]);

  it('keeps the shape and stays in [0, 1]', () => {
    const out = corrupt(mnistBatch(16), 5);
    expect(out.shape).toEqual([16, 28, 28, 1]);
    expect(out.min().dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(out.max().dataSync()[0]).toBeLessThanOrEqual(1);
  });

  it('is deterministic for a seed and changes the input', () => {
    const clean = mnistBatch(16);
    const a = corrupt(clean, 5);
    expect(values(corrupt(clean, 5))).toEqual(values(a));
    expect(values(a)).not.toEqual(values(clean));
  });

  it('does not leak tensors', () => {
    const clean = mnistBatch(4);
    corrupt(clean, 1).dispose();
    const before = tf.memory().numTensors;
    corrupt(clean, 2).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('what each corruption does', () => {
  it('gaussian: adds N(0, sigma^2) noise, then clips', () => {
    const gray = tf.fill([8, 32, 32, 1], 0.5);
    const noise = gaussianNoise(0.1)(gray, 3).sub(0.5);
    expect(noise.mean().dataSync()[0]).toBeCloseTo(0, 2);
    expect(Math.sqrt(noise.square().mean().dataSync()[0])).toBeCloseTo(0.1, 2);
    const seeds = [gaussianNoise(0.5)(gray, 1), gaussianNoise(0.5)(gray, 2)].map(values);
    expect(seeds[0]).not.toEqual(seeds[1]);
  });

  it('salt-pepper: a fraction p of pixels becomes 0 or 1, half each', () => {
    const gray = tf.fill([20, 28, 28, 3], 0.5);
    const out = saltAndPepper(0.2)(gray, 9);
    const pixels = values(out.slice([0, 0, 0, 0], [20, 28, 28, 1]));
    const zeros = pixels.filter((v) => v === 0).length / pixels.length;
    const ones = pixels.filter((v) => v === 1).length / pixels.length;
    expect(zeros + ones).toBeCloseTo(0.2, 1.5);
    expect(zeros).toBeCloseTo(0.1, 1.5);
    // all channels of a pixel are hit together
    expect(values(out.max(3).sub(out.min(3)).max())[0]).toBe(0);
  });

  it('mask: blanks boxes of size * side pixels', () => {
    const white = tf.ones([6, 20, 20, 1]);
    const out = randomBoxes(1, 0.25)(white, 4);
    const zerosPerImage = values(tf.scalar(1).sub(out).sum([1, 2, 3]));
    expect(zerosPerImage).toEqual(Array(6).fill(25)); // one 5x5 box each
    const two = values(tf.scalar(1).sub(randomBoxes(2, 0.25)(white, 4)).sum([1, 2, 3]));
    two.forEach((n) => {
      expect(n).toBeGreaterThanOrEqual(25); // the boxes may overlap
      expect(n).toBeLessThanOrEqual(50);
    });
  });

  it('downsample: averages factor x factor blocks, so detail finer than the factor is gone', () => {
    const checker = tf.tensor4d(Array.from({ length: 16 * 16 }, (_, i) => (Math.floor(i / 16) + (i % 16)) % 2), [1, 16, 16, 1]);
    const out = downsample(2)(checker, 0);
    expect(out.shape).toEqual([1, 16, 16, 1]);
    values(out).forEach((v) => expect(v).toBeCloseTo(0.5, 5));
    const flat = tf.fill([1, 16, 16, 1], 0.3);
    values(downsample(4)(flat, 0)).forEach((v) => expect(v).toBeCloseTo(0.3, 5));
  });

  it('grayscale: BT.601 luminance copied to the 3 channels', () => {
    const rgb = tf.tensor4d([1, 0, 0, 0, 1, 0, 0, 0, 1, 0.2, 0.4, 0.6], [1, 2, 2, 3]);
    const out = grayscale()(rgb, 0);
    const expected = [0.299, 0.587, 0.114, 0.299 * 0.2 + 0.587 * 0.4 + 0.114 * 0.6].flatMap((v) => [v, v, v]);
    values(out).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });
});

describe('corruption errors at build time', () => {
  const inputError = (build: () => unknown) => {
    try {
      build();
    } catch (error) {
      return isInputError(error) ? error : undefined;
    }
    return undefined;
  };

  it('grayscale on 1-channel images is an InputError naming model.noise.type', () => {
    const error = inputError(() => createCorruption({ type: 'grayscale' }, [28, 28, 1]));
    expect(error?.field).toBe('model.noise.type');
    expect(error?.message).toMatch(/RGB/);
    const fromKind = inputError(() => buildTemplate('denoising', [28, 28, 1], (e) => (e.model.noise = { type: 'grayscale' })));
    expect(fromKind?.field).toBe('model.noise.type');
  });

  it('image-only corruptions on tables are an InputError', () => {
    for (const noise of [{ type: 'mask', boxes: 1, size: 0.2 }, { type: 'downsample', factor: 2 }] as NoiseConfig[]) {
      expect(inputError(() => createCorruption(noise, [10]))?.field).toBe('model.noise.type');
    }
    expect(createCorruption({ type: 'gaussian', sigma: 0.1 }, [10])(tf.fill([2, 10], 0.5), 1).shape).toEqual([2, 10]);
  });
});
