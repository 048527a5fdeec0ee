// Bundles the replica worker for tests, as the build does for dist/, next to a wasm/ folder it loads binaries from.
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface WorkerBundle {
  script: string;
  dir: string;
  dispose(): void;
}

export async function bundleReplicaWorker(): Promise<WorkerBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'aelab-replica-test-'));
  symlinkSync(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')), join(dir, 'wasm'));
  const script = join(dir, 'replicaWorker.js');
  await esbuild.build({ entryPoints: [join(__dirname, '../../../src/trainer/parallel/replicaWorker.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], outfile: script, external: ['@tensorflow/tfjs-node'], logLevel: 'warning' });
  return { script, dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
