// Each pixel becomes 0 (pepper) or 1 (salt) with probability p/2 each; all channels of a pixel together.
import * as tf from '@tensorflow/tfjs';
import type { Corruption } from './types';

export function saltAndPepper(p: number): Corruption {
  return (clean, seed) =>
    tf.tidy(() => {
      const shape = clean.rank === 4 ? [...clean.shape.slice(0, 3), 1] : clean.shape;
      const u = tf.randomUniform(shape, 0, 1, 'float32', seed);
      const hit = u.less(p).toFloat();
      const salt = u.greaterEqual(p / 2).toFloat().mul(hit);
      return clean.mul(tf.scalar(1).sub(hit)).add(salt);
    });
}
