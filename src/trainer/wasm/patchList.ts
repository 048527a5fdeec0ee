// Every change we make to TensorFlow.js on the wasm backend, each in its own module under patches/, with the
// reason it exists and what it measured. installWasmPatches registers this list, and only this list.
import { adamPatch } from './patches/adam';
import { bceGradPatch, bceLossPatch } from './patches/bceGrad';
import { batchMatMulPatch } from './patches/batchMatMul';
import { clipByValueGradPatch } from './patches/clipByValueGrad';
import { conv2DBackpropFilterPatch } from './patches/conv2DBackpropFilter';
import { conv2DBackpropInputPatch } from './patches/conv2DBackpropInput';
import { fusedMatMulPatch } from './patches/fusedMatMul';
import { identityPatch } from './patches/identity';
import { maxPoolGradPatch } from './patches/maxPoolGrad';
import { resizeNearestNeighborGradPatch } from './patches/resizeNearestNeighborGrad';
import { sumPatch } from './patches/sum';
import { transposePatch } from './patches/transpose';
import { weightedSumPatch } from './patches/weightedSum';
import type { WasmPatch } from './wasmPatch';

/** The 8 replaced built-in kernels, then the kernel wasm lacks, then our own kernels, gradient and optimizer. */
export const WASM_PATCHES: readonly WasmPatch[] = [
  transposePatch,
  batchMatMulPatch,
  fusedMatMulPatch,
  identityPatch,
  sumPatch,
  maxPoolGradPatch,
  resizeNearestNeighborGradPatch,
  conv2DBackpropFilterPatch,
  conv2DBackpropInputPatch,
  clipByValueGradPatch,
  adamPatch,
  weightedSumPatch,
  bceGradPatch,
  bceLossPatch,
];
