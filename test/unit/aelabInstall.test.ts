// The README's install step for any shell: `npm install -g .` in a built checkout puts `aelab` on PATH, and it then
// works from any folder. Runs offline against a copy of the checkout (package.json, bin/, and the built dist/) with a
// temporary global prefix, so neither the repository nor the machine's global folder is touched.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempWorkspace } from '../helpers/experimentFiles';
import { runProgram } from '../helpers/runProgram';

const REPO = join(__dirname, '..', '..');

function builtCheckoutCopy(): string {
  const checkout = join(tempWorkspace('aelab-checkout-'), 'autoencoder-lab');
  mkdirSync(checkout);
  copyFileSync(join(REPO, 'package.json'), join(checkout, 'package.json'));
  cpSync(join(REPO, 'bin'), join(checkout, 'bin'), { recursive: true });
  symlinkSync(join(REPO, 'dist'), join(checkout, 'dist'), 'dir');
  return checkout;
}

describe('aelab installed with npm install -g', () => {
  it('runs from any folder: --help, and `aelab new` writes into that folder', async () => {
    const checkout = builtCheckoutCopy();
    const prefix = join(tempWorkspace('aelab-prefix-'), 'global');
    const npm = await runProgram('npm', ['install', '-g', '.', '--prefix', prefix, '--offline', '--no-audit', '--no-fund'], { cwd: checkout, timeout: 120_000 });
    expect(npm.status, npm.stderr).toBe(0);

    const elsewhere = tempWorkspace('aelab-elsewhere-');
    const env = { ...process.env, PATH: `${join(prefix, 'bin')}${delimiter}${process.env.PATH}` };
    const help = await runProgram('sh', ['-c', 'aelab --help'], { cwd: elsewhere, env });
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: aelab /);

    const created = await runProgram('sh', ['-c', 'aelab new deep mine'], { cwd: elsewhere, env });
    expect(created.status, created.stderr).toBe(0);
    const file = join(elsewhere, 'experiments', 'mine.ae.json');
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ kind: 'deep' });
  });
});
