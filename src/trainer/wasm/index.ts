// The wall around tfjs-wasm internals: code outside src/trainer/wasm/ imports from here only.
export { installWasmPatches, patchGate as wasmPatchGate, type PatchState } from './installWasmPatches';
export { FastAdamOptimizer } from './patches/adam';
export { weightedSum } from './patches/weightedSum';
export { binaryCrossEntropy } from './patches/bceGrad';
export { heapOf, liveDataIds } from './wasmInternals';
