// The BCE loss of patches/bceGrad.ts over one row as one WebAssembly SIMD pass: the sum over the row's pixels of
// -(t log(c) + (1 - t) log(1 - c)), c = the output clipped to [low, high], stored as one float32 at `sum`.
// The logarithm is Cephes' logf polynomial (within about 1 ulp of the stock kernel's), so the loss may differ from
// the stock ops' in its last bits; the gradient does not use it.
import { encodeModule, F32, I32, op, V128, vectorAt, vectorLoop } from './wasmBinary';

// Params: 0 target pointer, 1 output pointer, 2 sum pointer (one float32 out), 3 byte length (a multiple of 16),
// 4 low, 5 high.
const I = 6;
const [LOW, HIGH, ONE, HALF, SQRT_HALF, EXPONENT_BIAS, MANTISSA, LN2_HI, LN2_LO, SUM, T, C, X, E, Z, Y, M] = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23];
const COEFFICIENTS = [7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1];
const C0 = 24; // locals 24..32: the polynomial's coefficients, splatted
const at = (pointer: number) => vectorAt(pointer, I);
const splatF = (value: number, local: number) => [op.f32Const(value), op.f32x4Splat, op.set(local)];
const splatI = (value: number, local: number) => [op.i32Const(value), op.i32x4Splat, op.set(local)];

/** Leaves log(local) on the stack, for positive normal floats (the clipped outputs). */
function logOf(local: number): number[][] {
  return [
    // e = exponent + 1 (as float), m = mantissa in [0.5, 1)
    op.get(local), op.i32Const(23), op.i32x4ShrU, op.get(EXPONENT_BIAS), op.i32x4Sub, op.f32x4ConvertI32x4S, op.set(E),
    op.get(local), op.get(MANTISSA), op.v128And, op.get(HALF), op.v128Or, op.set(M),
    // m < sqrt(1/2): e -= 1 and x = 2m - 1, else x = m - 1
    op.get(M), op.get(SQRT_HALF), op.f32x4Lt, op.set(Z),
    op.get(E), op.get(ONE), op.get(Z), op.v128And, op.f32x4Sub, op.set(E),
    op.get(M), op.get(ONE), op.f32x4Sub, op.get(M), op.get(Z), op.v128And, op.f32x4Add, op.set(X),
    op.get(X), op.get(X), op.f32x4Mul, op.set(Z),
    // y = P(x) x z, Horner
    op.get(C0),
    ...COEFFICIENTS.slice(1).flatMap((_, k) => [op.get(X), op.f32x4Mul, op.get(C0 + k + 1), op.f32x4Add]),
    op.get(X), op.f32x4Mul, op.get(Z), op.f32x4Mul,
    // y += e ln2_lo - z / 2; log = x + y + e ln2_hi
    op.get(E), op.get(LN2_LO), op.f32x4Mul, op.f32x4Add,
    op.get(Z), op.get(HALF), op.f32x4Mul, op.f32x4Sub, op.set(Y),
    op.get(X), op.get(Y), op.f32x4Add, op.get(E), op.get(LN2_HI), op.f32x4Mul, op.f32x4Add,
    // + (v - v): NaN for NaN (whose bits the polynomial would turn into a finite number), else 0
    op.get(local), op.get(local), op.f32x4Sub, op.f32x4Add,
  ];
}

const body = [
  op.get(4), op.f32x4Splat, op.set(LOW),
  op.get(5), op.f32x4Splat, op.set(HIGH),
  ...splatF(1, ONE), ...splatF(0.5, HALF), ...splatF(Math.SQRT1_2, SQRT_HALF),
  ...splatI(126, EXPONENT_BIAS), ...splatI(0x807fffff, MANTISSA),
  ...splatF(0.693359375, LN2_HI), ...splatF(-2.12194440e-4, LN2_LO),
  ...COEFFICIENTS.flatMap((c, k) => splatF(c, C0 + k)),
  ...vectorLoop(I, 3, [
    ...at(0), op.v128Load, op.set(T),
    ...at(1), op.v128Load, op.get(LOW), op.f32x4Max, op.get(HIGH), op.f32x4Min, op.set(C),
    // sum -= t log(c) + (1 - t) log(1 - c)
    op.get(SUM),
    op.get(T), ...logOf(C), op.f32x4Mul,
    op.get(ONE), op.get(T), op.f32x4Sub, op.get(ONE), op.get(C), op.f32x4Sub, op.set(C), ...logOf(C), op.f32x4Mul,
    op.f32x4Add, op.f32x4Sub, op.set(SUM),
  ]),
  op.get(2),
  op.get(SUM), op.f32x4ExtractLane(0), op.get(SUM), op.f32x4ExtractLane(1), op.f32Add,
  op.get(SUM), op.f32x4ExtractLane(2), op.get(SUM), op.f32x4ExtractLane(3), op.f32Add,
  op.f32Add, op.f32Store,
].flat();

export const SIMD_BCE_LOSS_WASM = encodeModule({ exportName: 'bceLoss', params: [I32, I32, I32, I32, F32, F32], locals: [[1, I32], [C0 + COEFFICIENTS.length - 7, V128]], body: [body] });

export type SimdBceLoss = (target: number, output: number, sum: number, bytes: number, low: number, high: number) => void;
