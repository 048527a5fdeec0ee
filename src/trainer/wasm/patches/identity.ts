// While a gradient tape records, tfjs clones every input/output a gradient needs (engine.saveTensorsForBackwardMode).
// On wasm, Identity (clone) mallocs and memcpys the whole buffer; the cpu backend instead shares it by refcount.
// Tensors are immutable (variables swap their dataId on assign), so sharing is safe and saves ~20 full-batch copies per step.
import type * as tf from '@tensorflow/tfjs';
import { shareData } from '../wasmInternals';
import { overrideKernel } from '../wasmPatch';

export const identityPatch = overrideKernel('Identity', (args) => {
  const x = args.inputs.x as tf.TensorInfo;
  if (x.dtype === 'string') return undefined;
  shareData(args.backend, x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
});
