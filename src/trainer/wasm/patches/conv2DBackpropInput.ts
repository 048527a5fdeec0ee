// dX of a conv, and so every Conv2DTranspose forward: wasm's kernel is a naive loop ~10x slower than XNNPACK's
// Conv2D; conv/conv2DGradients.ts rewrites it on XNNPACK. NCHW, and padding wider than the filter, keep the stock kernel.
import type * as tf from '@tensorflow/tfjs';
import { conv2DBackpropInputWasm } from '../conv/conv2DGradients';
import { tensorOf } from '../wasmInternals';
import { overrideKernel } from '../wasmPatch';

export const conv2DBackpropInputPatch = overrideKernel('Conv2DBackpropInput', (args) => {
  const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  if (attrs.dataFormat === 'NCHW') return undefined;
  return conv2DBackpropInputWasm(tensorOf(args.inputs.dy), tensorOf(args.inputs.filter), attrs) ?? undefined;
});
