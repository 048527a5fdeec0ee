// A patch: one change we make to TensorFlow.js on the wasm backend (a replaced kernel, a kernel of ours, the fused
// Adam update, a gradient), described the same way so that one loop installs them all and a test can see each one
// is installed and does its work.
import * as tf from '@tensorflow/tfjs';
import type { KernelArgs } from './wasmInternals';

export type PatchKind = 'override' | 'new kernel' | 'optimizer' | 'gradient';
type KernelResult = tf.TensorInfo | tf.TensorInfo[];

export class WasmPatch {
  /** Times the patch did the work itself; a call it hands to the stock kernel does not count. */
  calls = 0;

  constructor(
    /** The tfjs kernel or gradient it provides, e.g. 'Transpose' or 'AelabAdamUpdate'. */
    readonly name: string,
    readonly kind: PatchKind,
    private readonly install: () => void,
    /** Whether tfjs's registry holds this patch's function now (not merely "register() was called"). */
    readonly isRegistered: () => boolean,
  ) {}

  /** Idempotent. Only installWasmPatches calls it (tests too, to install one patch alone). */
  register(): void {
    if (!this.isRegistered()) this.install();
  }
}

/**
 * Replaces a stock wasm kernel. `fast` returns undefined to hand a call to the stock kernel. The stock setupFunc is
 * kept: it binds the wasm export the stock kernelFunc calls.
 */
export function overrideKernel(name: string, fast: (args: KernelArgs, stock: tf.KernelFunc) => KernelResult | undefined): WasmPatch {
  let installed: tf.KernelFunc | undefined;
  const patch: WasmPatch = new WasmPatch(name, 'override', () => {
    const stock = tf.getKernel(name, 'wasm');
    if (!stock) throw new Error(`wasm patch ${name}: tfjs-backend-wasm has no ${name} kernel to replace`);
    const kernelFunc: tf.KernelFunc = (args) => {
      const out = fast(args, stock.kernelFunc);
      if (out === undefined) return stock.kernelFunc(args);
      patch.calls++;
      return out;
    };
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...stock, kernelFunc });
    installed = kernelFunc;
  }, () => installed !== undefined && tf.getKernel(name, 'wasm')?.kernelFunc === installed);
  return patch;
}

/** Registers a kernel tfjs-backend-wasm does not have (ours, or one it lacks); every call counts. */
export function addKernel(name: string, run: (args: KernelArgs) => KernelResult, kind: 'new kernel' | 'optimizer' = 'new kernel'): WasmPatch {
  const kernelFunc: tf.KernelFunc = (args) => {
    patch.calls++;
    return run(args);
  };
  const patch: WasmPatch = new WasmPatch(name, kind, () => {
    if (tf.getKernel(name, 'wasm')) throw new Error(`wasm patch ${name}: tfjs-backend-wasm already has a ${name} kernel`);
    tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc });
  }, () => tf.getKernel(name, 'wasm')?.kernelFunc === kernelFunc);
  return patch;
}
