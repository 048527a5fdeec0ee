import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { conv2DBackpropFilterWasm } from '../../src/trainer/wasm/conv/conv2DGradients';
import { conv2DBackpropFilterPatch } from '../../src/trainer/wasm/patches/conv2DBackpropFilter';
import { conv2DBackpropInputPatch } from '../../src/trainer/wasm/patches/conv2DBackpropInput';

type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];
interface Case { n: number; h: number; w: number; cin: number; cout: number; fh: number; fw: number; stride: number; pad: Pad }

/** mulberry32: seeded so a failing shape is reproducible. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCases(count: number, seed: number): Case[] {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const cases: Case[] = [];
  while (cases.length < count) {
    const h = int(3, 12), w = int(3, 12), fh = int(1, 5), fw = int(1, 5);
    const kind = int(0, 2);
    const pad: Pad = kind === 0 ? 'same' : kind === 1 ? 'valid' : [[0, 0], [int(0, 2), int(0, 2)], [int(0, 2), int(0, 2)], [0, 0]];
    const c: Case = { n: int(1, 4), h, w, cin: int(1, 4), cout: int(1, 5), fh, fw, stride: int(1, 3), pad };
    const effH = pad === 'valid' ? h : typeof pad === 'string' ? Infinity : h + pad[1][0] + pad[1][1];
    const effW = pad === 'valid' ? w : typeof pad === 'string' ? Infinity : w + pad[2][0] + pad[2][1];
    if (fh <= effH && fw <= effW) cases.push(c);
  }
  return cases;
}

/** Values of x and dy for a case (plain arrays, so they can be rebuilt on either backend). */
function caseData(c: Case, seed: number) {
  const r = rng(seed);
  const conv = tf.backend_util.computeConv2DInfo([c.n, c.h, c.w, c.cin], [c.fh, c.fw, c.cin, c.cout], c.stride, 1, c.pad);
  const x = Array.from({ length: c.n * c.h * c.w * c.cin }, () => r() * 2 - 1);
  const dy = Array.from({ length: c.n * conv.outHeight * conv.outWidth * c.cout }, () => r() * 2 - 1);
  return { x, dy, dyShape: [c.n, conv.outHeight, conv.outWidth, c.cout] as [number, number, number, number] };
}

/** dW through the public gradient path: d/dW sum(conv2d(x, W) * dy) = conv2dBackpropFilter(x, dy). */
function gradW(c: Case, d: ReturnType<typeof caseData>): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor4d(d.x, [c.n, c.h, c.w, c.cin]);
    const dy = tf.tensor4d(d.dy, d.dyShape);
    const g = tf.grad((w: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, w as tf.Tensor4D, c.stride, c.pad), dy)));
    return g(tf.zeros([c.fh, c.fw, c.cin, c.cout]) as tf.Tensor4D).dataSync() as Float32Array;
  });
}

/** dX through the public gradient path, to check the replaced Conv2DBackpropInput. */
function gradX(c: Case, d: ReturnType<typeof caseData>, wValues: number[]): Float32Array {
  return tf.tidy(() => {
    const w = tf.tensor4d(wValues, [c.fh, c.fw, c.cin, c.cout]);
    const dy = tf.tensor4d(d.dy, d.dyShape);
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x as tf.Tensor4D, w, c.stride, c.pad), dy)));
    return g(tf.zeros([c.n, c.h, c.w, c.cin]) as tf.Tensor4D).dataSync() as Float32Array;
  });
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

const cases = randomCases(24, 20240611);
// Shapes that force each strategy (im2col of x / of dy, either conv orientation) plus odd paddings.
const fixed: Case[] = [
  { n: 3, h: 9, w: 7, cin: 1, cout: 12, fh: 3, fw: 3, stride: 1, pad: 'same' },
  { n: 2, h: 8, w: 8, cin: 1, cout: 16, fh: 3, fw: 3, stride: 2, pad: 'same' },
  { n: 2, h: 9, w: 10, cin: 12, cout: 1, fh: 3, fw: 3, stride: 1, pad: 'same' },
  { n: 2, h: 10, w: 10, cin: 8, cout: 16, fh: 3, fw: 3, stride: 1, pad: 'valid' },
  { n: 2, h: 10, w: 10, cin: 16, cout: 2, fh: 2, fw: 4, stride: 1, pad: 'same' },
  { n: 2, h: 11, w: 7, cin: 3, cout: 4, fh: 3, fw: 2, stride: 3, pad: 'valid' },
  { n: 1, h: 5, w: 6, cin: 2, cout: 3, fh: 2, fw: 2, stride: 1, pad: [[0, 0], [3, 0], [0, 4], [0, 0]] },
];

interface Reference { data: ReturnType<typeof caseData>; w: number[]; cpuW: Float32Array; cpuX: Float32Array }
const refs = new Map<Case, Reference>();
const allCases = [...cases, ...fixed];

beforeAll(async () => {
  conv2DBackpropFilterPatch.register();
  conv2DBackpropFilterPatch.register(); // idempotent
  await tf.setBackend('cpu');
  allCases.forEach((c, i) => {
    const data = caseData(c, 1000 + i);
    const r = rng(5000 + i);
    const w = Array.from({ length: c.fh * c.fw * c.cin * c.cout }, () => r() * 2 - 1);
    refs.set(c, { data, w, cpuW: gradW(c, data), cpuX: gradX(c, data, w) });
  });
  await tf.setBackend('wasm');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('wasm Conv2DBackpropFilter', () => {
  it('is registered for wasm', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('matches the CPU backend on random shapes, strides and paddings', () => {
    let worst = 0;
    for (const c of allCases) {
      const { data, cpuW } = refs.get(c)!;
      const err = maxAbsDiff(gradW(c, data), cpuW);
      worst = Math.max(worst, err);
      expect(err, JSON.stringify(c)).toBeLessThan(1e-4);
    }
    console.log(`dW max abs error vs cpu over ${allCases.length} shapes: ${worst.toExponential(2)}`);
  });

  it('gives the same answer with every strategy, leaving no tensors behind', () => {
    for (const c of allCases) {
      const { data, cpuW } = refs.get(c)!;
      const x = tf.tensor4d(data.x, [c.n, c.h, c.w, c.cin]);
      const dy = tf.tensor4d(data.dy, data.dyShape);
      const filterShape: [number, number, number, number] = [c.fh, c.fw, c.cin, c.cout];
      for (const s of ['im2colX', 'im2colDy', 'xAsInput', 'dyAsInput', 'gatherX'] as const) {
        const before = tf.memory().numTensors;
        const out = conv2DBackpropFilterWasm(x, dy, { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', filterShape }, s);
        expect(out.shape).toEqual(filterShape);
        expect(maxAbsDiff(out.dataSync() as Float32Array, cpuW), `${s} ${JSON.stringify(c)}`).toBeLessThan(1e-4);
        out.dispose();
        expect(tf.memory().numTensors, `${s} leaves no tensors`).toBe(before);
      }
      tf.dispose([x, dy]);
    }
  });

  it('rejects NCHW with a clear error', () => {
    const x = tf.zeros([1, 4, 4, 1]) as tf.Tensor4D, dy = tf.zeros([1, 4, 4, 1]) as tf.Tensor4D;
    expect(() => conv2DBackpropFilterWasm(x, dy, { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 1, 1] }))
      .toThrow(/NHWC/);
    tf.dispose([x, dy]);
  });

  it('does not leak tensors when called repeatedly', () => {
    const x = tf.randomNormal([2, 8, 8, 3]) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 3, 4]) as tf.Tensor4D;
    const dyS2 = tf.randomNormal([2, 4, 4, 4]) as tf.Tensor4D;
    const dyS1 = tf.randomNormal([2, 8, 8, 4]) as tf.Tensor4D;
    const run = () => {
      for (const [stride, dy] of [[2, dyS2], [1, dyS1]] as const) {
        tf.dispose(tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, 'same'), dy)))([x, w]));
        const attrs = { strides: stride, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 3, 4] };
        tf.dispose(tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs) as tf.Tensor);
      }
    };
    // Single-channel x and dy at stride 1: every strategy applies, so each one's intermediates are checked.
    const x1 = tf.randomNormal([2, 6, 6, 1]) as tf.Tensor4D, dy1 = tf.randomNormal([2, 6, 6, 1]) as tf.Tensor4D;
    const runEach = () => {
      for (const s of ['im2colX', 'im2colDy', 'xAsInput', 'dyAsInput', 'gatherX'] as const) {
        tf.dispose(conv2DBackpropFilterWasm(x1, dy1, { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 1, 1] }, s));
      }
    };
    run();
    runEach();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      run();
      runEach();
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w, dyS1, dyS2, x1, dy1]);
  });

  it('trains a small conv autoencoder on wasm with optimizer.minimize', async () => {
    conv2DBackpropInputPatch.register();
    // Seeded initialisers so the loss curve is the same on every run.
    const conv = (filters: number, activation: 'relu' | 'sigmoid', seed: number) => tf.layers.conv2d({
      filters, kernelSize: 3, padding: 'same', activation, kernelInitializer: tf.initializers.glorotUniform({ seed }),
    });
    const model = tf.sequential({
      layers: [
        tf.layers.inputLayer({ inputShape: [16, 16, 1] }),
        conv(8, 'relu', 1),
        tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }),
        conv(4, 'relu', 2),
        tf.layers.upSampling2d({ size: [2, 2] }),
        conv(1, 'sigmoid', 3),
      ],
    });
    // Blobs on a dark background: easy to reconstruct, so a few Adam steps must lower the loss.
    const r = rng(7);
    const images = tf.tensor4d(Array.from({ length: 32 * 16 * 16 }, (_, i) => {
      const px = i % 256, y = Math.floor(px / 16), x = px % 16;
      return (Math.abs(y - 8) < 4 && Math.abs(x - 8) < 4 ? 0.9 : 0.1) * (0.8 + 0.2 * r());
    }), [32, 16, 16, 1]);
    const optimizer = tf.train.adam(0.01);
    const losses: number[] = [];
    for (let step = 0; step < 30; step++) {
      const loss = optimizer.minimize(() => tf.metrics.binaryCrossentropy(images, model.predict(images) as tf.Tensor).mean() as tf.Scalar, true)!;
      losses.push((await loss.data())[0]);
      loss.dispose();
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.9);
    tf.dispose(images);
    optimizer.dispose();
    model.dispose();
  });
});

describe('wasm fast Conv2DBackpropInput', () => {
  it('matches the CPU backend (stride 1 via the conv rewrite, other strides via a matMul and a scatter)', () => {
    conv2DBackpropInputPatch.register();
    conv2DBackpropInputPatch.register(); // idempotent
    let worst = 0;
    for (const c of allCases) {
      const { data, cpuX, w } = refs.get(c)!;
      const err = maxAbsDiff(gradX(c, data, w), cpuX);
      worst = Math.max(worst, err);
      expect(err, JSON.stringify(c)).toBeLessThan(1e-4);
    }
    console.log(`dX max abs error vs cpu over ${allCases.length} shapes: ${worst.toExponential(2)}`);
  });

  it('runs a stride-2 Conv2DTranspose forward as the CPU backend does, with no tensors left behind', async () => {
    const run = () => tf.tidy(() => {
      const x = tf.randomNormal([2, 7, 7, 5], 0, 1, 'float32', 31) as tf.Tensor4D;
      const filter = tf.randomNormal([3, 3, 4, 5], 0, 1, 'float32', 32) as tf.Tensor4D;
      return Array.from(tf.conv2dTranspose(x, filter, [2, 14, 14, 4], 2, 'same').dataSync());
    });
    await tf.setBackend('cpu');
    const expected = run();
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const actual = run();
    expect(tf.memory().numTensors).toBe(before);
    expect(actual).toHaveLength(2 * 14 * 14 * 4);
    expect(maxAbsDiff(Float32Array.from(actual), Float32Array.from(expected))).toBeLessThan(1e-4);
  });
});
