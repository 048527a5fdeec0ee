// While a gradient tape records, tfjs clones every input/output a gradient needs (engine.saveTensorsForBackwardMode).
// On wasm, Identity (clone) mallocs and memcpys the whole buffer; the cpu backend instead shares it by refcount.
// Tensors are immutable (variables swap their dataId on assign), so sharing is safe and saves ~20 full-batch copies per step.
import * as tf from '@tensorflow/tfjs';

interface RefCounting {
  incRef(dataId: object): void;
}

const shared = new WeakSet<tf.KernelFunc>();

export function registerWasmSharedIdentity(): void {
  const original = tf.getKernel('Identity', 'wasm');
  if (!original || shared.has(original.kernelFunc)) return;
  const kernelFunc: tf.KernelFunc = (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    if (x.dtype === 'string') return original.kernelFunc(args);
    (args.backend as unknown as RefCounting).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  shared.add(kernelFunc);
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({ ...original, kernelFunc });
}
