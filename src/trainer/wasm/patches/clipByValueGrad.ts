// The gradient of clipByValue (in every BCE loss) is five full-size kernels on wasm (two compares, logicalAnd,
// zerosLike, select: ~3 ms per 256x784 batch). On wasm this computes the same mask-and-pass in one pass.
import * as tf from '@tensorflow/tfjs';
import { heapOf } from '../wasmInternals';
import { WasmPatch } from '../wasmPatch';

const KERNEL = 'AelabClipByValueGrad';

/** dy where min <= x <= max, else 0 (NaN x gives 0, as the compare-and-select version does). */
function passInside(x: Float32Array, dy: Float32Array, out: Float32Array, min: number, max: number): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v >= min && v <= max ? dy[i] : 0;
  }
}

const kernelFunc: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  clipByValueGradPatch.calls++;
  const heap = heapOf(backend);
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const out = heap.makeOutput(dy.shape, 'float32');
  const { clipValueMin, clipValueMax } = attrs as unknown as tf.ClipByValueAttrs;
  passInside(heap.typedArrayFromHeap(x), heap.typedArrayFromHeap(dy), heap.typedArrayFromHeap(out), Math.fround(clipValueMin), Math.fround(clipValueMax));
  return out;
};

/** Gradients are registered per op, not per backend: other backends keep the stock gradient. */
let gradFunc: tf.GradConfig['gradFunc'] | undefined;

function install(): void {
  const stock = tf.getGradient('ClipByValue');
  if (!stock) throw new Error('wasm patch ClipByValue: tfjs has no ClipByValue gradient to replace');
  if (!tf.getKernel(KERNEL, 'wasm')) tf.registerKernel({ kernelName: KERNEL, backendName: 'wasm', kernelFunc });
  const replacement: tf.GradConfig['gradFunc'] = (dys, saved, attrs) => {
    const [x] = saved as tf.Tensor[];
    const dy = dys as tf.Tensor;
    const sameShape = x.shape.length === dy.shape.length && x.shape.every((d, i) => d === dy.shape[i]);
    if (tf.getBackend() !== 'wasm' || x.dtype !== 'float32' || !sameShape) return stock.gradFunc(dys, saved, attrs);
    return { x: () => tf.engine().runKernel(KERNEL, { x, dy }, attrs) as tf.Tensor };
  };
  tf.registerGradient({ ...stock, gradFunc: replacement });
  gradFunc = replacement;
}

export const clipByValueGradPatch: WasmPatch = new WasmPatch('ClipByValue', 'gradient', install,
  () => gradFunc !== undefined && tf.getGradient('ClipByValue')?.gradFunc === gradFunc && tf.getKernel(KERNEL, 'wasm')?.kernelFunc === kernelFunc);
