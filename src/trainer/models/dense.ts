// Dense encoder/decoder stacks shared by the fully connected kinds.
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../protocol/experiment';

export interface DenseStackOptions {
  inputShape: number[];
  hidden: number[];
  latentDim: number;
  activation: ModelConfig['activation'];
  outputActivation: ModelConfig['outputActivation'];
  seed: number;
  /** Extra options for the code layer, e.g. an activity regulariser for the sparse kind. */
  codeLayer?: Partial<Parameters<typeof tf.layers.dense>[0]>;
}

/** Glorot-uniform init with a distinct, reproducible seed per layer. */
export function seededInit(seed: number, layerIndex: number): ReturnType<typeof tf.initializers.glorotUniform> {
  return tf.initializers.glorotUniform({ seed: seed * 1000 + layerIndex });
}

export function denseEncoder(options: DenseStackOptions, name = 'encoder'): tf.LayersModel {
  const input = tf.input({ shape: options.inputShape, name: `${name}_input` });
  let x = options.inputShape.length > 1 ? (tf.layers.flatten().apply(input) as tf.SymbolicTensor) : input;
  options.hidden.forEach((units, i) => {
    x = tf.layers.dense({ units, activation: options.activation, kernelInitializer: seededInit(options.seed, i), name: `${name}_dense_${i}` }).apply(x) as tf.SymbolicTensor;
  });
  const code = tf.layers
    .dense({ units: options.latentDim, activation: options.activation, kernelInitializer: seededInit(options.seed, 100), name: `${name}_code`, ...options.codeLayer })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: code, name });
}

export function denseDecoder(options: DenseStackOptions, name = 'decoder'): tf.LayersModel {
  const outputSize = options.inputShape.reduce((a, b) => a * b, 1);
  const input = tf.input({ shape: [options.latentDim], name: `${name}_input` });
  let x: tf.SymbolicTensor = input;
  [...options.hidden].reverse().forEach((units, i) => {
    x = tf.layers.dense({ units, activation: options.activation, kernelInitializer: seededInit(options.seed, 200 + i), name: `${name}_dense_${i}` }).apply(x) as tf.SymbolicTensor;
  });
  x = tf.layers
    .dense({ units: outputSize, activation: options.outputActivation, kernelInitializer: seededInit(options.seed, 300), name: `${name}_output` })
    .apply(x) as tf.SymbolicTensor;
  if (options.inputShape.length > 1) x = tf.layers.reshape({ targetShape: options.inputShape, name: `${name}_reshape` }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: x, name });
}
