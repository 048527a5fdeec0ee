// The bench's own training measurements (time to quality, scaling) run the real trainLoop: they report what they
// measured in the shape the report reads and leave no tensors behind; the FLOP count covers every layer type the
// benched templates use. Tiny data on the cpu backend; no timing checks.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainingFlopsPerSample } from '../../../scripts/bench/flopCount';
import { measureScaling } from '../../../scripts/bench/scaling';
import { QUALITY, measureTimeToQuality } from '../../../scripts/bench/timeToQuality';
import { benchExperiment } from '../../../scripts/bench/trainingThroughput';
import { loadBuiltinDataset } from '../../../src/trainer/data/builtin';
import type { Dataset } from '../../../src/trainer/data/dataset';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';

let small: Dataset;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const digits = loadBuiltinDataset('builtin:mnist');
  small = { ...digits, x: digits.x.subarray(0, 600 * 784), count: 600, labels: undefined, sourceNames: undefined };
});

describe('bench training measurements', () => {
  it('time to quality stops at the epoch cap and says the target was not reached, leaking no tensors', async () => {
    const before = tf.memory().numTensors;
    const result = await measureTimeToQuality(small, undefined, { ...QUALITY, maxEpochs: 2, target: 0.01 });
    expect(result).toMatchObject({ reached: false, epochs: 2, threads: 1, train_samples: 540, validation_samples: 60 });
    expect(result.val_loss).toBeGreaterThan(0.01);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('time to quality stops at the first epoch whose validation BCE reaches the target', async () => {
    const result = await measureTimeToQuality(small, undefined, { ...QUALITY, maxEpochs: 5, target: 10 });
    expect(result).toMatchObject({ reached: true, epochs: 1 });
    expect(result.val_loss).toBeLessThanOrEqual(10);
  });

  it('scaling trains full epochs of the whole set and reports µs per sample from samples/s, leaking no tensors', async () => {
    const before = tf.memory().numTensors;
    const point = await measureScaling(small, 1, undefined);
    expect(point).toMatchObject({ samples: 600, threads: 1 });
    // samples/s is rounded to a whole number, µs/sample to 0.01 µs, from the same unrounded rate.
    expect(Math.abs((point.us_per_sample * point.samples_per_second) / 1e6 - 1)).toBeLessThan(0.01);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('bench FLOP count', () => {
  it('counts Conv2DTranspose by its input pixels (the conv-VAE decoder), forward + dX + dW less the first layer’s dX', () => {
    const autoencoder = buildAutoencoder(benchExperiment('conv-vae')!, [28, 28, 1]);
    // Multiply-adds per layer: conv 14·14·9·1·32, conv 7·7·9·32·64, dense 3136·16, two heads 16·2; decoder dense
    // 2·3136, transposes 7·7·9·64·64, 14·14·9·64·32 and 28·28·9·32·1.
    const layers = [56_448, 903_168, 50_176, 32, 32, 6_272, 1_806_336, 3_612_672, 225_792];
    const forward = layers.reduce((a, b) => a + b, 0);
    expect(trainingFlopsPerSample(autoencoder)).toBe(2 * (3 * forward - layers[0]));
    autoencoder.encoder.dispose();
    autoencoder.decoder.dispose();
  });
});
