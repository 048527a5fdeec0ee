// Average-pools by `factor`, then resizes back bilinearly: the input of a super-resolution model. Ignores the seed.
import * as tf from '@tensorflow/tfjs';
import type { Corruption } from './types';

export function downsample(factor: number): Corruption {
  return (clean) =>
    tf.tidy(() => {
      if (factor === 1) return clean.clone();
      const [, height, width] = clean.shape;
      const small = tf.avgPool(clean as tf.Tensor4D, factor, factor, 'same');
      return tf.image.resizeBilinear(small, [height, width], false, true).clipByValue(0, 1);
    });
}
