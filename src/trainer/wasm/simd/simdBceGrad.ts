// The BCE gradient of patches/bceGrad.ts over one row as one WebAssembly SIMD pass: per element
// (-g t) / o - (-g (1 - t)) / (1 - o), zeroed where the output was clipped (o outside [low, high], or NaN). Each
// operation is a float32 operation in the stock gradient's order, so the result is bit-identical.
import { encodeModule, F32, I32, op, V128, vectorAt, vectorLoop } from './wasmBinary';

// Params: 0 target pointer, 1 output pointer, 2 out pointer, 3 byte length (a multiple of 16), 4 -g, 5 low,
// 6 high, 7 one.
const I = 8, NEG_G = 9, LOW = 10, HIGH = 11, ONE = 12, T = 13, O = 14;
const at = (pointer: number) => vectorAt(pointer, I);

const body = [
  op.get(4), op.f32x4Splat, op.set(NEG_G),
  op.get(5), op.f32x4Splat, op.set(LOW),
  op.get(6), op.f32x4Splat, op.set(HIGH),
  op.get(7), op.f32x4Splat, op.set(ONE),
  ...vectorLoop(I, 3, [
    ...at(2),
    ...at(0), op.v128Load, op.set(T),
    ...at(1), op.v128Load, op.set(O),
    op.get(NEG_G), op.get(T), op.f32x4Mul, op.get(O), op.f32x4Div,
    op.get(NEG_G), op.get(ONE), op.get(T), op.f32x4Sub, op.f32x4Mul, op.get(ONE), op.get(O), op.f32x4Sub, op.f32x4Div,
    op.f32x4Sub,
    op.get(O), op.get(LOW), op.f32x4Ge, op.get(O), op.get(HIGH), op.f32x4Le, op.v128And,
    op.v128And,
    op.v128Store,
  ]),
];

export const SIMD_BCE_GRAD_WASM = encodeModule({ exportName: 'bceGrad', params: [I32, I32, I32, I32, F32, F32, F32, F32], locals: [[1, I32], [6, V128]], body });

export type SimdBceGrad = (target: number, output: number, out: number, bytes: number, negG: number, low: number, high: number, one: number) => void;
