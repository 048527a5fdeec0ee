// The one place patches are installed: when the wasm backend is active, on the tfjs release they were written for.
// On any other release (or if the backend's private shape is not what wasmInternals.ts expects) every patch stays
// off, and the reason is returned for the run log: the stock kernels then run, slower but as tfjs ships them.
import * as tf from '@tensorflow/tfjs';
import { WASM_PATCHES } from './patchList';
import { installedVersions, versionMismatch, type TfjsVersions } from './versionGate';
import { internalsMismatch } from './wasmInternals';

export type PatchState = { on: true } | { on: false; reason: string };

/** Whether the patches may go on the active wasm backend, and if not, one line saying why. */
export function patchGate(versions: TfjsVersions = installedVersions()): PatchState {
  const version = versionMismatch(versions);
  if (version) return { on: false, reason: `wasm kernel patches off: ${version}` };
  const shape = internalsMismatch(tf.backend());
  if (shape) return { on: false, reason: `wasm kernel patches off: ${shape}` };
  return { on: true };
}

/** Call after tf.setBackend('wasm'). Idempotent. */
export function installWasmPatches(versions?: TfjsVersions): PatchState {
  const state = patchGate(versions);
  if (state.on) for (const patch of WASM_PATCHES) patch.register();
  return state;
}
