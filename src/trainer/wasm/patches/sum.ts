// Sum over the leading axes, e.g. every bias gradient (dy summed over the batch, and over height and width for
// convs). wasm's Sum transposes such inputs so the reduced axes come last, then reduces: two full passes and a
// malloc (~10 ms per step for the conv AE's 256x28x28x16 layer). This is one SIMD pass of column sums, each
// column added row by row in order. Other reductions use the original kernel.
import type * as tf from '@tensorflow/tfjs';
import { SIMD_COLUMN_SUM_WASM, type SimdColumnSum } from '../simd/simdColumnSum';
import { simdKernel } from '../simdKernel';
import { heapOf, pointerOf } from '../wasmInternals';
import { overrideKernel } from '../wasmPatch';

/** The number of leading axes `axis` names, or 0 when it is not exactly 0..k-1 with k below the rank. */
function leadingAxes(axis: number | number[], rank: number): number {
  const axes = [...new Set((Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
  return axes.length < rank && axes.every((a, i) => a === i) ? axes.length : 0;
}

export const sumPatch = overrideKernel('Sum', (args) => {
  const x = args.inputs.x as tf.TensorInfo;
  const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs;
  const heap = heapOf(args.backend);
  const k = leadingAxes(axis, x.shape.length);
  const columnSum = x.dtype === 'float32' && k > 0 ? simdKernel<SimdColumnSum>(heap, SIMD_COLUMN_SUM_WASM, 'columnSum') : undefined;
  if (!columnSum) return undefined;
  const rows = x.shape.slice(0, k).reduce((a, b) => a * b, 1);
  const kept = x.shape.slice(k);
  const cols = kept.reduce((a, b) => a * b, 1);
  const out = heap.makeOutput(keepDims ? [...Array(k).fill(1), ...kept] : kept, 'float32');
  const sums = heap.typedArrayFromHeap(out);
  sums.fill(0);
  const vectorized = cols - (cols % 4);
  columnSum(pointerOf(heap, x), pointerOf(heap, out), rows, vectorized * 4, cols * 4);
  if (vectorized < cols) {
    const values = heap.typedArrayFromHeap(x);
    for (let r = 0; r < rows; r++) for (let c = vectorized; c < cols; c++) sums[c] = Math.fround(sums[c] + values[r * cols + c]);
  }
  return out;
});
