// Reconstruction quality over a set, accumulated batch by batch: MSE, MAE, BCE, and for images PSNR and SSIM, in total
// and per class. BCE is the training loss's formula (src/trainer/models/losses.ts: outputs clipped to [1e-7, 1 − 1e-7],
// mean over values); every sample has the same number of values, so the mean here over all values equals the training
// loss's mean of per-sample means over the whole set (in float64 here, float32 there).
import { ssim } from 'ssim.js';
import type { ReconstructionMetrics } from '../../../protocol/evaluation';

export interface ReconstructionOptions {
  /** PSNR/SSIM on [0, 1] pixels; the sample shape is [height, width, channels] with 1 or 3 channels. */
  images: boolean;
  /** BCE: the targets are in [0, 1]. */
  bce: boolean;
}

const EPSILON = 1e-7;
/** Wang et al.'s 11×11 Gaussian window (σ 1.5); smaller images use the largest odd size that fits. */
const SSIM_WINDOW = 11;

class Sums {
  samples = 0;
  values = 0;
  squared = 0;
  absolute = 0;
  crossEntropy = 0;
  psnr = 0;
  ssim = 0;
}

export class ReconstructionAccumulator {
  private readonly sampleSize: number;
  private readonly all = new Sums();
  private readonly perClass: Sums[];
  private readonly image: { height: number; width: number; channels: number } | null;

  constructor(
    sampleShape: number[],
    private readonly options: ReconstructionOptions,
    classes?: number,
  ) {
    this.sampleSize = sampleShape.reduce((a, b) => a * b, 1);
    this.perClass = Array.from({ length: classes ?? 0 }, () => new Sums());
    this.image = options.images ? imageShape(sampleShape) : null;
  }

  /** rows samples, row-major, same layout for targets and outputs; labels[i] in [0, classes) when given. */
  add(targets: Float32Array, outputs: Float32Array, rows: number, labels?: ArrayLike<number>): void {
    const expected = rows * this.sampleSize;
    if (targets.length !== expected || outputs.length !== expected) {
      throw new Error(`reconstruction batch: expected ${rows} samples of ${this.sampleSize} values (${expected}), got ${targets.length} targets and ${outputs.length} outputs`);
    }
    if (labels && labels.length !== rows) throw new Error(`reconstruction batch: ${labels.length} labels for ${rows} samples`);
    for (let r = 0; r < rows; r++) {
      const start = r * this.sampleSize;
      const target = targets.subarray(start, start + this.sampleSize);
      const output = outputs.subarray(start, start + this.sampleSize);
      const sample = this.sample(target, output);
      addTo(this.all, sample);
      if (labels) {
        const label = labels[r];
        if (!Number.isInteger(label) || label < 0 || label >= this.perClass.length) {
          throw new Error(`reconstruction batch: label ${label} of sample ${r} is outside [0, ${this.perClass.length})`);
        }
        addTo(this.perClass[label], sample);
      }
    }
  }

  /** Means over all samples added. */
  total(): ReconstructionMetrics {
    if (this.all.samples === 0) throw new Error('no samples to compute reconstruction metrics on');
    return this.means(this.all);
  }

  /** Index = label; null for a class with no samples. */
  byClass(): (ReconstructionMetrics | null)[] {
    return this.perClass.map((sums) => (sums.samples === 0 ? null : this.means(sums)));
  }

  classCounts(): number[] {
    return this.perClass.map((sums) => sums.samples);
  }

  private sample(target: Float32Array, output: Float32Array): Sums {
    const s = new Sums();
    s.samples = 1;
    s.values = target.length;
    let clippedSquared = 0;
    for (let i = 0; i < target.length; i++) {
      const t = target[i];
      const o = output[i];
      const d = t - o;
      s.squared += d * d;
      s.absolute += Math.abs(d);
      if (this.options.bce) {
        const p = Math.min(1 - EPSILON, Math.max(EPSILON, o));
        s.crossEntropy -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
      }
      if (this.image) {
        const c = clip01(t) - clip01(o);
        clippedSquared += c * c;
      }
    }
    if (!Number.isFinite(s.squared)) throw new Error('the reconstructions contain NaN or infinite values (did training diverge?)');
    if (this.image) {
      const mse = clippedSquared / target.length;
      // Mean of per-image PSNRs (as the denoising literature reports it); one exact image makes the mean Infinity.
      s.psnr = mse === 0 ? Infinity : 10 * Math.log10(1 / mse);
      s.ssim = imageSsim(target, output, this.image);
    }
    return s;
  }

  private means(s: Sums): ReconstructionMetrics {
    return {
      mse: s.squared / s.values,
      mae: s.absolute / s.values,
      bce: this.options.bce ? Math.max(0, s.crossEntropy / s.values) : null,
      psnr: this.image ? s.psnr / s.samples : null,
      ssim: this.image ? Math.min(1, Math.max(-1, s.ssim / s.samples)) : null,
    };
  }
}

function addTo(into: Sums, s: Sums): void {
  into.samples += s.samples;
  into.values += s.values;
  into.squared += s.squared;
  into.absolute += s.absolute;
  into.crossEntropy += s.crossEntropy;
  into.psnr += s.psnr;
  into.ssim += s.ssim;
}

function imageShape(shape: number[]): { height: number; width: number; channels: number } {
  const [height, width, channels = 1] = shape;
  if (shape.length < 2 || shape.length > 3 || (channels !== 1 && channels !== 3)) {
    throw new Error(`PSNR/SSIM need images shaped [height, width, 1 or 3 channels]; got [${shape.join(', ')}]`);
  }
  return { height, width, channels };
}

function clip01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/**
 * SSIM by ssim.js with the options of Wang et al.'s reference (ssim.m): the "original" algorithm (a port of ssim.m:
 * 11×11 Gaussian window, σ 1.5, K1 0.01, K2 0.03, L 255, 'valid' borders) and no downsampling, so every image is
 * compared at full resolution (ssim.js's default, like ssim.m, shrinks images whose short side is 384 px or more). ssim.js
 * compares luma only: RGB goes through Matlab's rgb2gray, and a grayscale image given as equal R, G, B channels
 * comes back unchanged. Pixels are clipped to [0, 1] and scaled to 0–255 integers, as an image file holds them.
 */
function imageSsim(target: Float32Array, output: Float32Array, shape: { height: number; width: number; channels: number }): number {
  const { height, width } = shape;
  const side = Math.min(SSIM_WINDOW, height, width);
  const windowSize = side % 2 === 1 ? side : side - 1;
  const result = ssim(toRgba(target, shape), toRgba(output, shape), {
    ssim: 'original',
    downsample: false,
    windowSize,
    rgb2grayVersion: 'original',
  });
  return result.mssim;
}

function toRgba(pixels: Float32Array, { height, width, channels }: { height: number; width: number; channels: number }): { data: Uint8ClampedArray; width: number; height: number } {
  const data = new Uint8ClampedArray(height * width * 4);
  for (let p = 0; p < height * width; p++) {
    for (let c = 0; c < 3; c++) data[p * 4 + c] = Math.round(clip01(pixels[p * channels + (channels === 1 ? 0 : c)]) * 255);
    data[p * 4 + 3] = 255;
  }
  return { data, width, height };
}
