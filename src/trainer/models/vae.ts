// `vae`: dense VAE; flatten -> hidden -> [z_mean, z_log_var], decoder z -> mirrored hidden -> input shape; or, with
// model.architecture "conv1d"/"lstm", that sequence stack with the two dense code heads.
import * as tf from '@tensorflow/tfjs';
import { InputError } from '../../protocol/errors';
import { isSequenceArchitecture } from '../../protocol/kinds';
import { denseDecoder, denseHiddenStack, seededInit } from './dense';
import { sequenceNetwork } from './sequenceNetworks';
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

/** The dense VAE network, or the conv1d/lstm stack with two dense code heads when model.architecture names one. */
export function variationalNetwork(context: BuildContext): EncoderDecoder {
  const { architecture, latentDim } = context.model;
  if (architecture === undefined) return denseVariationalNetwork(context);
  // The experiment schema refuses the other architectures for the VAE kinds; this guards in-process callers.
  if (!isSequenceArchitecture(architecture)) throw new InputError(`the VAE kinds take model.architecture "conv1d" or "lstm" only, not "${architecture}"`, { field: 'model.architecture' });
  return sequenceNetwork(architecture, context, 'model.architecture', { variational: (features) => gaussianHeads(features, latentDim, context.training.seed) });
}

export const buildVae: AutoencoderBuilder = (context) =>
  variationalAutoencoder(variationalNetwork(context), { lossKind: context.training.loss, beta: context.model.beta ?? 1, seed: context.training.seed });
