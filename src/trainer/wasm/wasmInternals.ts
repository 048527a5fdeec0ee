// Kernels written in JavaScript that read and write tensors in place on the wasm heap (no copies in or out).
import * as tf from '@tensorflow/tfjs';

export interface WasmHeapBackend {
  wasm: { asm: { memory: WebAssembly.Memory } };
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

/** Byte offset of a tensor's data in the wasm heap. */
export function pointerOf(backend: WasmHeapBackend, info: tf.TensorInfo): number {
  return backend.dataIdMap.get(info.dataId).memoryOffset;
}

/** A hand-written kernel module instantiated on the backend's own heap (once per backend), or undefined without wasm SIMD. */
export function simdKernel<T>(backend: WasmHeapBackend, bytes: Uint8Array<ArrayBuffer>, exportName: string): T | undefined {
  let perBackend = instances.get(bytes);
  if (!perBackend) instances.set(bytes, (perBackend = new WeakMap()));
  if (!perBackend.has(backend)) {
    try {
      const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory: backend.wasm.asm.memory } });
      perBackend.set(backend, instance.exports[exportName]);
    } catch {
      perBackend.set(backend, undefined);
    }
  }
  return perBackend.get(backend) as T | undefined;
}

const instances = new WeakMap<Uint8Array, WeakMap<object, unknown>>();

export function heapBackend(backend: unknown): WasmHeapBackend {
  return backend as WasmHeapBackend;
}

/** Registers one of the project's own kernels on the wasm backend, once. */
export function registerOwnWasmKernel(
  kernelName: string,
  run: (heap: WasmHeapBackend, inputs: Record<string, tf.TensorInfo>, attrs: unknown) => tf.TensorInfo | tf.TensorInfo[],
): void {
  if (tf.getKernel(kernelName, 'wasm')) return;
  tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: ({ inputs, backend, attrs }) => run(backend as unknown as WasmHeapBackend, inputs as Record<string, tf.TensorInfo>, attrs) });
}

/** Replaces a wasm kernel, keeping its setupFunc (it binds the wasm export the fallback path calls). Idempotent. */
export function overrideWasmKernel(name: string, make: (original: tf.KernelConfig) => tf.KernelFunc): void {
  const original = tf.getKernel(name, 'wasm');
  if (!original || overridden.has(original.kernelFunc)) return;
  const kernelFunc = make(original);
  overridden.add(kernelFunc);
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...original, kernelFunc });
}

const overridden = new WeakSet<tf.KernelFunc>();
