// Picks the fastest backend that loads: tfjs-node (native, optional), then WASM (SIMD), then pure-JS CPU.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../protocol/errors';
import type { BackendName } from '../../protocol/experiment';
import { installWasmPatches, wasmPatchGate } from '../wasm';

export interface SelectedBackend {
  name: BackendName;
  /** What runs, for summaries and the UI, e.g. "wasm (SIMD)". */
  description: string;
  /** Why faster backends were skipped, for the run log. */
  fallbacks: string[];
}

const ORDER: BackendName[] = ['node', 'wasm', 'cpu'];

export async function selectBackend(requested?: BackendName): Promise<SelectedBackend> {
  const fallbacks: string[] = [];
  const candidates = requested ? [requested] : ORDER;
  for (const name of candidates) {
    try {
      await activate(name);
      return { name, description: await describe(name), fallbacks };
    } catch (error) {
      const reason = `${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      if (requested === 'node') throw tfjsNodeMissing(reason);
      if (requested) throw new Error(`backend "${requested}" was requested but failed to load (${reason})`);
      fallbacks.push(reason);
    }
  }
  throw new Error(`no TensorFlow.js backend could be loaded: ${fallbacks.join('; ')}`);
}

async function activate(name: BackendName): Promise<void> {
  if (name === 'node') loadTfjsNode();
  if (name === 'wasm') {
    const dir = wasmBinaryDir();
    if (dir) setWasmPaths(dir.endsWith('/') ? dir : `${dir}/`);
  }
  const backendName = name === 'node' ? 'tensorflow' : name;
  if (!(await tf.setBackend(backendName))) throw new Error(`tf.setBackend('${backendName}') returned false`);
  await tf.ready();
  if (name === 'wasm') installWasmPatches();
}

/** Forcing node without tfjs-node is a settings problem, not a crash: say which setting and how to install it. */
function tfjsNodeMissing(reason: string): InputError {
  return new InputError(
    `--backend node (setting autoencoderLab.backend: "node") needs @tensorflow/tfjs-node, which cannot be loaded (${reason}). ` +
      'Install it: in VS Code with "Autoencoder Lab: Install Native Backend (tfjs-node)", for the CLI with npm i @tensorflow/tfjs-node@4.22.0 ' +
      '(or set AELAB_TFJS_NODE_DIR to a folder that has it); or choose the backend auto, wasm or cpu.',
  );
}

/** tfjs-node is optional: its install downloads libtensorflow, which fails offline. Also looked up in AELAB_TFJS_NODE_DIR. */
function loadTfjsNode(): void {
  const extraDir = process.env.AELAB_TFJS_NODE_DIR;
  const paths = extraDir ? [join(extraDir, 'node_modules'), extraDir] : undefined;
  const resolved = require.resolve('@tensorflow/tfjs-node', paths ? { paths: [...paths, ...(require.resolve.paths('') ?? [])] } : undefined);
  // A runtime lookup on purpose: the optional package is resolved where it was installed, never bundled.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(resolved);
}

/** The bundle ships the .wasm files next to it in dist/wasm; from sources they are in node_modules. */
function wasmBinaryDir(): string | undefined {
  const bundled = join(__dirname, 'wasm');
  return existsSync(join(bundled, 'tfjs-backend-wasm-simd.wasm')) ? bundled : undefined;
}

async function describe(name: BackendName): Promise<string> {
  if (name !== 'wasm') return name === 'node' ? 'node (libtensorflow)' : 'cpu (pure JavaScript)';
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  // The run log's "backend:" line is where it shows that the kernel patches stayed off, and why.
  const patches = wasmPatchGate();
  return `wasm (${simd ? 'SIMD' : 'no SIMD'}${patches.on ? '' : `; ${patches.reason}`})`;
}
