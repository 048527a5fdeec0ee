// The dense network of the kinds that match their codes to a N(0, I) prior (wae-mmd, aae): like `deep`, but the code
// layer is linear, since a ReLU or sigmoid code could never cover a Gaussian.
import * as tf from '@tensorflow/tfjs';
import { denseDecoder, denseHiddenStack, seededInit } from './dense';
import type { EncoderDecoder } from './plainAutoencoder';
import type { BuildContext } from './types';

export function linearCodeNetwork({ model, training, inputShape }: BuildContext): EncoderDecoder {
  const input = tf.input({ shape: inputShape, name: 'encoder_input' });
  const features = denseHiddenStack(input, model.hidden, model.activation, training.seed, 'encoder');
  const code = tf.layers.dense({ units: model.latentDim, kernelInitializer: seededInit(training.seed, 100), name: 'encoder_code' }).apply(features) as tf.SymbolicTensor;
  const encoder = tf.model({ inputs: input, outputs: code, name: 'encoder' });
  const decoder = denseDecoder({ inputShape, hidden: model.hidden, latentDim: model.latentDim, activation: model.activation, outputActivation: model.outputActivation, seed: training.seed });
  return { encoder, decoder };
}

/** A fresh seed per call of `next`, derived from training.seed, so prior draws repeat run to run. */
export function seedSequence(seed: number): () => number {
  let calls = 0;
  return () => seed * 1_000_003 + 7_919 * ++calls;
}
