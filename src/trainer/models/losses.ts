// Reconstruction losses shared by the kinds. BCE/MSE are means over pixels and batch, as Keras reports them.
import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../protocol/experiment';

const EPSILON = 1e-7;

export function perSampleReconstructionError(kind: TrainingConfig['loss'], target: tf.Tensor, output: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const batch = target.shape[0];
    const t = target.reshape([batch, -1]);
    const o = output.reshape([batch, -1]);
    if (kind === 'mse') return tf.squaredDifference(t, o).mean(1) as tf.Tensor1D;
    const clipped = o.clipByValue(EPSILON, 1 - EPSILON);
    const bce = t.mul(clipped.log()).add(tf.scalar(1).sub(t).mul(tf.scalar(1).sub(clipped).log())).neg();
    return bce.mean(1) as tf.Tensor1D;
  });
}

export function reconstructionLoss(kind: TrainingConfig['loss'], target: tf.Tensor, output: tf.Tensor): tf.Scalar {
  return tf.tidy(() => perSampleReconstructionError(kind, target, output).mean() as tf.Scalar);
}
