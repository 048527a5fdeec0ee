// Transpose of a row-major [rows, cols] float32 matrix in 4x4 blocks: four row loads, eight lane shuffles, four
// column stores. Only the part whose rows and columns are multiples of 4; the caller does the edges.
import { encodeModule, I32, op, V128 } from './wasmBinary';

// Params: 0 src pointer, 1 dst pointer, 2 rows (a multiple of 4), 3 cols (a multiple of 4), 4 src row stride in
// bytes (all columns * 4), 5 dst row stride in bytes (all rows * 4).
const R = 6, C = 7, P = 8, Q = 9;
const A = 10, T = 14; // a0..a3 rows, t0..t3 half-transposed pairs

/** Byte lanes for float lanes [i, j, k, l] of (first ++ second), where 4-7 name the second operand's lanes. */
const floats = (lanes: number[]) => lanes.flatMap((lane) => [0, 1, 2, 3].map((b) => lane * 4 + b));
const rowPointer = (i: number) => (i === 0 ? [op.get(P)] : [op.get(P), op.get(4), op.i32Const(i), op.i32Mul, op.i32Add]);
const colPointer = (j: number) => (j === 0 ? [op.get(Q)] : [op.get(Q), op.get(5), op.i32Const(j), op.i32Mul, op.i32Add]);

const body = [
  op.block,
  op.loop,
  op.get(R), op.get(2), op.i32GeU, op.brIf(1),
  // P = src + R * srcStride; Q = dst + R * 4
  op.get(0), op.get(R), op.get(4), op.i32Mul, op.i32Add, op.set(P),
  op.get(1), op.get(R), op.i32Const(4), op.i32Mul, op.i32Add, op.set(Q),
  op.i32Const(0), op.set(C),
  op.block,
  op.loop,
  op.get(C), op.get(3), op.i32GeU, op.brIf(1),
  ...[0, 1, 2, 3].flatMap((i) => [...rowPointer(i), op.v128Load, op.set(A + i)]),
  op.get(A), op.get(A + 1), op.i8x16Shuffle(floats([0, 4, 1, 5])), op.set(T),
  op.get(A), op.get(A + 1), op.i8x16Shuffle(floats([2, 6, 3, 7])), op.set(T + 1),
  op.get(A + 2), op.get(A + 3), op.i8x16Shuffle(floats([0, 4, 1, 5])), op.set(T + 2),
  op.get(A + 2), op.get(A + 3), op.i8x16Shuffle(floats([2, 6, 3, 7])), op.set(T + 3),
  ...colPointer(0), op.get(T), op.get(T + 2), op.i8x16Shuffle(floats([0, 1, 4, 5])), op.v128Store,
  ...colPointer(1), op.get(T), op.get(T + 2), op.i8x16Shuffle(floats([2, 3, 6, 7])), op.v128Store,
  ...colPointer(2), op.get(T + 1), op.get(T + 3), op.i8x16Shuffle(floats([0, 1, 4, 5])), op.v128Store,
  ...colPointer(3), op.get(T + 1), op.get(T + 3), op.i8x16Shuffle(floats([2, 3, 6, 7])), op.v128Store,
  op.get(P), op.i32Const(16), op.i32Add, op.set(P),
  op.get(Q), op.get(5), op.i32Const(4), op.i32Mul, op.i32Add, op.set(Q),
  op.get(C), op.i32Const(4), op.i32Add, op.set(C),
  op.br(0),
  op.end,
  op.end,
  op.get(R), op.i32Const(4), op.i32Add, op.set(R),
  op.br(0),
  op.end,
  op.end,
];

export const SIMD_TRANSPOSE_WASM = encodeModule({ exportName: 'transpose', params: Array(6).fill(I32), locals: [[4, I32], [8, V128]], body });

export type SimdTranspose = (src: number, dst: number, rows: number, cols: number, srcStrideBytes: number, dstStrideBytes: number) => void;
