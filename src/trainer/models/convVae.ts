// `conv-vae` (keras.io "Variational AutoEncoder"): stride-2 Conv2D blocks -> Flatten -> dense hidden -> [z_mean, z_log_var];
// decoder z -> Dense(h*w*f) -> Reshape -> Conv2DTranspose stride 2 per block -> Conv2DTranspose to the input channels.
import * as tf from '@tensorflow/tfjs';
import { requireImageShape } from './architecture';
import { cropping, downsampledSizes } from './convGeometry';
import { denseHiddenStack, seededInit } from './dense';
import type { EncoderDecoder } from './plainAutoencoder';
import type { AutoencoderBuilder, BuildContext } from './types';
import { gaussianHeads } from './vae';
import { variationalAutoencoder } from './variational';

/** keras.io VAE: Conv2D 32 and 64, stride 2. */
export const DEFAULT_CONV_VAE_FILTERS = [32, 64];
const KERNEL = 3;

export function convVariationalNetwork({ model, training, inputShape }: BuildContext): EncoderDecoder {
  requireImageShape(inputShape, 'kind "conv-vae"', 'kind');
  const [height, width, channels] = inputShape;
  const filters = model.filters ?? DEFAULT_CONV_VAE_FILTERS;
  const { activation, seed } = { activation: model.activation, seed: training.seed };

  const input = tf.input({ shape: inputShape, name: 'encoder_input' });
  let x: tf.SymbolicTensor = input;
  filters.forEach((f, i) => {
    x = tf.layers.conv2d({ filters: f, kernelSize: KERNEL, strides: 2, padding: 'same', activation, kernelInitializer: seededInit(seed, i) }).apply(x) as tf.SymbolicTensor;
  });
  const features = denseHiddenStack(x, model.hidden, activation, seed, 'encoder', 50);
  const encoder = tf.model({ inputs: input, outputs: gaussianHeads(features, model.latentDim, seed), name: 'encoder' });

  const codeH = downsampledSizes(height, filters.length)[filters.length];
  const codeW = downsampledSizes(width, filters.length)[filters.length];
  const last = filters[filters.length - 1];
  const z = tf.input({ shape: [model.latentDim], name: 'decoder_input' });
  let y = tf.layers.dense({ units: codeH * codeW * last, activation, kernelInitializer: seededInit(seed, 200) }).apply(z) as tf.SymbolicTensor;
  y = tf.layers.reshape({ targetShape: [codeH, codeW, last] }).apply(y) as tf.SymbolicTensor;
  [...filters].reverse().forEach((f, i) => {
    y = tf.layers.conv2dTranspose({ filters: f, kernelSize: KERNEL, strides: 2, padding: 'same', activation, kernelInitializer: seededInit(seed, 210 + i) }).apply(y) as tf.SymbolicTensor;
  });
  const grown = 2 ** filters.length;
  const excess: [number, number] = [codeH * grown - height, codeW * grown - width];
  if (excess[0] > 0 || excess[1] > 0) y = tf.layers.cropping2D({ cropping: cropping(excess) }).apply(y) as tf.SymbolicTensor;
  y = tf.layers.conv2dTranspose({ filters: channels, kernelSize: KERNEL, padding: 'same', activation: model.outputActivation, kernelInitializer: seededInit(seed, 300) }).apply(y) as tf.SymbolicTensor;
  return { encoder, decoder: tf.model({ inputs: z, outputs: y, name: 'decoder' }) };
}

export const buildConvVae: AutoencoderBuilder = (context) =>
  variationalAutoencoder(convVariationalNetwork(context), { lossKind: context.training.loss, beta: context.model.beta ?? 1, seed: context.training.seed });
