// Adam's update as one WebAssembly SIMD pass per variable, on tfjs-backend-wasm's heap. Each lane does the same
// float32 operations in the same order as tf.train.adam's op-by-op update (mul, add, div, sqrt are exactly rounded
// in wasm), so the results are bit-identical; it replaces ~12 kernels, each a full pass and a malloc, per variable.
import { encodeModule, F32, I32, op, V128, vectorAt, vectorLoop } from './wasmBinary';

// Params: 0-3 value, m, v, grad pointers; 4-6 new value, m, v pointers; 7 byte length (a multiple of 16);
// 8-15 beta1, 1-beta1, beta2, 1-beta2, 1-beta1^t, 1-beta2^t, epsilon, -learningRate.
const I = 16; // byte index
const SPLAT = 17; // 17..24: the eight scalars splatted to v128
const G = 25, M = 26, V = 27;
const at = (pointer: number) => vectorAt(pointer, I);

const body = [
  ...Array.from({ length: 8 }, (_, k) => [op.get(8 + k), op.f32x4Splat, op.set(SPLAT + k)]).flat(),
  ...vectorLoop(I, 7, [
    ...at(3), op.v128Load, op.set(G),
    // m' = m * beta1 + g * (1 - beta1)
    ...at(1), op.v128Load, op.get(SPLAT + 0), op.f32x4Mul, op.get(G), op.get(SPLAT + 1), op.f32x4Mul, op.f32x4Add, op.set(M),
    // v' = v * beta2 + (g * g) * (1 - beta2)
    ...at(2), op.v128Load, op.get(SPLAT + 2), op.f32x4Mul, op.get(G), op.get(G), op.f32x4Mul, op.get(SPLAT + 3), op.f32x4Mul, op.f32x4Add, op.set(V),
    ...at(5), op.get(M), op.v128Store,
    ...at(6), op.get(V), op.v128Store,
    // value' = ((m' / bc1) / (sqrt(v' / bc2) + eps)) * -lr + value
    ...at(4),
    op.get(M), op.get(SPLAT + 4), op.f32x4Div,
    op.get(V), op.get(SPLAT + 5), op.f32x4Div, op.f32x4Sqrt, op.get(SPLAT + 6), op.f32x4Add,
    op.f32x4Div, op.get(SPLAT + 7), op.f32x4Mul,
    ...at(0), op.v128Load, op.f32x4Add,
    op.v128Store,
  ]),
];

export const SIMD_ADAM_WASM = encodeModule({
  exportName: 'adam',
  params: [...Array(8).fill(I32), ...Array(8).fill(F32)],
  locals: [[1, I32], [11, V128]],
  body,
});

export type SimdAdam = (value: number, m: number, v: number, g: number, outValue: number, outM: number, outV: number, bytes: number, beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, biasCorrection1: number, biasCorrection2: number, epsilon: number, negLearningRate: number) => void;
