// Hand-written SIMD modules (simd/*.ts) instantiated on the wasm backend's own heap, so they read and write tensors
// in place with no copies in or out.
import { heapMemory, type WasmHeap } from './wasmInternals';

const instances = new WeakMap<Uint8Array, WeakMap<object, unknown>>();

/** The module's export, instantiated once per backend, or undefined without wasm SIMD. */
export function simdKernel<T>(heap: WasmHeap, bytes: Uint8Array<ArrayBuffer>, exportName: string): T | undefined {
  let perBackend = instances.get(bytes);
  if (!perBackend) instances.set(bytes, (perBackend = new WeakMap()));
  if (!perBackend.has(heap)) {
    const memory = heapMemory(heap); // outside the try: a changed backend must fail loudly, not look like "no SIMD"
    try {
      const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
      perBackend.set(heap, instance.exports[exportName]);
    } catch {
      perBackend.set(heap, undefined);
    }
  }
  return perBackend.get(heap) as T | undefined;
}
