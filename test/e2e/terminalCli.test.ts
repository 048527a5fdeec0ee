// The packaged extension puts `aelab` on the PATH of VS Code's integrated terminals, run by VS Code's own runtime:
// the terminal here has a `node` on PATH that refuses to run, so only the extension's launcher and AELAB_NODE can
// make `aelab --help` work.
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { installVsix } from './harness/extensionFolders';
import { EXTENSION_FOLDER, VSIX } from './harness/paths';
import { openSession, sessionTest, type Session } from './harness/session';
import { runInNewTerminal } from './harness/terminal';

/** A folder whose `node` fails loudly, put first on the terminals' PATH. */
function brokenNodeFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aelab-e2e-no-node-'));
  writeFileSync(join(dir, 'node'), '#!/bin/sh\necho "the system node ran" >&2\nexit 99\n');
  chmodSync(join(dir, 'node'), 0o755);
  return dir;
}

let session: Session | undefined;
const noNode = brokenNodeFolder();
beforeAll(async () => {
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run "npm run package" first (npm run test:e2e does)`);
  session = await openSession({
    install: (extensionsDir, userDataDir) => installVsix(extensionsDir, userDataDir, VSIX),
    // The terminals' environment starts from a login shell's (code-server resolves it), so put the broken `node`
    // there through the setting, and run a plain sh that reads no rc file that could rebuild PATH.
    settings: {
      'terminal.integrated.env.linux': { PATH: `${noNode}${delimiter}\${env:PATH}` },
      'terminal.integrated.profiles.linux': { 'plain sh': { path: '/bin/sh' } },
      'terminal.integrated.defaultProfile.linux': 'plain sh',
    },
  });
});
afterAll(async () => {
  await session?.close();
  rmSync(noNode, { recursive: true, force: true });
});

const test = sessionTest(() => session);

describe('aelab in the integrated terminal', () => {
  test('`aelab --help` runs in a new terminal, from the installed extension, without a system Node.js', async ({ workbench, extensionsDir, root }) => {
    const launcher = join(extensionsDir, EXTENSION_FOLDER, 'bin', 'aelab');
    accessSync(launcher, constants.X_OK); // the .vsix kept the launcher executable
    // Only terminals created after activation carry the extension's environment. Its New Experiment quick pick shows
    // once activate() has run, and activate() sent the environment before it (it also activates after startup).
    await workbench.runCommand('Autoencoder Lab: New Experiment');
    await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Deep fully connected' }).first().waitFor({ timeout: 30_000 });
    await workbench.dismiss();

    const out = join(root, 'terminal');
    mkdirSync(out);
    const status = await runInNewTerminal(
      workbench,
      `cd '${out}' && command -v aelab > which.txt; node --version 2> node.txt; aelab --help > help.txt 2> help.err`,
      join(out, 'done.txt'),
    );
    const read = (name: string) => readFileSync(join(out, name), 'utf8');
    expect(read('node.txt')).toContain('the system node ran'); // the terminal really has no usable `node`
    expect(read('which.txt').trim()).toBe(launcher);
    expect(read('help.err')).toBe('');
    expect(status.trim()).toBe('0');
    expect(read('help.txt')).toMatch(/^Usage: aelab /);
    expect(read('help.txt')).toContain('train-folder');
  });
});
