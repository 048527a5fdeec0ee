// Maximum mean discrepancy between a batch of codes and a batch of prior samples, with the inverse multiquadratic
// (IMQ) kernel k(x, y) = C / (C + ||x - y||^2) summed over several scales of C = 2 * d * sigma^2, as Tolstikhin et al.
// (2018, "Wasserstein Auto-Encoders") do for WAE-MMD: the IMQ's heavy tails keep gradients alive for codes far from
// the prior, where a Gaussian kernel's vanish.
import * as tf from '@tensorflow/tfjs';

/** Multiples of the base C = 2 * d * sigma^2; one kernel per scale, summed. */
export const IMQ_SCALES = [0.1, 0.2, 0.5, 1, 2, 5, 10];

/** Squared Euclidean distances between the rows of a [n, d] and b [m, d], as [n, m] (clamped at 0 against rounding). */
function squaredDistances(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const aa = a.square().sum(1, true);
  const bb = b.square().sum(1, true).transpose();
  return aa.add(bb).sub(tf.matMul(a, b, false, true).mul(2)).relu() as tf.Tensor2D;
}

/** Sum over IMQ_SCALES of C_s / (C_s + D) for each entry of the squared-distance matrix D. */
function imqKernel(distances: tf.Tensor2D, baseC: number): tf.Tensor2D {
  return IMQ_SCALES.map((scale) => {
    const c = baseC * scale;
    return tf.scalar(c).div(distances.add(c)) as tf.Tensor2D;
  }).reduce((sum, k) => sum.add(k));
}

/**
 * The unbiased estimate of MMD^2 between codes [n, d] and prior samples [n, d] of N(0, sigma^2 I): the within-set
 * sums leave out the diagonal (k(x, x) is no evidence about the distributions). Needs n >= 2; a one-row batch gives 0.
 */
export function imqMmd(codes: tf.Tensor2D, prior: tf.Tensor2D, priorVariance = 1): tf.Scalar {
  return tf.tidy(() => {
    const n = codes.shape[0];
    if (n < 2) return tf.scalar(0);
    const baseC = 2 * codes.shape[1] * priorVariance;
    const offDiagonal = tf.scalar(1).sub(tf.eye(n));
    const within = (x: tf.Tensor2D) => imqKernel(squaredDistances(x, x), baseC).mul(offDiagonal).sum().div(n * (n - 1));
    const across = imqKernel(squaredDistances(codes, prior), baseC).sum().div(n * n);
    return within(codes).add(within(prior)).sub(across.mul(2)) as tf.Scalar;
  });
}
