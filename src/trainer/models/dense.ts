// Dense encoder/decoder stacks shared by the fully connected kinds.
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../protocol/experiment';
import type { EncoderDecoder } from './plainAutoencoder';

export interface DenseStackOptions {
  inputShape: number[];
  hidden: number[];
  latentDim: number;
  activation: ModelConfig['activation'];
  outputActivation: ModelConfig['outputActivation'];
  seed: number;
  /** Extra options for the code layer, e.g. an activity regulariser for the sparse kind. */
}

/** Glorot-uniform init with a distinct, reproducible seed per layer. */
export function seededInit(seed: number, layerIndex: number): ReturnType<typeof tf.initializers.glorotUniform> {
  return tf.initializers.glorotUniform({ seed: seed * 1000 + layerIndex });
}

/** Flattens images, then applies one dense layer per entry of `hidden`. */
export function denseHiddenStack(input: tf.SymbolicTensor, hidden: number[], activation: ModelConfig['activation'], seed: number, name: string, seedOffset = 0): tf.SymbolicTensor {
  let x = input.shape.length > 2 ? (tf.layers.flatten({ name: `${name}_flatten` }).apply(input) as tf.SymbolicTensor) : input;
  hidden.forEach((units, i) => {
    x = tf.layers.dense({ units, activation, kernelInitializer: seededInit(seed, seedOffset + i), name: `${name}_dense_${i}` }).apply(x) as tf.SymbolicTensor;
  });
  return x;
}

export function denseEncoder(options: DenseStackOptions, name = 'encoder'): tf.LayersModel {
  const input = tf.input({ shape: options.inputShape, name: `${name}_input` });
  const x = denseHiddenStack(input, options.hidden, options.activation, options.seed, name);
  const code = tf.layers
    .dense({ units: options.latentDim, activation: options.activation, kernelInitializer: seededInit(options.seed, 100), name: `${name}_code` })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: code, name });
}

/** latentDim -> mirrored hidden layers -> the input shape. */
export function denseDecoder(options: DenseStackOptions, name = 'decoder'): tf.LayersModel {
  const outputSize = options.inputShape.reduce((a, b) => a * b, 1);
  const input = tf.input({ shape: [options.latentDim], name: `${name}_input` });
  let x = denseHiddenStack(input, [...options.hidden].reverse(), options.activation, options.seed, name, 200);
  x = tf.layers
    .dense({ units: outputSize, activation: options.outputActivation, kernelInitializer: seededInit(options.seed, 300), name: `${name}_output` })
    .apply(x) as tf.SymbolicTensor;
  if (options.inputShape.length > 1) x = tf.layers.reshape({ targetShape: options.inputShape, name: `${name}_reshape` }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: x, name });
}

export function denseNetwork(options: DenseStackOptions): EncoderDecoder {
  return { encoder: denseEncoder(options), decoder: denseDecoder(options) };
}
