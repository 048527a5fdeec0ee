import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../protocol/experiment';
import { FastAdamOptimizer } from '../wasm';

// tfjs 4.22's Adam, RMSProp and Adadelta read their (protected) learningRate at every step, also in the wasm Adam
// patch; SGD keeps a scalar of it, which its own setLearningRate replaces. These subclasses give the others a setter,
// so a learning-rate schedule can change the rate between epochs.
class ScheduledAdam extends FastAdamOptimizer {
  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }
}
class ScheduledRmsProp extends tf.RMSPropOptimizer {
  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }
}
class ScheduledAdadelta extends tf.AdadeltaOptimizer {
  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }
}

export type ScheduledOptimizer = tf.Optimizer & { setLearningRate(learningRate: number): void };

/** Every optimizer createOptimizer makes has the setter; one made elsewhere (a test's) keeps its rate. */
export function hasLearningRateSetter(optimizer: tf.Optimizer): optimizer is ScheduledOptimizer {
  return typeof (optimizer as Partial<ScheduledOptimizer>).setLearningRate === 'function';
}

export function createOptimizer({ optimizer, learningRate }: TrainingConfig): ScheduledOptimizer {
  switch (optimizer) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'rmsprop':
      // tf.train.rmsprop's defaults.
      return new ScheduledRmsProp(learningRate, 0.9, 0, undefined, false);
    case 'adadelta':
      // tf.train.adadelta's defaults.
      return new ScheduledAdadelta(learningRate, 0.95);
    default:
      // tf.train.adam's defaults (beta1 0.9, beta2 0.999, the backend's epsilon), with a fused update on wasm.
      return new ScheduledAdam(learningRate, 0.9, 0.999);
  }
}
