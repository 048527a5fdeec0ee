// The bench's own training measurements (time to quality, scaling) run the real trainLoop: they report what they
// measured in the shape the report reads and leave no tensors behind. Tiny data on the cpu backend; no timing checks.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureScaling } from '../../../scripts/bench/scaling';
import { QUALITY, measureTimeToQuality } from '../../../scripts/bench/timeToQuality';
import { loadBuiltinDataset } from '../../../src/trainer/data/builtin';
import type { Dataset } from '../../../src/trainer/data/dataset';

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
