// UpSampling2D's gradient (ResizeNearestNeighborGrad) is a naive loop on wasm (~40 ms per step on the conv AE's
// 28x28x16 layer). For the integer, power-of-two upscaling UpSampling2D uses (no align-corners, no half-pixel
// centres) each input pixel receives the sum of its k x k output block: one pass here. Other cases use the original.
import type * as tf from '@tensorflow/tfjs';
import { heapOf } from '../wasmInternals';
import { overrideKernel } from '../wasmPatch';

const isPowerOfTwo = (k: number) => Number.isInteger(k) && k >= 1 && (k & (k - 1)) === 0;

export const resizeNearestNeighborGradPatch = overrideKernel('ResizeNearestNeighborGrad', (args) => {
  const { images, dy } = args.inputs as { images: tf.TensorInfo; dy: tf.TensorInfo };
  const { alignCorners, halfPixelCenters } = args.attrs as unknown as tf.ResizeNearestNeighborGradAttrs;
  const [n, h, w, c] = images.shape;
  const ky = dy.shape[1] / h, kx = dy.shape[2] / w;
  if (alignCorners || halfPixelCenters || images.dtype !== 'float32' || !isPowerOfTwo(ky) || !isPowerOfTwo(kx)) return undefined;
  const heap = heapOf(args.backend);
  const out = heap.makeOutput(images.shape, 'float32');
  sumBlocks(heap.typedArrayFromHeap(dy), heap.typedArrayFromHeap(out), n, h, w, c, ky, kx);
  return out;
});

/** Each input pixel gathers its block, rows then columns (the order the wasm kernel sums in). */
function sumBlocks(dy: Float32Array, dx: Float32Array, n: number, h: number, w: number, c: number, ky: number, kx: number): void {
  const OW = w * kx, OH = h * ky;
  const rowStride = OW * c;
  let out = 0;
  for (let b = 0; b < n; b++) {
    for (let iy = 0; iy < h; iy++) {
      const blockTop = (b * OH + iy * ky) * rowStride;
      for (let ix = 0; ix < w; ix++) {
        const blockLeft = blockTop + ix * kx * c;
        for (let ch = 0; ch < c; ch++, out++) {
          let sum = 0;
          for (let a = 0; a < ky; a++) {
            const row = blockLeft + a * rowStride + ch;
            for (let k = 0; k < kx; k++) sum += dy[row + k * c];
          }
          dx[out] = sum;
        }
      }
    }
  }
}
