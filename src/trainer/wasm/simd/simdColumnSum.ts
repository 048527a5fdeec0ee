// Column sums of a row-major [rows, cols] block as one WebAssembly SIMD pass: dst[c] += src[r][c] row by row.
import { encodeModule, I32, op } from './wasmBinary';

// Params: 0 src pointer, 1 dst pointer (zeroed), 2 rows, 3 vectorized column bytes (a multiple of 16), 4 row stride in bytes.
const R = 5, C = 6, ROW = 7;

const body = [
  op.get(0), op.set(ROW),
  op.block,
  op.loop,
  op.get(R), op.get(2), op.i32GeU, op.brIf(1),
  op.i32Const(0), op.set(C),
  op.block,
  op.loop,
  op.get(C), op.get(3), op.i32GeU, op.brIf(1),
  op.get(1), op.get(C), op.i32Add,
  op.get(1), op.get(C), op.i32Add, op.v128Load,
  op.get(ROW), op.get(C), op.i32Add, op.v128Load,
  op.f32x4Add,
  op.v128Store,
  op.get(C), op.i32Const(16), op.i32Add, op.set(C),
  op.br(0),
  op.end,
  op.end,
  op.get(ROW), op.get(4), op.i32Add, op.set(ROW),
  op.get(R), op.i32Const(1), op.i32Add, op.set(R),
  op.br(0),
  op.end,
  op.end,
];

export const SIMD_COLUMN_SUM_WASM = encodeModule({ exportName: 'columnSum', params: Array(5).fill(I32), locals: [[3, I32]], body });

export type SimdColumnSum = (src: number, dst: number, rows: number, vectorBytes: number, rowStrideBytes: number) => void;
