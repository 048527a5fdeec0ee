// The patches replace tfjs-backend-wasm kernels and read its private fields as they are in one release. Any other
// release may rename a kernel or move a field, and a patch would then fall back to the stock path in silence (only
// slower), or compute something else: so they are installed only on the release they were written for.
import * as tf from '@tensorflow/tfjs';
import { version_wasm } from '@tensorflow/tfjs-backend-wasm';

/** The tfjs release the patches were written and tested for (package.json pins the same; a test checks it). */
export const TFJS_VERSION_PATCHED = '4.22.0';

export interface TfjsVersions {
  core: string;
  wasm: string;
}

export function installedVersions(): TfjsVersions {
  return { core: tf.version_core, wasm: version_wasm };
}

/** Why the installed versions do not match, or undefined when both are the patched release. */
export function versionMismatch({ core, wasm }: TfjsVersions): string | undefined {
  if (core === TFJS_VERSION_PATCHED && wasm === TFJS_VERSION_PATCHED) return undefined;
  return `tfjs-core ${core} and tfjs-backend-wasm ${wasm} installed, patches written for ${TFJS_VERSION_PATCHED}`;
}
