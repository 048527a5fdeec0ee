// `vae`: dense VAE; flatten -> hidden -> [z_mean, z_log_var], decoder z -> mirrored hidden -> input shape.
import * as tf from '@tensorflow/tfjs';
import { denseDecoder, denseHiddenStack, seededInit } from './dense';
import type { EncoderDecoder } from './plainAutoencoder';
import type { AutoencoderBuilder, BuildContext } from './types';
import { variationalAutoencoder } from './variational';

/** Linear z_mean and z_log_var heads on top of `features`. */
export function gaussianHeads(features: tf.SymbolicTensor, latentDim: number, seed: number): tf.SymbolicTensor[] {
  return ['z_mean', 'z_log_var'].map((name, i) => tf.layers.dense({ units: latentDim, kernelInitializer: seededInit(seed, 150 + i), name }).apply(features) as tf.SymbolicTensor);
}

export function denseVariationalNetwork({ model, training, inputShape }: BuildContext): EncoderDecoder {
  const input = tf.input({ shape: inputShape, name: 'encoder_input' });
  const features = denseHiddenStack(input, model.hidden, model.activation, training.seed, 'encoder');
  const encoder = tf.model({ inputs: input, outputs: gaussianHeads(features, model.latentDim, training.seed), name: 'encoder' });
  const decoder = denseDecoder({ inputShape, hidden: model.hidden, latentDim: model.latentDim, activation: model.activation, outputActivation: model.outputActivation, seed: training.seed });
  return { encoder, decoder };
}

export const buildVae: AutoencoderBuilder = (context) =>
  variationalAutoencoder(denseVariationalNetwork(context), { lossKind: context.training.loss, beta: context.model.beta ?? 1, seed: context.training.seed });
