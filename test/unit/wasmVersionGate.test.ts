// The version gate: the patches go on only on the tfjs release they were written for. Here tfjs-backend-wasm
// reports another version (mocked), so a run must train on the stock kernels, with one run-log line saying why.
import * as tf from '@tensorflow/tfjs';
import type * as WasmBackendModule from '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { TrainerToHost } from '../../src/protocol/trainerMessages';
import { runExperiment } from '../../src/trainer/runExperiment';
import { WASM_PATCHES } from '../../src/trainer/wasm/patchList';
import { patchGate } from '../../src/trainer/wasm/installWasmPatches';
import { installedVersions, TFJS_VERSION_PATCHED, versionMismatch } from '../../src/trainer/wasm/versionGate';
import { tempWorkspace, writeExperiment } from '../helpers/experimentFiles';

const { FAKE_WASM_VERSION } = vi.hoisted(() => ({ FAKE_WASM_VERSION: '4.23.0' }));

vi.mock('@tensorflow/tfjs-backend-wasm', async (importOriginal) => ({
  ...(await importOriginal<typeof WasmBackendModule>()),
  version_wasm: FAKE_WASM_VERSION,
}));

describe('wasm patch version gate', () => {
  it('pins the same tfjs version as package.json', () => {
    const { dependencies } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
    expect(dependencies['@tensorflow/tfjs']).toBe(TFJS_VERSION_PATCHED);
    expect(dependencies['@tensorflow/tfjs-backend-wasm']).toBe(TFJS_VERSION_PATCHED);
  });

  it('accepts only the pinned version of both packages', () => {
    expect(versionMismatch({ core: TFJS_VERSION_PATCHED, wasm: TFJS_VERSION_PATCHED })).toBeUndefined();
    expect(versionMismatch({ core: '4.23.0', wasm: TFJS_VERSION_PATCHED })).toContain('tfjs-core 4.23.0');
    expect(versionMismatch({ core: TFJS_VERSION_PATCHED, wasm: '5.0.0' })).toContain('tfjs-backend-wasm 5.0.0');
  });

  it('keeps the patches off on a backend without the private fields they use, saying which', async () => {
    await tf.setBackend('cpu');
    const pinned = { core: TFJS_VERSION_PATCHED, wasm: TFJS_VERSION_PATCHED };
    expect(patchGate(pinned)).toEqual({ on: false, reason: 'wasm kernel patches off: BackendWasm lacks makeOutput/typedArrayFromHeap/incRef/disposeData' });
    await tf.setBackend('wasm');
    expect(patchGate(pinned)).toEqual({ on: true });
  });

  it('with another wasm version, a run trains on stock kernels and logs one line saying why', async () => {
    expect(installedVersions()).toEqual({ core: tf.version_core, wasm: FAKE_WASM_VERSION });
    const workspace = tempWorkspace();
    const file = writeExperiment(workspace, {
      name: 'gate',
      kind: 'deep',
      data: { source: 'builtin:mnist', limit: 64 },
      model: { hidden: [8], latentDim: 4 },
      training: { epochs: 1, batchSize: 32 },
    });
    const messages: TrainerToHost[] = [];
    const summary = await runExperiment(
      { type: 'start', experimentFile: file, runsDir: join(workspace, 'runs'), overrides: { backend: 'wasm', threads: 1 } },
      { emit: (message) => messages.push(message), shouldStop: () => false },
    );
    expect(summary?.status).toBe('completed');
    expect(tf.getBackend()).toBe('wasm');
    expect(WASM_PATCHES.filter((p) => p.isRegistered()).map((p) => p.name)).toEqual([]);
    expect(WASM_PATCHES.filter((p) => p.calls > 0).map((p) => p.name)).toEqual([]);
    const logs = messages.flatMap((m) => (m.type === 'log' ? [m.message] : []));
    const why = logs.filter((line) => line.includes('patches off'));
    expect(why).toEqual([`backend: wasm (SIMD; wasm kernel patches off: tfjs-core ${tf.version_core} and tfjs-backend-wasm ${FAKE_WASM_VERSION} installed, patches written for ${TFJS_VERSION_PATCHED})`]);
  }, 120_000);
});
