// Bilinear resize of one HWC image with half-pixel centres (as PIL, OpenCV and
// tf.image.resizeBilinear(..., halfPixelCenters=true)); plain JS so loading data needs no tf backend.

export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

/** Resizes `src` (height*width*channels, row-major) into `out` (outHeight*outWidth*channels). */
export function resizeBilinear(src: ArrayLike<number>, from: ImageShape, outHeight: number, outWidth: number, out: Float32Array = new Float32Array(outHeight * outWidth * from.channels)): Float32Array {
  const { height, width, channels } = from;
  const rows = samplePositions(height, outHeight);
  const cols = samplePositions(width, outWidth);
  for (let y = 0; y < outHeight; y++) {
    const { lo: y0, hi: y1, frac: wy } = rows[y];
    for (let x = 0; x < outWidth; x++) {
      const { lo: x0, hi: x1, frac: wx } = cols[x];
      for (let c = 0; c < channels; c++) {
        const top = src[(y0 * width + x0) * channels + c] * (1 - wx) + src[(y0 * width + x1) * channels + c] * wx;
        const bottom = src[(y1 * width + x0) * channels + c] * (1 - wx) + src[(y1 * width + x1) * channels + c] * wx;
        out[(y * outWidth + x) * channels + c] = top * (1 - wy) + bottom * wy;
      }
    }
  }
  return out;
}

interface SamplePosition {
  lo: number;
  hi: number;
  frac: number;
}

/** For each output index, the two source indices to blend and the weight of the second. */
function samplePositions(inSize: number, outSize: number): SamplePosition[] {
  const ratio = inSize / outSize;
  return Array.from({ length: outSize }, (_, i) => {
    const pos = Math.min(inSize - 1, Math.max(0, (i + 0.5) * ratio - 0.5));
    const lo = Math.floor(pos);
    return { lo, hi: Math.min(inSize - 1, lo + 1), frac: pos - lo };
  });
}
