import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../protocol/experiment';
import { FastAdamOptimizer } from '../wasm';

export function createOptimizer({ optimizer, learningRate }: TrainingConfig): tf.Optimizer {
  switch (optimizer) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
    case 'adadelta':
      return tf.train.adadelta(learningRate);
    default:
      // tf.train.adam's defaults (beta1 0.9, beta2 0.999, the backend's epsilon), with a fused update on wasm.
      return new FastAdamOptimizer(learningRate, 0.9, 0.999);
  }
}
