// Losses shared by the kinds. Reconstruction BCE/MSE are means over pixels and batch, as Keras reports them;
// the VAE family sums over pixels instead (the ELBO is per sample), as the keras.io VAE does.
import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../protocol/experiment';
import { binaryCrossEntropy } from '../wasm';

/** Clips BCE's outputs away from 0 and 1 (log 0); apply's JavaScript BCE uses the same. */
export const EPSILON = 1e-7;

export function perSampleReconstructionError(kind: TrainingConfig['loss'], target: tf.Tensor, output: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const batch = target.shape[0];
    const t = target.reshape([batch, -1]);
    const o = output.reshape([batch, -1]);
    if (kind === 'mse') return tf.squaredDifference(t, o).mean(1) as tf.Tensor1D;
    return binaryCrossEntropy(t as tf.Tensor2D, o as tf.Tensor2D, EPSILON);
  });
}

export function reconstructionLoss(kind: TrainingConfig['loss'], target: tf.Tensor, output: tf.Tensor): tf.Scalar {
  return tf.tidy(() => perSampleReconstructionError(kind, target, output).mean() as tf.Scalar);
}

/** Reconstruction error summed over the pixels of a sample, averaged over the batch. */
export function summedReconstructionLoss(kind: TrainingConfig['loss'], target: tf.Tensor, output: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const pixels = target.size / target.shape[0];
    return reconstructionLoss(kind, target, output).mul(pixels) as tf.Scalar;
  });
}

/** KL(N(mean, exp(logVar)) || N(0, I)) = -0.5 * sum(1 + logVar - mean^2 - exp(logVar)), averaged over the batch. */
export function klDivergence(mean: tf.Tensor, logVar: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.scalar(1).add(logVar).sub(mean.square()).sub(logVar.exp()).sum(1).mean().mul(-0.5) as tf.Scalar);
}
