// x + sigma * N(0, 1), clipped back to [0, 1] (the Keras blog "noise factor").
import * as tf from '@tensorflow/tfjs';
import type { Corruption } from './types';

export function gaussianNoise(sigma: number): Corruption {
  return (clean, seed) => tf.tidy(() => clean.add(tf.randomNormal(clean.shape, 0, sigma, 'float32', seed)).clipByValue(0, 1));
}
