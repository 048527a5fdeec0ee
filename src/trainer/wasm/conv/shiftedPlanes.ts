// The im2col rows of a single-channel side of a stride-1 conv gradient, one row per filter tap, written in one
// pass on the wasm heap (row copies within the heap) instead of a pad, one slice per tap and a concat: the conv
// AE's 28x28x1 input and output layers ran 18 such slices per step.
import * as tf from '@tensorflow/tfjs';
import { heapMemory, heapOf, pointerOf } from '../wasmInternals';

/** Where the tap rows sit: each grid pixel (gy, gx) of a tap (a, b) reads src at (gy + rowShift(a), gx + colShift(b)). */
export interface PlaneGrid {
  gridHeight: number;
  gridWidth: number;
  taps: [number, number];
  rowShift: (a: number) => number;
  colShift: (b: number) => number;
}

/**
 * src [n, h, w] (or [n, h, w, 1]) -> [taps, n * gridHeight * gridWidth]: row a*tapsWide+b holds src shifted by that
 * tap, zero where the shift falls outside src (the conv's padding).
 */
export function shiftedPlanes(src: tf.Tensor, g: PlaneGrid): tf.Tensor2D {
  const [n, h, w] = src.shape;
  const [th, tw] = g.taps;
  const gh = g.gridHeight, gw = g.gridWidth;
  const plane = n * gh * gw;
  const heap = heapOf(tf.backend());
  const outInfo = heap.makeOutput([th * tw, plane], 'float32');
  // One view over the whole heap, taken after the last allocation (a growing heap detaches earlier views).
  const f32 = new Float32Array(heapMemory(heap).buffer);
  const srcAt = pointerOf(heap, src) / 4;
  const outAt = pointerOf(heap, outInfo) / 4;
  for (let a = 0; a < th; a++) {
    const dy = g.rowShift(a);
    for (let b = 0; b < tw; b++) {
      const dx = g.colShift(b);
      // Grid columns whose source column lies inside src.
      const x0 = Math.min(gw, Math.max(0, -dx)), x1 = Math.max(x0, Math.min(gw, w - dx));
      let to = outAt + (a * tw + b) * plane;
      for (let i = 0; i < n; i++) {
        for (let gy = 0; gy < gh; gy++, to += gw) {
          const sy = gy + dy;
          if (sy < 0 || sy >= h) {
            f32.fill(0, to, to + gw);
            continue;
          }
          if (x0 > 0) f32.fill(0, to, to + x0);
          const from = srcAt + (i * h + sy) * w + dx;
          f32.copyWithin(to + x0, from + x0, from + x1);
          if (x1 < gw) f32.fill(0, to + x1, to + gw);
        }
      }
    }
  }
  return tf.engine().makeTensorFromTensorInfo(outInfo) as tf.Tensor2D;
}
