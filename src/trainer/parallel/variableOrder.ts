// The trainable variables every replica exchanges gradients for, in one agreed order: tfjs registration order,
// which is the order optimizer.minimize uses, so optimizer state (e.g. Adam's slots) lines up across paths.
import * as tf from '@tensorflow/tfjs';
import type { Autoencoder } from '../models/types';

export function trainableVariables(autoencoder: Pick<Autoencoder, 'encoder' | 'decoder'>): tf.Variable[] {
  const mine = new Set<tf.Variable>();
  for (const model of [autoencoder.encoder, autoencoder.decoder]) {
    for (const weight of model.trainableWeights) mine.add(weight.read() as tf.Variable);
  }
  const order = Object.keys(tf.engine().registeredVariables);
  const position = new Map(order.map((name, i) => [name, i]));
  return [...mine].sort((a, b) => (position.get(a.name) ?? 0) - (position.get(b.name) ?? 0));
}

/** Start of each variable's gradient in a flat buffer, plus the total length. */
export function flatOffsets(shapes: number[][]): { offsets: number[]; total: number } {
  const offsets: number[] = [];
  let total = 0;
  for (const shape of shapes) {
    offsets.push(total);
    total += shape.reduce((a, b) => a * b, 1);
  }
  return { offsets, total };
}
