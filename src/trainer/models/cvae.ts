// `cvae` (Sohn, Lee, Yan, "Learning Structured Output Representation using Deep Conditional Generative Models", NeurIPS
// 2015): the dense VAE with the one-hot label concatenated to the encoder's input and to the decoder's code, so the
// code need not carry the class and the decoder generates a chosen class. Loss and sampling are the VAE's.
import * as tf from '@tensorflow/tfjs';
import { InputError } from '../../protocol/errors';
import { denseHiddenStack, seededInit } from './dense';
import type { AutoencoderBuilder, BuildContext } from './types';
import { gaussianHeads } from './vae';
import { variationalAutoencoder } from './variational';

function concatenated(inputs: tf.SymbolicTensor[], name: string): tf.SymbolicTensor {
  return tf.layers.concatenate({ name }).apply(inputs) as tf.SymbolicTensor;
}

function flat(input: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
  return input.shape.length > 2 ? (tf.layers.flatten({ name }).apply(input) as tf.SymbolicTensor) : input;
}

/** Encoder [x, label] -> [z_mean, z_log_var]; decoder [z, label] -> mirrored hidden layers -> the input shape. */
export function conditionalNetwork({ model, training, inputShape }: BuildContext, classes: number): { encoder: tf.LayersModel; decoder: tf.LayersModel } {
  const x = tf.input({ shape: inputShape, name: 'encoder_input' });
  const encoderLabel = tf.input({ shape: [classes], name: 'encoder_label' });
  const features = denseHiddenStack(concatenated([flat(x, 'encoder_flatten'), encoderLabel], 'encoder_concat'), model.hidden, model.activation, training.seed, 'encoder');
  const encoder = tf.model({ inputs: [x, encoderLabel], outputs: gaussianHeads(features, model.latentDim, training.seed), name: 'encoder' });

  const z = tf.input({ shape: [model.latentDim], name: 'decoder_input' });
  const decoderLabel = tf.input({ shape: [classes], name: 'decoder_label' });
  let y = denseHiddenStack(concatenated([z, decoderLabel], 'decoder_concat'), [...model.hidden].reverse(), model.activation, training.seed, 'decoder', 200);
  const outputSize = inputShape.reduce((a, b) => a * b, 1);
  y = tf.layers.dense({ units: outputSize, activation: model.outputActivation, kernelInitializer: seededInit(training.seed, 300), name: 'decoder_output' }).apply(y) as tf.SymbolicTensor;
  if (inputShape.length > 1) y = tf.layers.reshape({ targetShape: inputShape, name: 'decoder_reshape' }).apply(y) as tf.SymbolicTensor;
  const decoder = tf.model({ inputs: [z, decoderLabel], outputs: y, name: 'decoder' });
  return { encoder, decoder };
}

/** Without labelled data there is nothing to condition on; checkTrainable refuses such data earlier with the file named. */
export const buildCvae: AutoencoderBuilder = (context) => {
  if (context.classes === undefined || context.classes < 2) throw new InputError('kind "cvae" conditions on labels: the data needs at least two classes', { field: 'kind' });
  const classes = context.classes;
  return { ...variationalAutoencoder(conditionalNetwork(context, classes), { lossKind: context.training.loss, beta: context.model.beta ?? 1, seed: context.training.seed }), conditional: { classes } };
};
