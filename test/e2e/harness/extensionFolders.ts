// Puts the extension where code-server looks for it: the repo's build unpacked, or the .vsix installed by code-server.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CODE_SERVER, EXTENSION_FOLDER, REPO } from './paths';

/** The built extension as an installed one: package.json copied, the folders it reads at run time symlinked. */
export function installUnpacked(extensionsDir: string): string {
  if (!existsSync(join(REPO, 'dist', 'extension.js'))) throw new Error('dist/ is missing: run "npm run build" first');
  const target = join(extensionsDir, EXTENSION_FOLDER);
  mkdirSync(target, { recursive: true });
  copyFileSync(join(REPO, 'package.json'), join(target, 'package.json'));
  for (const folder of ['dist', 'bin', 'media']) symlinkSync(join(REPO, folder), join(target, folder), 'dir');
  return target;
}

export async function installVsix(extensionsDir: string, userDataDir: string, vsix: string): Promise<string> {
  const { stdout } = await promisify(execFile)(CODE_SERVER, ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], {
    timeout: 120_000,
  });
  return stdout;
}
