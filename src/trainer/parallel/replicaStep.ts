// The part of a data-parallel step every replica runs on its own rows: forward, backward, then the gradients
// and losses go to shared memory.
import * as tf from '@tensorflow/tfjs';
import type { Autoencoder } from '../models/types';
import { publishGradients, type Layout } from './gradientExchange';
import { LOSS_SLOTS } from './replicaChannel';

export interface LocalResult {
  grads: tf.NamedTensorMap;
  loss: tf.Scalar;
  components: Record<string, tf.Scalar>;
}

/** Gradients of the mean loss over `rows` samples. The caller disposes the result. */
export function computeGradients(autoencoder: Autoencoder, variables: tf.Variable[], samples: Float32Array, rows: number, sampleShape: number[], noiseSeed: number): LocalResult {
  const size = sampleShape.reduce((a, b) => a * b, 1);
  let components: Record<string, tf.Scalar> = {};
  const { value, grads } = tf.tidy(() => {
    const clean = tf.tensor(samples.subarray(0, rows * size), [rows, ...sampleShape]);
    const input = autoencoder.corrupt ? autoencoder.corrupt(clean, noiseSeed) : clean;
    return tf.variableGrads(() => {
      const parts = autoencoder.loss(input, clean, true);
      components = parts.components;
      Object.values(components).forEach((c) => tf.keep(c));
      return parts.total;
    }, variables);
  });
  return { grads, loss: value, components };
}

export function missingGradients(result: LocalResult, layout: Layout): string[] {
  return layout.names.filter((name) => !result.grads[name]);
}

export function publishResult(result: LocalResult, gradients: Float32Array, losses: Float32Array, layout: Layout): void {
  publishGradients(gradients, result.grads, layout);
  const values = [result.loss, ...Object.values(result.components)].slice(0, LOSS_SLOTS);
  values.forEach((v, i) => (losses[i] = v.dataSync()[0]));
}

export function disposeResult(result: LocalResult): void {
  tf.dispose([result.loss, ...Object.values(result.grads), ...Object.values(result.components)]);
}
