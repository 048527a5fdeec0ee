// Binary cross-entropy per sample with its gradient, one kernel each. On the tape, the BCE of models/losses.ts is
// about ten full-size kernels (clip, two logs, products, differences, the mean) and its gradient about 15 more, each a
// pass over batch x pixels and a malloc: ~5 ms of a 25 ms deep-AE step at 256 rows. Here the forward is one SIMD
// pass per row off the tape (its logarithm a polynomial, so the loss may differ from the stock ops' in the last
// bits) and the gradient with respect to the output one SIMD pass that repeats the stock gradient's float32
// operations in the stock order, so the weights stay bit-identical. The target is data: no gradient flows to it
// (true of every caller: the targets are the clean inputs).
import * as tf from '@tensorflow/tfjs';
import { SIMD_BCE_GRAD_WASM, type SimdBceGrad } from '../simd/simdBceGrad';
import { SIMD_BCE_LOSS_WASM, type SimdBceLoss } from '../simd/simdBceLoss';
import { simdKernel } from '../simdKernel';
import { heapOf, pointerOf } from '../wasmInternals';
import { addKernel } from '../wasmPatch';

const KERNEL = 'AelabBinaryCrossEntropyGrad';
const LOSS_KERNEL = 'AelabBinaryCrossEntropy';
const f32 = Math.fround;

/** Elements [from, to) of the gradient for one row's -g, in JavaScript (rows' tails, and wasm without SIMD). */
function rowTail(target: Float32Array, output: Float32Array, out: Float32Array, from: number, to: number, negG: number, low: number, high: number): void {
  for (let i = from; i < to; i++) {
    const o = output[i];
    const t = target[i];
    out[i] = o >= low && o <= high ? f32(f32(f32(negG * t) / o) - f32(f32(negG * f32(1 - t)) / f32(1 - o))) : 0;
  }
}

/**
 * d(mean over pixels of BCE)/d(output) for rows x pixels, given dy per row: the mean's gradient g = dy / pixels,
 * the two log terms' gradients (the second negated by the subtraction 1 - o), then the clip's mask.
 */
export const bceGradPatch = addKernel(KERNEL, ({ inputs, backend, attrs }) => {
  const heap = heapOf(backend);
  const { target, output, dy } = inputs as Record<string, tf.TensorInfo>;
  const { epsilon } = attrs as unknown as { epsilon: number };
  const out = heap.makeOutput(output.shape, 'float32');
  const [low, high] = [f32(epsilon), f32(1 - epsilon)];
  const pixels = output.shape[1];
  const vectorized = pixels - (pixels % 4);
  const simd = simdKernel<SimdBceGrad>(heap, SIMD_BCE_GRAD_WASM, 'bceGrad');
  const [targets, outputs, grads, outs] = [target, output, dy, out].map((t) => heap.typedArrayFromHeap(t));
  const [targetAt, outputAt, outAt] = [target, output, out].map((t) => pointerOf(heap, t));
  for (let row = 0; row < grads.length; row++) {
    const negG = -f32(grads[row] / pixels);
    const start = row * pixels;
    if (simd) simd(targetAt + 4 * start, outputAt + 4 * start, outAt + 4 * start, 4 * vectorized, negG, low, high, 1);
    rowTail(targets, outputs, outs, simd ? start + vectorized : start, start + pixels, negG, low, high);
  }
  return out;
});

/**
 * The forward pass as one SIMD pass per row (two logarithms, the products and the row's sum), instead of about ten
 * full-size kernels; the rows' tails in JavaScript. Only with wasm SIMD (binaryCrossEntropy checks).
 */
export const bceLossPatch = addKernel(LOSS_KERNEL, ({ inputs, backend, attrs }) => {
  const heap = heapOf(backend);
  const { target, output } = inputs as Record<string, tf.TensorInfo>;
  const { epsilon } = attrs as unknown as { epsilon: number };
  const [rows, pixels] = output.shape;
  const out = heap.makeOutput([rows], 'float32');
  const [low, high] = [f32(epsilon), f32(1 - epsilon)];
  const vectorized = pixels - (pixels % 4);
  const simd = simdKernel<SimdBceLoss>(heap, SIMD_BCE_LOSS_WASM, 'bceLoss')!;
  const [targets, outputs, outs] = [target, output, out].map((t) => heap.typedArrayFromHeap(t));
  const [targetAt, outputAt, outAt] = [target, output, out].map((t) => pointerOf(heap, t));
  for (let row = 0; row < rows; row++) {
    const start = row * pixels;
    simd(targetAt + 4 * start, outputAt + 4 * start, outAt + 4 * row, 4 * vectorized, low, high);
    let sum = outs[row];
    for (let i = start + vectorized; i < start + pixels; i++) {
      const c = Math.min(Math.max(outputs[i], low), high);
      const t = targets[i];
      sum = f32(sum - f32(f32(t * f32(Math.log(c))) + f32(f32(1 - t) * f32(Math.log(f32(1 - c))))));
    }
    outs[row] = f32(sum / pixels);
  }
  return out;
});

/** The stock ops: -(t log(clip(o)) + (1 - t) log(1 - clip(o))), averaged over each row. */
function perRowBce(target: tf.Tensor2D, output: tf.Tensor2D, epsilon: number): tf.Tensor1D {
  const clipped = output.clipByValue(epsilon, 1 - epsilon);
  const bce = target.mul(clipped.log()).add(tf.scalar(1).sub(target).mul(tf.scalar(1).sub(clipped).log())).neg();
  return bce.mean(1) as tf.Tensor1D;
}

/** Per-row mean BCE of [rows, pixels] float32 tensors; its gradient is one kernel on wasm with the patches on. */
export function binaryCrossEntropy(target: tf.Tensor2D, output: tf.Tensor2D, epsilon: number): tf.Tensor1D {
  const fused = tf.getBackend() === 'wasm' && target.dtype === 'float32' && output.dtype === 'float32' && bceGradPatch.isRegistered();
  if (!fused) return perRowBce(target, output, epsilon);
  // customGrad's arguments are (...inputs, save); only the output is an input, so the target gets no gradient.
  const withGradient = tf.customGrad((o: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
    (save as tf.GradSaveFunc)([target, o as tf.Tensor]);
    const oneKernel = bceLossPatch.isRegistered() && simdKernel(heapOf(tf.backend()), SIMD_BCE_LOSS_WASM, 'bceLoss');
    return {
      value: oneKernel ? (tf.engine().runKernel(LOSS_KERNEL, { target, output: o as tf.Tensor }, { epsilon } as unknown as tf.NamedAttrMap) as tf.Tensor) : perRowBce(target, o as tf.Tensor2D, epsilon),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.engine().runKernel(KERNEL, { target: saved[0], output: saved[1], dy }, { epsilon } as unknown as tf.NamedAttrMap) as tf.Tensor,
    };
  });
  return withGradient(output) as tf.Tensor1D;
}
