// ||J_f(x)||_F^2 for a dense encoder stack h_k = act(h_{k-1} W_k + b_k), J = d h_L / d x, in closed form.
// Why not tf.grad per code unit: that costs latentDim backward passes per batch and the penalty's own gradient would
// need second-order tapes. The chain rule gives J = D_L W_L^T ... D_1 W_1^T (D_k = diag(act'(a_k))), which is a few
// batched matmuls that ordinary autodiff differentiates.
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../protocol/experiment';

export type DenseActivation = ModelConfig['activation'] | 'linear';

const SELU_SCALE = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;

/**
 * act'(a) written in terms of the output h = act(a), so no pre-activations have to be kept.
 * Uses tf.step rather than comparisons: comparison ops have no gradient, and this runs inside minimize().
 */
export function activationDerivative(activation: DenseActivation, h: tf.Tensor): tf.Tensor {
  const positive = () => tf.step(h); // 1 where h > 0, else 0
  switch (activation) {
    case 'sigmoid':
      return h.mul(tf.scalar(1).sub(h));
    case 'tanh':
      return tf.scalar(1).sub(h.square());
    case 'relu':
      return positive();
    case 'elu': // h = e^a - 1 for a <= 0, so h' = h + 1
      return positive().add(tf.scalar(1).sub(positive()).mul(h.add(1)));
    case 'selu': // h = scale * alpha * (e^a - 1) for a <= 0, so h' = h + scale * alpha
      return positive().mul(SELU_SCALE).add(tf.scalar(1).sub(positive()).mul(h.add(SELU_SCALE * SELU_ALPHA)));
    case 'linear':
      return tf.onesLike(h);
  }
}

/**
 * Batch mean of ||J||_F^2. `activations` are h_1..h_L ([batch, n_k]); `kernels` are W_1..W_L ([n_{k-1}, n_k]).
 * One layer: sum_j h'_j^2 * sum_i W_ij^2. Deeper: M = D_L W_L^T ... W_2^T D_1 ([batch, n_L, n_1]) and
 * ||J||^2 = sum (M G) * M with G = W_1^T W_1, which never materialises the [batch, n_L, inputs] Jacobian
 * unless the first layer is wider than the input.
 */
export function denseJacobianPenalty(activations: tf.Tensor2D[], kernels: tf.Tensor2D[], activation: DenseActivation): tf.Scalar {
  return tf.tidy(() => {
    const layers = kernels.length;
    const d = activations.map((h) => activationDerivative(activation, h));
    const [inputs, first] = kernels[0].shape;
    if (layers === 1) return d[0].square().matMul(kernels[0].square().sum(0).expandDims(1)).mean() as tf.Scalar;

    const batch = activations[0].shape[0];
    const codeSize = kernels[layers - 1].shape[1];
    let m = d[layers - 1].expandDims(2).mul(kernels[layers - 1].transpose().expandDims(0));
    for (let k = layers - 2; k >= 1; k--) {
      m = m.mul(d[k].expandDims(1));
      m = m.reshape([batch * codeSize, -1]).matMul(kernels[k], false, true).reshape([batch, codeSize, kernels[k].shape[0]]);
    }
    const rows = m.mul(d[0].expandDims(1)).reshape([batch * codeSize, first]) as tf.Tensor2D;
    if (first <= inputs) {
      const gram = kernels[0].matMul(kernels[0], true, false);
      return rows.matMul(gram).mul(rows).sum().div(batch) as tf.Scalar;
    }
    return rows.matMul(kernels[0], false, true).square().sum().div(batch) as tf.Scalar;
  });
}
