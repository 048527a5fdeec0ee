// activate() puts the bundled `aelab` on the PATH of VS Code's integrated terminals, run by VS Code's own runtime:
// the recorded environment changes, applied to a shell whose only `node` refuses to run, still give a working CLI.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { fakeEnvironmentVariableCollection } from '../../../scripts/bench/vscodeStub';
import { tempWorkspace } from '../../helpers/experimentFiles';
import { activateBuiltExtension, REPO_ROOT } from '../../helpers/activateBuiltExtension';
import { runProgram } from '../../helpers/runProgram';

type Collection = ReturnType<typeof fakeEnvironmentVariableCollection>;

/** What VS Code does with an extension's collection when it creates a terminal. */
function applyToTerminal(collection: Collection, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...base };
  for (const [variable, { type, value }] of collection.mutators) {
    const current = env[variable] ?? '';
    env[variable] = type === 'replace' ? value : type === 'prepend' ? value + current : current + value;
  }
  return env;
}

/** A PATH whose `node` fails loudly: a terminal on a machine without a usable Node.js. */
function pathWithBrokenNode(): string {
  const dir = join(tempWorkspace('aelab-no-node-'), 'bin');
  mkdirSync(dir);
  writeFileSync(join(dir, 'node'), '#!/bin/sh\necho "the system node ran" >&2\nexit 99\n');
  chmodSync(join(dir, 'node'), 0o755);
  return `${dir}${delimiter}${process.env.PATH}`;
}

describe('aelab on the integrated terminals\' PATH', () => {
  const collection = activateBuiltExtension().environmentVariableCollection as Collection;

  it("prepends the extension's bin/ to PATH and points AELAB_NODE at VS Code's runtime, with a description", () => {
    expect(Object.fromEntries(collection.mutators)).toEqual({
      PATH: { type: 'prepend', value: join(REPO_ROOT, 'bin') + delimiter },
      AELAB_NODE: { type: 'replace', value: process.execPath },
    });
    expect(collection.description).toMatch(/`aelab`/);
  });

  it('gives a terminal in any folder a working `aelab --help`, without a system Node.js', async () => {
    const terminal = applyToTerminal(collection, { ...process.env, PATH: pathWithBrokenNode() });
    const result = await runProgram('sh', ['-c', 'aelab --help'], { cwd: tempWorkspace(), env: terminal });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: aelab /);
    expect(result.stdout).toContain('train-folder');
  });
});
