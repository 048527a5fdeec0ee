import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { resizeBilinear } from '../../../src/trainer/data/resizeBilinear';

function randomImage(length: number, seed: string): Float32Array {
  const random = seedrandom(seed);
  return Float32Array.from({ length }, () => Math.round(random() * 255));
}

describe('resizeBilinear', () => {
  it.each([
    [5, 7, 3, 3, 4],
    [5, 7, 3, 9, 11],
    [4, 4, 1, 2, 2],
    [3, 8, 1, 6, 3],
    [1, 1, 3, 4, 4],
  ])('matches tf.image.resizeBilinear(halfPixelCenters) for %ix%ix%i -> %ix%i', async (h, w, c, outH, outW) => {
    const src = randomImage(h * w * c, `${h}-${w}-${c}`);
    const ours = resizeBilinear(src, { height: h, width: w, channels: c }, outH, outW);
    const theirs = await tf.tidy(() => tf.image.resizeBilinear(tf.tensor3d(src, [h, w, c]), [outH, outW], false, true)).data();
    expect(ours.length).toBe(outH * outW * c);
    ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i], 3));
  });

  it('keeps an image unchanged at the same size and a constant image constant', () => {
    const src = randomImage(4 * 6 * 2, 'same');
    expect(Array.from(resizeBilinear(src, { height: 4, width: 6, channels: 2 }, 4, 6))).toEqual(Array.from(src));
    const flat = resizeBilinear(new Float32Array(9).fill(42), { height: 3, width: 3, channels: 1 }, 7, 2);
    expect(Array.from(flat)).toEqual(Array(14).fill(42));
  });

  it('averages 2x2 blocks when halving', () => {
    const out = resizeBilinear([0, 10, 20, 30], { height: 2, width: 2, channels: 1 }, 1, 1);
    expect(out[0]).toBeCloseTo(15, 6);
  });
});
