// Kernel replacements that make training on tfjs-backend-wasm 4.22 fast; see each module for the measured cause.
// Call once after the wasm backend package is imported (kernels are registered per backend name, so this is
// harmless when another backend ends up active).
import { registerFastClipByValueGrad } from './clipByValueGrad';
import { registerWasmLeadingAxesSum } from './wasmLeadingAxesSum';
import { registerWasmMaxPoolGrad } from './wasmMaxPoolGrad';
import { registerWasmResizeNearestGrad } from './wasmResizeNearestGrad';
import { registerWasmSharedIdentity } from './wasmSharedIdentity';
import { registerWasmTranspose } from './wasmTranspose';
import { registerWasmTransposedMatMul } from './wasmTransposedMatMul';

export function registerWasmSpeedups(): void {
  registerWasmTranspose();
  registerWasmTransposedMatMul();
  registerWasmSharedIdentity();
  registerWasmMaxPoolGrad();
  registerWasmResizeNearestGrad();
  registerFastClipByValueGrad();
  registerWasmLeadingAxesSum();
}
