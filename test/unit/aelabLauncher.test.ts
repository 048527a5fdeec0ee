// bin/aelab, the shell launcher VS Code's terminals (and the packaged extension's users) run: it hands dist/cli.js
// and every argument to AELAB_NODE as Electron-run-as-Node when that is set, else to `node` from PATH.
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempWorkspace } from '../helpers/experimentFiles';
import { runProgram } from '../helpers/runProgram';

const REPO = join(__dirname, '..', '..');
const LAUNCHER = join(REPO, 'bin', 'aelab');
const CLI = join(REPO, 'dist', 'cli.js');

/** A stand-in runtime that writes down how it was started, one line each: ELECTRON_RUN_AS_NODE, then the arguments. */
function recordingRuntime(name: string): { program: string; calls: () => string[] } {
  const dir = tempWorkspace('aelab-runtime-');
  const program = join(dir, name);
  const log = join(dir, 'calls.txt');
  writeFileSync(program, `#!/bin/sh\n{ echo "ELECTRON_RUN_AS_NODE=$ELECTRON_RUN_AS_NODE"; for a in "$@"; do echo "$a"; done; } > '${log}'\n`);
  chmodSync(program, 0o755);
  return { program, calls: () => readFileSync(log, 'utf8').trimEnd().split('\n') };
}

const cliAndArgs = (calls: string[]) => [resolve(calls[1]), ...calls.slice(2)];
const ARGS = ['train', 'my data/exp.ae.json', '--epochs', '3'];

describe('bin/aelab', () => {
  it("runs AELAB_NODE as Node (ELECTRON_RUN_AS_NODE=1) on the bundled CLI, passing every argument through", async () => {
    const runtime = recordingRuntime('Code');
    const result = await runProgram(LAUNCHER, ARGS, { env: { ...process.env, AELAB_NODE: runtime.program } });
    expect(result.status).toBe(0);
    expect(runtime.calls()[0]).toBe('ELECTRON_RUN_AS_NODE=1');
    expect(cliAndArgs(runtime.calls())).toEqual([CLI, ...ARGS]);
  });

  it('runs `node` from PATH when AELAB_NODE is unset or names no file', async () => {
    for (const AELAB_NODE of [undefined, join(tempWorkspace(), 'gone', 'code')]) {
      const node = recordingRuntime('node');
      const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${join(node.program, '..')}${delimiter}${process.env.PATH}`, AELAB_NODE };
      if (AELAB_NODE === undefined) delete env.AELAB_NODE;
      const result = await runProgram(LAUNCHER, ARGS, { env });
      expect(result.status).toBe(0);
      expect(node.calls()[0]).toBe('ELECTRON_RUN_AS_NODE=');
      expect(cliAndArgs(node.calls())).toEqual([CLI, ...ARGS]);
    }
  });

  it('says what it needs, with exit code 127, when there is no Node.js at all', async () => {
    const result = await runProgram('/bin/sh', [LAUNCHER, '--help'], { env: { PATH: join(tempWorkspace(), 'empty') } });
    expect(result.status).toBe(127);
    expect(result.stderr).toBe('aelab: needs Node.js 20 or later on PATH (or AELAB_NODE set to a Node.js binary)\n');
  });

  it('works through a symlink in another folder (e.g. ~/bin/aelab)', async () => {
    const home = tempWorkspace();
    mkdirSync(join(home, 'bin'));
    symlinkSync(LAUNCHER, join(home, 'bin', 'aelab'));
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${join(home, 'bin')}${delimiter}${process.env.PATH}` };
    delete env.AELAB_NODE;
    const result = await runProgram('sh', ['-c', 'aelab --help'], { cwd: home, env });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Usage: aelab /);
  });
});
