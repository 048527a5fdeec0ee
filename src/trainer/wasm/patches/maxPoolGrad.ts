// MaxPoolGrad on wasm is a gather over every input pixel (~85 ms per step for the 28x28x16 layer of the conv AE).
// This scatters each dy to its window's argmax instead, in one pass. Ties go to the first maximum, as in
// TensorFlow and the tfjs cpu backend (wasm's kernel starts from FLT_MIN, so windows of negative values lose their gradient).
import * as tf from '@tensorflow/tfjs';
import { heapOf } from '../wasmInternals';
import { overrideKernel } from '../wasmPatch';

export const maxPoolGradPatch = overrideKernel('MaxPoolGrad', (args) => {
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.MaxPoolGradAttrs;
  if (input.dtype !== 'float32') return undefined;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const heap = heapOf(args.backend);
  const out = heap.makeOutput(input.shape, 'float32');
  scatterToArgmax(heap.typedArrayFromHeap(input), heap.typedArrayFromHeap(dy), heap.typedArrayFromHeap(out), info);
  return out;
});

function scatterToArgmax(x: Float32Array, dy: Float32Array, dx: Float32Array, c: tf.backend_util.Conv2DInfo): void {
  const { batchSize, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = c;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = c;
  const { effectiveFilterHeight: fh, effectiveFilterWidth: fw } = c;
  const top = c.padInfo.top, left = c.padInfo.left;
  // Offsets (relative to the image) of the window's in-bounds pixels, in row-major order so ties keep the first.
  const offsets = new Int32Array(Math.ceil(fh / dh) * Math.ceil(fw / dw));
  dx.fill(0);
  let d = 0;
  for (let b = 0; b < batchSize; b++) {
    const image = b * H * W * C;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, d += C) {
        let n = 0;
        for (let fy = 0; fy < fh; fy += dh) {
          const ih = oh * sh - top + fy;
          if (ih < 0 || ih >= H) continue;
          for (let fx = 0; fx < fw; fx += dw) {
            const iw = ow * sw - left + fx;
            if (iw >= 0 && iw < W) offsets[n++] = image + (ih * W + iw) * C;
          }
        }
        if (n === 0) continue;
        for (let ch = 0; ch < C; ch++) {
          let at = offsets[0] + ch;
          let max = x[at];
          for (let k = 1; k < n; k++) {
            const i = offsets[k] + ch;
            if (x[i] > max) {
              max = x[i];
              at = i;
            }
          }
          dx[at] += dy[d + ch];
        }
      }
    }
  }
}
