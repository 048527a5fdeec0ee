// out = x * a + y * b as one WebAssembly SIMD pass (each product rounded to float32, then the sum: the same
// operations, in the same order, as tf.add(tf.mul(x, a), tf.mul(y, b))).
import { encodeModule, F32, I32, op, V128, vectorAt, vectorLoop } from './wasmBinary';

// Params: 0 x pointer, 1 y pointer, 2 out pointer, 3 byte length (a multiple of 16), 4 a, 5 b.
const I = 6, A = 7, B = 8;
const at = (pointer: number) => vectorAt(pointer, I);

const body = [
  op.get(4), op.f32x4Splat, op.set(A),
  op.get(5), op.f32x4Splat, op.set(B),
  ...vectorLoop(I, 3, [
    ...at(2),
    ...at(0), op.v128Load, op.get(A), op.f32x4Mul,
    ...at(1), op.v128Load, op.get(B), op.f32x4Mul,
    op.f32x4Add,
    op.v128Store,
  ]),
];

export const SIMD_WEIGHTED_SUM_WASM = encodeModule({ exportName: 'weightedSum', params: [I32, I32, I32, I32, F32, F32], locals: [[1, I32], [2, V128]], body });

export type SimdWeightedSum = (x: number, y: number, out: number, bytes: number, a: number, b: number) => void;
