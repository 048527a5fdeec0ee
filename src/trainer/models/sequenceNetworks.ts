// The sequence networks (kinds conv1d and lstm, and model.architecture "conv1d"/"lstm" of denoising, sparse and the
// VAE kinds). Samples are [steps, channels]; a table row ([features]) is read as one univariate sequence [features, 1],
// as the ECG5000 heartbeats are (one 140-step beat per CSV row). Codes are flat vectors, so latent views and encode work.
import * as tf from '@tensorflow/tfjs';
import { InputError } from '../../protocol/errors';
import type { SequenceArchitecture } from '../../protocol/kinds';
import { downsampledSizes } from './convGeometry';
import { seededInit } from './dense';
import type { EncoderDecoder } from './plainAutoencoder';
import type { BuildContext } from './types';

/** keras.io "Timeseries anomaly detection using an Autoencoder": Conv1D 32 then 16, kernel 7, stride 2. */
export const DEFAULT_CONV1D_FILTERS = [32, 16];
export const CONV1D_KERNEL = 7;
/** keras.io's Dropout(rate=0.2) after the first conv of each side. */
export const SEQUENCE_DROPOUT = 0.2;

type Symbolic = tf.SymbolicTensor;
const apply = (layer: tf.layers.Layer, x: Symbolic) => layer.apply(x) as Symbolic;

/** [steps, channels] of a sample shape: [steps, channels] as it is, a table row [features] as [features, 1]. */
export function sequenceShape(inputShape: number[], field: string): [number, number] {
  if (inputShape.length === 2) return [inputShape[0], inputShape[1]];
  if (inputShape.length === 1) return [inputShape[0], 1];
  throw new InputError(
    `a sequence network (conv1d, lstm) needs samples of shape [steps, channels] (data.format "timeseries", or a table whose rows are series), but the data has shape [${inputShape.join(', ')}]; use an image kind such as "conv" for images`,
    { field },
  );
}

/** The encoder's input, as [steps, channels] (a table row is reshaped to one channel). */
function sequenceInput(inputShape: number[], steps: number, channels: number): { input: Symbolic; x: Symbolic } {
  const input = tf.input({ shape: inputShape, name: 'encoder_input' });
  return { input, x: inputShape.length === 1 ? apply(tf.layers.reshape({ targetShape: [steps, channels], name: 'encoder_as_sequence' }), input) : input };
}

/** The decoder's [steps, channels] output back in the input's shape. */
function asInputShape(y: Symbolic, inputShape: number[]): Symbolic {
  return inputShape.length === 1 ? apply(tf.layers.reshape({ targetShape: inputShape, name: 'decoder_as_table' }), y) : y;
}

export interface CodeHeads {
  /** The VAE kinds: the dense code heads [z_mean, z_log_var] (of model.latentDim) put on the encoder's features. */
  variational?: (features: Symbolic) => Symbolic[];
}

export function sequenceNetwork(architecture: SequenceArchitecture, context: BuildContext, field: string, heads: CodeHeads = {}): EncoderDecoder {
  return architecture === 'conv1d' ? conv1dNetwork(context, field, heads) : lstmNetwork(context, field, heads);
}

/**
 * Conv1D (kernel 7, stride 2, same) per model.filters entry down, Conv1DTranspose per entry back up, then a stride-1
 * Conv1DTranspose to the channels. The code is the flattened bottleneck (with heads: two dense heads on it).
 *
 * tfjs-layers has no Conv1DTranspose, so the decoder runs in a [steps, 1, channels] view of the sequence: each
 * Conv1DTranspose is a Conv2DTranspose with a [7, 1] kernel and [2, 1] strides, which computes exactly a 1-D transposed
 * convolution along the steps (the width axis has size 1 and kernel 1). Steps that do not divide by 2^blocks overshoot
 * and are cropped at the end, before the last layer.
 */
function conv1dNetwork({ model, training, inputShape }: BuildContext, field: string, { variational }: CodeHeads): EncoderDecoder {
  const [steps, channels] = sequenceShape(inputShape, field);
  const filters = model.filters ?? DEFAULT_CONV1D_FILTERS;
  const { activation } = model;
  const seed = training.seed;
  // Unseeded: a seeded tfjs Dropout draws the same mask on every call, which would drop the same units every step.
  const dropout = () => tf.layers.dropout({ rate: SEQUENCE_DROPOUT });

  const { input, x: start } = sequenceInput(inputShape, steps, channels);
  let x = start;
  filters.forEach((f, i) => {
    x = apply(tf.layers.conv1d({ filters: f, kernelSize: CONV1D_KERNEL, strides: 2, padding: 'same', activation, kernelInitializer: seededInit(seed, i) }), x);
    if (i === 0 && filters.length > 1) x = apply(dropout(), x);
  });
  const codeSteps = downsampledSizes(steps, filters.length)[filters.length];
  const last = filters[filters.length - 1];
  const flat = apply(tf.layers.flatten({ name: 'encoder_flatten' }), x);
  const encoder = tf.model({ inputs: input, outputs: variational ? variational(flat) : flat, name: 'encoder' });

  const code = tf.input({ shape: [variational ? model.latentDim : codeSteps * last], name: 'decoder_input' });
  let y = variational ? apply(tf.layers.dense({ units: codeSteps * last, activation, kernelInitializer: seededInit(seed, 200) }), code) : code;
  y = apply(tf.layers.reshape({ targetShape: [codeSteps, 1, last], name: 'decoder_as_columns' }), y);
  [...filters].reverse().forEach((f, i) => {
    y = apply(tf.layers.conv2dTranspose({ filters: f, kernelSize: [CONV1D_KERNEL, 1], strides: [2, 1], padding: 'same', activation, kernelInitializer: seededInit(seed, 210 + i) }), y);
    if (i === 0 && filters.length > 1) y = apply(dropout(), y);
  });
  const excess = codeSteps * 2 ** filters.length - steps;
  if (excess > 0) y = apply(tf.layers.cropping2D({ cropping: [[0, excess], [0, 0]] }), y);
  y = apply(tf.layers.conv2dTranspose({ filters: channels, kernelSize: [CONV1D_KERNEL, 1], padding: 'same', activation: model.outputActivation, kernelInitializer: seededInit(seed, 300) }), y);
  y = apply(tf.layers.reshape({ targetShape: [steps, channels], name: 'decoder_as_sequence' }), y);
  return { encoder, decoder: tf.model({ inputs: code, outputs: asInputShape(y, inputShape), name: 'decoder' }) };
}

/**
 * LSTM(latentDim) reads the sequence into its last state, the code (with heads: two dense heads on it); the decoder
 * repeats the code once per step (RepeatVector), runs LSTM(latentDim, return sequences) and maps every step to the
 * channels with one Dense layer, which on a [steps, units] input acts per step exactly as TimeDistributed(Dense) does.
 */
function lstmNetwork({ model, training, inputShape }: BuildContext, field: string, { variational }: CodeHeads): EncoderDecoder {
  const [steps, channels] = sequenceShape(inputShape, field);
  const seed = training.seed;
  // Keras' defaults where tfjs differs: sigmoid gates (not hard sigmoid), forget-gate bias 1. The recurrent kernel is Glorot uniform, seeded, not Keras'
  // orthogonal: tfjs's Orthogonal initializer runs a QR decomposition op by op, which took 27 s for one 64-unit LSTM
  // on the cpu backend (0.6 s on wasm). The Keras export rebuilds these same initializers.
  const lstm = (i: number, returnSequences: boolean, name: string) =>
    tf.layers.lstm({ units: model.latentDim, returnSequences, recurrentActivation: 'sigmoid', unitForgetBias: true, kernelInitializer: seededInit(seed, i), recurrentInitializer: seededInit(seed, 400 + i), name });

  const { input, x } = sequenceInput(inputShape, steps, channels);
  const state = apply(lstm(0, false, 'encoder_lstm'), x);
  const encoder = tf.model({ inputs: input, outputs: variational ? variational(state) : state, name: 'encoder' });

  const code = tf.input({ shape: [model.latentDim], name: 'decoder_input' });
  let y = apply(tf.layers.repeatVector({ n: steps, name: 'decoder_repeat' }), code);
  y = apply(lstm(200, true, 'decoder_lstm'), y);
  y = apply(tf.layers.dense({ units: channels, activation: model.outputActivation, kernelInitializer: seededInit(seed, 300), name: 'decoder_output' }), y);
  return { encoder, decoder: tf.model({ inputs: code, outputs: asInputShape(y, inputShape), name: 'decoder' }) };
}
