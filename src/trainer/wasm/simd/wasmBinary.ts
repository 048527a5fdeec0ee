// A minimal WebAssembly binary encoder: one exported function over an imported memory. Enough to hand-write
// small SIMD kernels that run on tfjs-backend-wasm's own heap, with no toolchain at build or run time.

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

/** Instructions used by the kernels here (core opcodes, then 0xfd-prefixed SIMD ones). */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  end: [0x0b],
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  tee: (local: number) => [0x22, ...uleb(local)],
  i32Const: (value: number) => [0x41, ...sleb(value)],
  f32Const: (value: number) => [0x43, ...new Uint8Array(Float32Array.of(value).buffer)],
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32GeU: [0x4f],
  f32Add: [0x92],
  f32Store: [0x38, 0x02, 0x00], // align 4, offset 0
  v128Load: [0xfd, ...uleb(0x00), 0x00, 0x00], // align hint 1, offset 0
  v128Store: [0xfd, ...uleb(0x0b), 0x00, 0x00],
  /** Lanes are byte indices 0-31 into the two operands (16-31: the second). */
  i8x16Shuffle: (lanes: number[]) => [0xfd, ...uleb(0x0d), ...lanes],
  i32x4Splat: [0xfd, ...uleb(0x11)],
  f32x4ExtractLane: (lane: number) => [0xfd, ...uleb(0x1f), lane],
  f32x4Splat: [0xfd, ...uleb(0x13)],
  f32x4Lt: [0xfd, ...uleb(0x43)],
  f32x4Sqrt: [0xfd, ...uleb(0xe3)],
  f32x4Le: [0xfd, ...uleb(0x45)],
  f32x4Ge: [0xfd, ...uleb(0x46)],
  v128And: [0xfd, ...uleb(0x4e)],
  v128Or: [0xfd, ...uleb(0x50)],
  i32x4ShrU: [0xfd, ...uleb(0xad)],
  i32x4Sub: [0xfd, ...uleb(0xb1)],
  f32x4Add: [0xfd, ...uleb(0xe4)],
  f32x4Sub: [0xfd, ...uleb(0xe5)],
  f32x4Mul: [0xfd, ...uleb(0xe6)],
  f32x4Div: [0xfd, ...uleb(0xe7)],
  f32x4Min: [0xfd, ...uleb(0xe8)],
  f32x4Max: [0xfd, ...uleb(0xe9)],
  f32x4ConvertI32x4S: [0xfd, ...uleb(0xfa)],
};

/** The address of this step's 16 bytes: param `pointer` plus the byte counter in local `counter`. */
export const vectorAt = (pointer: number, counter: number): number[][] => [op.get(pointer), op.get(counter), op.i32Add];

/**
 * The loop of every element-wise kernel here: `step` once per 16 bytes while local `counter` (starting at 0) is below
 * local `bytes` (a multiple of 16), the counter advanced after each step.
 */
export function vectorLoop(counter: number, bytes: number, step: number[][]): number[][] {
  return [op.block, op.loop, op.get(counter), op.get(bytes), op.i32GeU, op.brIf(1), ...step, op.get(counter), op.i32Const(16), op.i32Add, op.set(counter), op.br(0), op.end, op.end];
}

function uleb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

function sleb(value: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) return [...bytes, byte];
    bytes.push(byte | 0x80);
  }
}

const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (text: string) => vec([...Buffer.from(text, 'utf8')].map((b) => [b]));
const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content];

export interface KernelFunction {
  exportName: string;
  params: number[];
  /** Extra locals as [count, type] runs, numbered after the params. */
  locals: [number, number][];
  body: number[][];
}

/** A module importing `env.memory` and exporting one function with no results. */
export function encodeModule(fn: KernelFunction): Uint8Array<ArrayBuffer> {
  const code = [...vec(fn.locals.map(([count, type]) => [...uleb(count), type])), ...fn.body.flat(), ...op.end];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, ...vec(fn.params.map((t) => [t])), ...vec([])]])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(0)]])),
    ...section(3, vec([uleb(0)])),
    ...section(7, vec([[...name(fn.exportName), 0x00, ...uleb(0)]])),
    ...section(10, vec([[...uleb(code.length), ...code]])),
  ]);
}
