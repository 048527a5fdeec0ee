// Conv encoder (Conv2D + MaxPool per block) and its mirror decoder (UpSampling2D or Conv2DTranspose), Keras blog style.
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../protocol/experiment';
import { cropping, downsampledSizes, upsamplingPlan } from './convGeometry';
import { seededInit } from './dense';
import type { EncoderDecoder } from './plainAutoencoder';

export type UpsamplingStyle = 'upsample' | 'transpose';

export interface ConvStackOptions {
  inputShape: number[];
  filters: number[];
  activation: ModelConfig['activation'];
  outputActivation: ModelConfig['outputActivation'];
  seed: number;
  /** 'upsample': Conv2D + UpSampling2D (Keras blog); 'transpose': Conv2DTranspose stride 2 (keras.io denoiser). */
  upsampling: UpsamplingStyle;
}

const KERNEL = 3;

export function convNetwork(options: ConvStackOptions): EncoderDecoder {
  const [height, width, channels] = options.inputShape;
  const { filters, activation, seed } = options;
  const conv = (f: number, i: number, padding: 'same' | 'valid' = 'same', act: string = activation) =>
    tf.layers.conv2d({ filters: f, kernelSize: KERNEL, padding, activation: act as 'relu', kernelInitializer: seededInit(seed, i) });

  const input = tf.input({ shape: options.inputShape, name: 'encoder_input' });
  let x: tf.SymbolicTensor = input;
  filters.forEach((f, i) => {
    x = conv(f, i).apply(x) as tf.SymbolicTensor;
    x = tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }).apply(x) as tf.SymbolicTensor;
  });
  const encoder = tf.model({ inputs: input, outputs: x, name: 'encoder' });

  const heights = downsampledSizes(height, filters.length);
  const widths = downsampledSizes(width, filters.length);
  const codeShape = [heights[filters.length], widths[filters.length], filters[filters.length - 1]];
  const code = tf.input({ shape: codeShape, name: 'decoder_input' });
  const reversed = [...filters].reverse();
  let y: tf.SymbolicTensor = code;
  let crop: [number, number];
  if (options.upsampling === 'transpose') {
    reversed.forEach((f, i) => {
      y = tf.layers.conv2dTranspose({ filters: f, kernelSize: KERNEL, strides: 2, padding: 'same', activation, kernelInitializer: seededInit(seed, 200 + i) }).apply(y) as tf.SymbolicTensor;
    });
    const grown = 2 ** filters.length;
    crop = [codeShape[0] * grown - height, codeShape[1] * grown - width];
  } else {
    const plan = upsamplingPlan([codeShape[0], codeShape[1]], [height, width], filters.length, KERNEL);
    reversed.forEach((f, i) => {
      y = conv(f, 200 + i, plan.valid[i] ? 'valid' : 'same').apply(y) as tf.SymbolicTensor;
      y = tf.layers.upSampling2d({ size: [2, 2] }).apply(y) as tf.SymbolicTensor;
    });
    crop = plan.crop;
  }
  if (crop[0] > 0 || crop[1] > 0) y = tf.layers.cropping2D({ cropping: cropping(crop) }).apply(y) as tf.SymbolicTensor;
  y = conv(channels, 300, 'same', options.outputActivation).apply(y) as tf.SymbolicTensor;
  return { encoder, decoder: tf.model({ inputs: code, outputs: y, name: 'decoder' }) };
}
