import seedrandom from 'seedrandom';
import { ssim } from 'ssim.js';
import { describe, expect, it } from 'vitest';
import { ReconstructionAccumulator } from '../../../../src/trainer/evaluate/metrics/reconstructionMetrics';

const SIDE = 28;

/** A smooth 28×28 test pattern in [0, 1] (blobs and a gradient), so SSIM has structure to compare. */
function pattern(): Float32Array {
  const image = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const blob = Math.exp(-((x - 10) ** 2 + (y - 12) ** 2) / 30) + 0.8 * Math.exp(-((x - 20) ** 2 + (y - 18) ** 2) / 12);
      image[y * SIDE + x] = Math.min(1, 0.6 * blob + (0.3 * x) / SIDE);
    }
  }
  return image;
}

function shiftedAndNoised(image: Float32Array, seed: string): Float32Array {
  const random = seedrandom(seed);
  const out = new Float32Array(image.length);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) out[y * SIDE + x] = image[y * SIDE + Math.max(0, x - 1)] + (random() - 0.5) * 0.2;
  }
  return out;
}

function toGray255(image: Float32Array): number[] {
  return Array.from(image, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255));
}

/** Independent SSIM: Gaussian 11×11 window (σ 1.5), K1 0.01, K2 0.03, L 255, mean over the 'valid' positions. */
function referenceSsim(a: number[], b: number[], width: number, height: number): number {
  const size = 11;
  const half = 5;
  const weights: number[] = [];
  for (let dy = -half; dy <= half; dy++) for (let dx = -half; dx <= half; dx++) weights.push(Math.exp(-(dx * dx + dy * dy) / (2 * 1.5 * 1.5)));
  const total = weights.reduce((s, w) => s + w, 0);
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  let sum = 0;
  let positions = 0;
  for (let y = 0; y + size <= height; y++) {
    for (let x = 0; x + size <= width; x++) {
      let ma = 0;
      let mb = 0;
      let aa = 0;
      let bb = 0;
      let ab = 0;
      for (let j = 0; j < size; j++) {
        for (let i = 0; i < size; i++) {
          const w = weights[j * size + i] / total;
          const va = a[(y + j) * width + x + i];
          const vb = b[(y + j) * width + x + i];
          ma += w * va;
          mb += w * vb;
          aa += w * va * va;
          bb += w * vb * vb;
          ab += w * va * vb;
        }
      }
      const va = aa - ma * ma;
      const vb = bb - mb * mb;
      const cov = ab - ma * mb;
      sum += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
      positions++;
    }
  }
  return sum / positions;
}

function grayRgba(values: number[]): Uint8ClampedArray {
  const data = new Uint8ClampedArray(values.length * 4);
  values.forEach((v, i) => data.set([v, v, v, 255], i * 4));
  return data;
}

describe('ReconstructionAccumulator', () => {
  it('gives MSE 0, PSNR Infinity and SSIM 1 for an identity reconstruction', () => {
    const image = pattern();
    const acc = new ReconstructionAccumulator([SIDE, SIDE, 1], { images: true, bce: true });
    acc.add(image, image.slice(), 1);
    const m = acc.total();
    expect(m.mse).toBe(0);
    expect(m.mae).toBe(0);
    expect(m.psnr).toBe(Infinity);
    expect(m.ssim).toBeCloseTo(1, 12);
  });

  it('matches hand-computed MSE, MAE, BCE and PSNR on a 2×2 image', () => {
    const target = Float32Array.from([0, 0.5, 1, 0.25]);
    const output = Float32Array.from([0.1, 0.5, 0.8, 0.25]);
    const acc = new ReconstructionAccumulator([2, 2, 1], { images: true, bce: true });
    acc.add(target, output, 1);
    const m = acc.total();
    // Differences -0.1, 0, 0.2, 0: squares sum to 0.05, absolutes to 0.3.
    expect(m.mse).toBeCloseTo(0.0125, 7);
    expect(m.mae).toBeCloseTo(0.075, 7);
    expect(m.psnr).toBeCloseTo(10 * Math.log10(80), 5);
    const bce = (-Math.log(0.9) + Math.LN2 - Math.log(0.8) - (0.25 * Math.log(0.25) + 0.75 * Math.log(0.75))) / 4;
    expect(m.bce).toBeCloseTo(bce, 6);
  });

  it('clips outputs for BCE as the training loss does, and for PSNR only to [0, 1]', () => {
    const acc = new ReconstructionAccumulator([1, 2, 1], { images: true, bce: true });
    acc.add(Float32Array.from([1, 0]), Float32Array.from([1.5, -0.5]), 1);
    const m = acc.total();
    expect(m.mse).toBeCloseTo(0.25, 7);
    expect(m.psnr).toBe(Infinity);
    expect(m.bce).toBeCloseTo(-Math.log(1 - 1e-7), 9);
  });

  it('averages PSNR over images (not PSNR of the mean MSE) and splits by class', () => {
    const target = new Float32Array(8).fill(0.5);
    const output = Float32Array.from([0.6, 0.6, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7]);
    const acc = new ReconstructionAccumulator([2, 2, 1], { images: true, bce: false }, 3);
    acc.add(target, output, 2, [2, 0]);
    const total = acc.total();
    expect(total.psnr).toBeCloseTo((10 * Math.log10(1 / 0.01) + 10 * Math.log10(1 / 0.04)) / 2, 4);
    expect(total.mse).toBeCloseTo(0.025, 7);
    expect(total.bce).toBeNull();
    expect(acc.classCounts()).toEqual([1, 0, 1]);
    const [zero, one, two] = acc.byClass();
    expect(one).toBeNull();
    expect(zero?.mse).toBeCloseTo(0.04, 7);
    expect(two?.mse).toBeCloseTo(0.01, 7);
  });

  it('computes SSIM below 1 for a shifted, noised image, equal to ssim.js called directly and to a reference SSIM', () => {
    const target = pattern();
    const output = shiftedAndNoised(target, 'noise');
    const acc = new ReconstructionAccumulator([SIDE, SIDE, 1], { images: true, bce: false });
    acc.add(target, output, 1);
    const measured = acc.total().ssim ?? NaN;
    expect(measured).toBeLessThan(0.95);
    expect(measured).toBeGreaterThan(0);
    const a = toGray255(target);
    const b = toGray255(output);
    const direct = ssim({ data: grayRgba(a), width: SIDE, height: SIDE }, { data: grayRgba(b), width: SIDE, height: SIDE }, { ssim: 'original', downsample: false });
    expect(measured).toBeCloseTo(direct.mssim, 12);
    expect(measured).toBeCloseTo(referenceSsim(a, b, SIDE, SIDE), 6);
  });

  it('compares RGB images on their luma, as ssim.js does', () => {
    const gray = pattern();
    const target = new Float32Array(SIDE * SIDE * 3);
    const output = new Float32Array(SIDE * SIDE * 3);
    const noisy = shiftedAndNoised(gray, 'rgb');
    for (let p = 0; p < SIDE * SIDE; p++) {
      target.set([gray[p], gray[p] * 0.5, 1 - gray[p]], p * 3);
      output.set([noisy[p], noisy[p] * 0.5, 1 - noisy[p]], p * 3);
    }
    const acc = new ReconstructionAccumulator([SIDE, SIDE, 3], { images: true, bce: false });
    acc.add(target, output, 1);
    const rgba = (image: Float32Array): Uint8ClampedArray => {
      const data = new Uint8ClampedArray(SIDE * SIDE * 4);
      for (let p = 0; p < SIDE * SIDE; p++) {
        data.set([...image.subarray(p * 3, p * 3 + 3)].map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255)).concat(255), p * 4);
      }
      return data;
    };
    const direct = ssim({ data: rgba(target), width: SIDE, height: SIDE }, { data: rgba(output), width: SIDE, height: SIDE }, { ssim: 'original', downsample: false, rgb2grayVersion: 'original' });
    expect(acc.total().ssim).toBeCloseTo(direct.mssim, 12);
    expect(acc.total().ssim).toBeLessThan(1);
  });

  it('leaves PSNR/SSIM out for non-images and rejects bad batches with a clear error', () => {
    const acc = new ReconstructionAccumulator([3], { images: false, bce: false }, 2);
    acc.add(Float32Array.from([1, 2, 3]), Float32Array.from([1, 2, 5]), 1, [1]);
    expect(acc.total()).toEqual({ mse: 4 / 3, mae: 2 / 3, bce: null, psnr: null, ssim: null });
    expect(() => acc.add(new Float32Array(3), new Float32Array(2), 1)).toThrow(/expected 1 samples of 3 values/);
    expect(() => acc.add(new Float32Array(3), new Float32Array(3), 1, [2])).toThrow(/label 2 of sample 0 is outside \[0, 2\)/);
    expect(() => new ReconstructionAccumulator([4, 4, 2], { images: true, bce: false })).toThrow(/1 or 3 channels/);
    expect(() => new ReconstructionAccumulator([3], { images: false, bce: false }).total()).toThrow(/no samples/);
  });
});
