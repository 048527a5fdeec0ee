// training.clipNorm: the batch gradient scaled down so that its global L2 norm over all weights is at most clipNorm
// (Keras global_clipnorm). Replicas clip the same combined gradient with the same ops, so they stay identical.
import * as tf from '@tensorflow/tfjs';

export function clipByGlobalNorm(grads: tf.NamedTensorMap, clipNorm: number): tf.NamedTensorMap {
  return tf.tidy(() => {
    const entries = Object.entries(grads);
    if (entries.length === 0) return {};
    const norm = tf.sqrt(tf.addN(entries.map(([, g]) => tf.sum(tf.square(g)))));
    const scale = tf.div(clipNorm, tf.maximum(norm, clipNorm));
    return Object.fromEntries(entries.map(([name, g]) => [name, tf.mul(g, scale)]));
  });
}

/** The gradients to apply: clipped when training.clipNorm is set (the caller still owns and disposes `grads`). */
export function maybeClip(grads: tf.NamedTensorMap, clipNorm: number | undefined): tf.NamedTensorMap {
  return clipNorm === undefined ? grads : clipByGlobalNorm(grads, clipNorm);
}
