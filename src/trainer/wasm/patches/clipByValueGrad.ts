// The gradient of clipByValue (in every BCE loss) is five full-size kernels on wasm (two compares, logicalAnd,
// zerosLike, select: ~3 ms per 256x784 batch). On wasm this computes the same mask-and-pass in one pass.
import * as tf from '@tensorflow/tfjs';
import { heapBackend } from './wasmHeap';

const KERNEL = 'AelabClipByValueGrad';
let registered = false;

export function registerFastClipByValueGrad(): void {
  if (registered) return;
  registered = true;
  const stock = tf.getGradient('ClipByValue');
  if (!stock) return;
  tf.registerKernel({
    kernelName: KERNEL,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const heap = heapBackend(backend);
      const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const out = heap.makeOutput(dy.shape, 'float32');
      const { clipValueMin, clipValueMax } = attrs as unknown as tf.ClipByValueAttrs;
      passInside(heap.typedArrayFromHeap(x), heap.typedArrayFromHeap(dy), heap.typedArrayFromHeap(out), Math.fround(clipValueMin), Math.fround(clipValueMax));
      return out;
    },
  });
  tf.registerGradient({
    ...stock,
    gradFunc: (dys, saved, attrs) => {
      const [x] = saved as tf.Tensor[];
      const dy = dys as tf.Tensor;
      const sameShape = x.shape.length === dy.shape.length && x.shape.every((d, i) => d === dy.shape[i]);
      if (tf.getBackend() !== 'wasm' || x.dtype !== 'float32' || !sameShape) return stock.gradFunc(dys, saved, attrs);
      return { x: () => tf.engine().runKernel(KERNEL, { x, dy }, attrs) as tf.Tensor };
    },
  });
}

/** dy where min <= x <= max, else 0 (NaN x gives 0, as the compare-and-select version does). */
function passInside(x: Float32Array, dy: Float32Array, out: Float32Array, min: number, max: number): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v >= min && v <= max ? dy[i] : 0;
  }
}
