// dW of a conv: tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter, so without this conv nets cannot train on wasm.
// The formulations and their costs are in conv/conv2DGradients.ts.
import type * as tf from '@tensorflow/tfjs';
import { conv2DBackpropFilterWasm } from '../conv/conv2DGradients';
import { tensorOf } from '../wasmInternals';
import { addKernel } from '../wasmPatch';

export const conv2DBackpropFilterPatch = addKernel('Conv2DBackpropFilter', ({ inputs, attrs }) =>
  conv2DBackpropFilterWasm(tensorOf(inputs.x), tensorOf(inputs.dy), attrs as unknown as tf.Conv2DBackpropFilterAttrs));
