// Where the extension installs tfjs-node for its users (its global storage), and the environment that tells every
// trainer process to look there. Free of vscode imports, so tests can use it as it is.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The version the bundled @tensorflow/tfjs is built against (package.json optionalDependencies). */
export const TFJS_NODE_VERSION = '4.22.0';

export function nativeBackendDir(globalStoragePath: string): string {
  return join(globalStoragePath, 'tfjs-node');
}

export function hasTfjsNode(dir: string): boolean {
  return existsSync(join(dir, 'node_modules', '@tensorflow', 'tfjs-node', 'package.json'));
}

/** The trainer's environment: AELAB_TFJS_NODE_DIR points at `dir` once tfjs-node is there, unless the user set it. */
export function trainerEnvironment(dir: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (base.AELAB_TFJS_NODE_DIR || !hasTfjsNode(dir)) return base;
  return { ...base, AELAB_TFJS_NODE_DIR: dir };
}
