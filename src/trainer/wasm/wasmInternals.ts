// The one file that knows tfjs's private shapes: BackendWasm's fields, its Emscripten module's memory, and
// AdamOptimizer's slot variables, as tfjs 4.22.0 has them (versionGate.ts pins it). Everything else goes through
// these accessors, and the type guards here say what changed if an upgrade moves something.
import type * as tf from '@tensorflow/tfjs';

/** What our kernels use of a tfjs-backend-wasm BackendWasm. */
export interface WasmHeap {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

/** BackendWasm as 4.22.0 builds it: `wasm` is the Emscripten module, whose exports live under `asm`. */
interface BackendWasmInternals extends WasmHeap {
  wasm: { asm: { memory: WebAssembly.Memory } };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined; numDataIds(): number };
  incRef(dataId: object): void;
  disposeData(dataId: object): boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const hasMethods = (value: unknown, names: string[]) => isObject(value) && names.every((name) => typeof value[name] === 'function');

/** Why `backend` is not shaped as these accessors expect, or undefined when it is. */
export function internalsMismatch(backend: unknown): string | undefined {
  if (!hasMethods(backend, ['makeOutput', 'typedArrayFromHeap', 'incRef', 'disposeData'])) return 'BackendWasm lacks makeOutput/typedArrayFromHeap/incRef/disposeData';
  const { wasm, dataIdMap } = backend as Record<string, unknown>;
  if (!isObject(wasm) || !isObject(wasm.asm) || !(wasm.asm.memory instanceof WebAssembly.Memory)) return 'the Emscripten module has no wasm.asm.memory';
  if (!hasMethods(dataIdMap, ['get', 'numDataIds'])) return 'BackendWasm has no dataIdMap';
  return undefined;
}

/** Backends already checked: the accessors run on every kernel call. */
const checked = new WeakSet<object>();

function isWasmBackend(backend: unknown): backend is BackendWasmInternals {
  if (isObject(backend) && checked.has(backend)) return true;
  if (internalsMismatch(backend) !== undefined) return false;
  checked.add(backend as object);
  return true;
}

function internals(backend: unknown): BackendWasmInternals {
  if (!isWasmBackend(backend)) throw new Error(`not a tfjs-backend-wasm 4.22 backend: ${internalsMismatch(backend)}`);
  return backend;
}

/** The wasm backend a kernel was handed (or tf.backend()), for reading and writing tensors in place. */
export function heapOf(backend: unknown): WasmHeap {
  return internals(backend);
}

/** The backend's whole heap: hand-written modules import it, and views over it read any dtype. */
export function heapMemory(heap: WasmHeap): WebAssembly.Memory {
  return internals(heap).wasm.asm.memory;
}

/** Byte offset of a tensor's data in the wasm heap. */
export function pointerOf(heap: WasmHeap, info: tf.TensorInfo): number {
  const data = internals(heap).dataIdMap.get(info.dataId);
  if (!data) throw new Error('tensor data is not on this wasm backend');
  return data.memoryOffset;
}

/** Lets a second tensor share the data of `dataId` (released when both are disposed). */
export function shareData(backend: unknown, dataId: object): void {
  internals(backend).incRef(dataId);
}

/** Frees a kernel's temporary output that never became a tensor. */
export function releaseData(backend: unknown, dataId: object): void {
  internals(backend).disposeData(dataId);
}

/** Buffers the wasm backend holds now: what a leak test watches besides tf.memory().numTensors. */
export function liveDataIds(backend: unknown): number {
  return internals(backend).dataIdMap.numDataIds();
}

/** tfjs 4.22 AdamOptimizer's private state that applyGradients updates. */
export interface AdamSlots {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
}

export function adamSlots(optimizer: tf.AdamOptimizer): AdamSlots {
  const state = optimizer as unknown as Record<string, unknown>;
  const missing = ['accBeta1', 'accBeta2', 'accumulatedFirstMoment', 'accumulatedSecondMoment'].filter((key) => state[key] == null);
  if (missing.length > 0) throw new Error(`tf.AdamOptimizer has no ${missing.join(', ')} (written for tfjs 4.22)`);
  return state as unknown as AdamSlots;
}

/**
 * The Tensor behind a kernel input: tfjs's engine hands kernels its Tensor objects (TensorInfo is all it promises),
 * and tf ops need those. Duck-typed like the engine does (`rank`), so a second bundled copy of tfjs-core passes.
 */
export function tensorOf<T extends tf.Tensor>(info: tf.TensorInfo | undefined): T {
  if (info == null || (info as tf.Tensor).rank == null) throw new Error('wasm kernel: expected a Tensor input');
  return info as T;
}

/** Arguments tfjs hands a kernel function. */
export type KernelArgs = Parameters<tf.KernelFunc>[0];

