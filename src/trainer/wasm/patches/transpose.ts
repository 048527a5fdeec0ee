// Swapping the last two axes (every transposed matMul operand and result in training) is a strided copy that
// the stock wasm Transpose does at ~2.9 ns per element here; 4x4 SIMD blocks do it several times faster.
// Other permutations, and dtypes that are not 4 bytes wide, use the original kernel.
import type * as tf from '@tensorflow/tfjs';
import { SIMD_TRANSPOSE_WASM, type SimdTranspose } from '../simd/simdTranspose';
import { simdKernel } from '../simdKernel';
import { heapMemory, heapOf, pointerOf } from '../wasmInternals';
import { overrideKernel } from '../wasmPatch';

const swapsLastTwo = (perm: number[]) => perm.length >= 2 && perm.every((p, i) => (i < perm.length - 2 ? p === i : p === (i === perm.length - 2 ? perm.length - 1 : perm.length - 2)));

export const transposePatch = overrideKernel('Transpose', (args) => {
  const x = args.inputs.x as tf.TensorInfo;
  const { perm } = args.attrs as unknown as tf.TransposeAttrs;
  const heap = heapOf(args.backend);
  const wide = x.dtype === 'float32' || x.dtype === 'int32';
  const transpose = wide && swapsLastTwo(perm) ? simdKernel<SimdTranspose>(heap, SIMD_TRANSPOSE_WASM, 'transpose') : undefined;
  if (!transpose) return undefined;
  const rank = x.shape.length;
  const [rows, cols] = [x.shape[rank - 2], x.shape[rank - 1]];
  const matrices = x.shape.slice(0, rank - 2).reduce((a, b) => a * b, 1);
  const out = heap.makeOutput(perm.map((p) => x.shape[p]), x.dtype);
  const [src, dst] = [pointerOf(heap, x), pointerOf(heap, out)];
  const [rows4, cols4] = [rows - (rows % 4), cols - (cols % 4)];
  const from = new Int32Array(heapMemory(heap).buffer, src, matrices * rows * cols);
  const to = new Int32Array(heapMemory(heap).buffer, dst, matrices * rows * cols);
  for (let m = 0, offset = 0; m < matrices; m++, offset += rows * cols) {
    transpose(src + offset * 4, dst + offset * 4, rows4, cols4, cols * 4, rows * 4);
    // The edges the 4x4 blocks leave: the last rows % 4 rows, and the last cols % 4 columns of the other rows.
    for (let r = 0; r < rows; r++) {
      for (let c = r < rows4 ? cols4 : 0; c < cols; c++) to[offset + c * rows + r] = from[offset + r * cols + c];
    }
  }
  return out;
});
