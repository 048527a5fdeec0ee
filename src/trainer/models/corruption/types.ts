import type * as tf from '@tensorflow/tfjs';

/** Corrupts a clean batch in [0, 1]; the same seed gives the same corruption. Returns a new tensor. */
export type Corruption = (clean: tf.Tensor, seed: number) => tf.Tensor;
