import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../protocol/experiment';

export function createOptimizer({ optimizer, learningRate }: TrainingConfig): tf.Optimizer {
  switch (optimizer) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
    case 'adadelta':
      return tf.train.adadelta(learningRate);
    default:
      return tf.train.adam(learningRate);
  }
}
