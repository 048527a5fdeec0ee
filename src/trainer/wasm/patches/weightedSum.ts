// x * a + y * b, the step that averages replica gradients: one SIMD pass on wasm instead of three kernels (two
// scalings and an add, each a full pass and a malloc), with bit-identical results. Elsewhere (or with the patches
// off), the plain ops.
import * as tf from '@tensorflow/tfjs';
import { SIMD_WEIGHTED_SUM_WASM, type SimdWeightedSum } from '../simd/simdWeightedSum';
import { simdKernel } from '../simdKernel';
import { heapOf, pointerOf } from '../wasmInternals';
import { addKernel } from '../wasmPatch';

const KERNEL = 'AelabWeightedSum';
const f32 = Math.fround;

function simdFor(backend: unknown): SimdWeightedSum | undefined {
  return simdKernel<SimdWeightedSum>(heapOf(backend), SIMD_WEIGHTED_SUM_WASM, 'weightedSum');
}

export const weightedSumPatch = addKernel(KERNEL, ({ inputs, backend, attrs }) => {
  const heap = heapOf(backend);
  const { x, y } = inputs as Record<string, tf.TensorInfo>;
  const { a, b } = attrs as unknown as { a: number; b: number };
  const out = heap.makeOutput(x.shape, 'float32');
  const size = x.shape.reduce((p, q) => p * q, 1);
  const vectorized = size - (size % 4);
  simdFor(heap)!(pointerOf(heap, x), pointerOf(heap, y), pointerOf(heap, out), vectorized * 4, a, b);
  const [xs, ys, outs] = [x, y, out].map((t) => heap.typedArrayFromHeap(t));
  for (let i = vectorized; i < size; i++) outs[i] = f32(f32(xs[i] * f32(a)) + f32(ys[i] * f32(b)));
  return out;
});

/** x * a + y * b for float32 tensors of one shape (not differentiable: for gradients already computed). */
export function weightedSum(x: tf.Tensor, a: number, y: tf.Tensor, b: number): tf.Tensor {
  const simd = tf.getBackend() === 'wasm' && x.dtype === 'float32' && y.dtype === 'float32' && weightedSumPatch.isRegistered() && simdFor(tf.backend());
  if (!simd) return tf.tidy(() => tf.add(tf.mul(x, a), tf.mul(y, b)));
  return tf.engine().runKernel(KERNEL, { x, y }, { a, b } as unknown as tf.NamedAttrMap) as tf.Tensor;
}
