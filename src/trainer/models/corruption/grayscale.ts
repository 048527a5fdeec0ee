// RGB -> luminance (ITU-R BT.601 weights) copied to all 3 channels: the input of a colourisation model. Ignores the seed.
import * as tf from '@tensorflow/tfjs';
import type { Corruption } from './types';

const LUMA = [0.299, 0.587, 0.114];

export function grayscale(): Corruption {
  return (clean) =>
    tf.tidy(() => {
      const luminance = clean.mul(tf.tensor1d(LUMA)).sum(3, true);
      return tf.tile(luminance, [1, 1, 1, 3]);
    });
}
