// Runs a shell command line in a new VS Code integrated terminal. xterm draws its rows for people, not for tests, so
// the command line writes what a test checks into files; its last step writes `doneFile` (atomically, via mv).
import { existsSync, readFileSync } from 'node:fs';
import type { Workbench } from './workbench';
import { waitFor } from './runFiles';

export async function runInNewTerminal(workbench: Workbench, commandLine: string, doneFile: string, timeoutMs = 60_000): Promise<string> {
  await workbench.runCommand('Terminal: Create New Terminal');
  // The new terminal takes the keyboard focus; keys typed before its shell is ready wait in the pty.
  await workbench.page.locator('.terminal-wrapper.active .xterm.focus').waitFor({ timeout: 30_000 });
  await workbench.page.keyboard.type(`${commandLine}; echo "$?" > '${doneFile}.tmp' && mv '${doneFile}.tmp' '${doneFile}'`);
  await workbench.page.keyboard.press('Enter');
  return waitFor(`the terminal to write ${doneFile}`, () => existsSync(doneFile) && readFileSync(doneFile, 'utf8'), timeoutMs);
}
