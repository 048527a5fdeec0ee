// Brings one decoded image to the dataset's channel count and size, writing raw 0..255 values into
// the dataset buffer (normalisation happens once for the whole dataset afterwards).
import type { DecodedImage } from './decodeImage';
import { resizeBilinear } from './resizeBilinear';

export interface TargetShape {
  height: number;
  width: number;
  channels: 1 | 3;
}

/** ITU-R BT.601 luma, the weights PIL and most tools use for RGB -> grayscale. */
const LUMA = [0.299, 0.587, 0.114];

export function convertChannels(pixels: Uint8Array, pixelCount: number, from: 1 | 3, to: 1 | 3): ArrayLike<number> {
  if (from === to) return pixels;
  const out = new Float32Array(pixelCount * to);
  for (let p = 0; p < pixelCount; p++) {
    if (to === 1) out[p] = LUMA[0] * pixels[3 * p] + LUMA[1] * pixels[3 * p + 1] + LUMA[2] * pixels[3 * p + 2];
    else out.fill(pixels[p], 3 * p, 3 * p + 3);
  }
  return out;
}

/** Writes `image` as target.height x target.width x target.channels into `out`. Returns whether it was resized. */
export function fitImage(image: DecodedImage, target: TargetShape, out: Float32Array): boolean {
  const pixels = convertChannels(image.pixels, image.width * image.height, image.channels, target.channels);
  if (image.width === target.width && image.height === target.height) {
    out.set(pixels);
    return false;
  }
  resizeBilinear(pixels, { height: image.height, width: image.width, channels: target.channels }, target.height, target.width, out);
  return true;
}
