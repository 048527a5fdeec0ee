// Install Native Backend: npm installs tfjs-node into the extension's storage, the install is checked by loading it,
// and every trainer process is pointed at it. npm is replaced by small scripts here (the real install downloads
// libtensorflow, which this machine cannot reach); the trainer is the real one.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installTfjsNode } from '../../../src/extension/nativeBackend/installTfjsNode';
import { hasTfjsNode, nativeBackendDir, trainerEnvironment, TFJS_NODE_VERSION } from '../../../src/extension/nativeBackend/nativeBackendFolder';
import { tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';
import { startTrainer } from '../../helpers/runTrainer';

/** A stand-in npm that records its arguments and installs a tfjs-node whose index.js is `moduleCode`. */
function fakeNpm(dir: string, moduleCode: string, exitCode = 0): string {
  const script = join(dir, 'fake-npm.sh');
  const pkg = 'node_modules/@tensorflow/tfjs-node';
  writeFileSync(
    script,
    [
      '#!/usr/bin/env bash',
      'echo "$@" > npm-args.txt',
      `mkdir -p ${pkg}`,
      `echo '{"name":"@tensorflow/tfjs-node","version":"${TFJS_NODE_VERSION}","main":"index.js"}' > ${pkg}/package.json`,
      `cat > ${pkg}/index.js <<'JS'\n${moduleCode}\nJS`,
      exitCode === 0 ? 'echo "added 1 package"' : 'echo "npm ERR! request to https://storage.googleapis.com failed" >&2',
      `exit ${exitCode}`,
    ].join('\n'),
  );
  chmodSync(script, 0o755);
  return script;
}

function installFolder(): string {
  const storage = tempWorkspace('aelab-storage-');
  mkdirSync(storage, { recursive: true });
  return nativeBackendDir(storage);
}

describe('installing tfjs-node', () => {
  it('runs npm in its own folder, allows tfjs-node install script, and checks that it loads', async () => {
    const dir = installFolder();
    const lines: string[] = [];
    const result = await installTfjsNode({ dir, npm: fakeNpm(tempWorkspace(), 'module.exports = {};'), onOutput: (line) => lines.push(line) });
    expect(result).toEqual({ ok: true });
    expect(readFileSync(join(dir, 'npm-args.txt'), 'utf8').trim()).toBe(`install --no-audit --no-fund @tensorflow/tfjs-node@${TFJS_NODE_VERSION}`);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).allowScripts).toEqual({ '@tensorflow/tfjs-node': true });
    expect(lines).toContain('added 1 package');
    expect(hasTfjsNode(dir)).toBe(true);
  });

  it('reports npm failing, with its last line', async () => {
    const result = await installTfjsNode({ dir: installFolder(), npm: fakeNpm(tempWorkspace(), '', 1) });
    expect(result).toEqual({ ok: false, reason: 'npm install failed (exit 1): npm ERR! request to https://storage.googleapis.com failed' });
  });

  it('reports an install that does not load (e.g. libtensorflow missing)', async () => {
    const result = await installTfjsNode({ dir: installFolder(), npm: fakeNpm(tempWorkspace(), "throw new Error('libtensorflow.so.2: cannot open shared object file');") });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^tfjs-node installed but does not load: .*libtensorflow\.so\.2/);
  });

  it('reports a missing npm', async () => {
    const result = await installTfjsNode({ dir: installFolder(), npm: join(tempWorkspace(), 'no-such-npm') });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain('ENOENT');
  });
});

describe('the trainer environment', () => {
  it('points trainers at the folder only once tfjs-node is there, and never over a folder the user chose', async () => {
    const dir = installFolder();
    const base = { PATH: '/usr/bin' };
    expect(trainerEnvironment(dir, base)).toBe(base);
    await installTfjsNode({ dir, npm: fakeNpm(tempWorkspace(), 'module.exports = {};') });
    expect(trainerEnvironment(dir, base)).toEqual({ PATH: '/usr/bin', AELAB_TFJS_NODE_DIR: dir });
    expect(trainerEnvironment(dir, { AELAB_TFJS_NODE_DIR: '/opt/mine' })).toEqual({ AELAB_TFJS_NODE_DIR: '/opt/mine' });
  });

  it('makes a real trainer try that tfjs-node first, then fall back to wasm and say why', async () => {
    const dir = installFolder();
    await installTfjsNode({ dir, npm: fakeNpm(tempWorkspace(), "throw new Error('libtensorflow is not installed');"), node: process.execPath });
    const workspace = tempWorkspace();
    const file = writeExperiment(workspace, { name: 'native-fallback', training: { epochs: 1, batchSize: 64, learningRate: 0.002, seed: 7 } });
    const { exited, messages } = startTrainer({ experimentFile: file, runsDir: join(workspace, 'runs') }, undefined, trainerEnvironment(dir));
    const exit = await exited;
    expect(exit.summary?.status).toBe('completed');
    expect(exit.summary?.backend).toBe('wasm (SIMD)');
    const logs = messages.flatMap((m) => (m.type === 'log' ? [m.message] : []));
    expect(logs.some((line) => line.includes('node: libtensorflow is not installed'))).toBe(true);
  });
});
