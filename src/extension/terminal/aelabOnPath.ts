// Puts the bundled `aelab` CLI on the PATH of VS Code's integrated terminals. The launchers in bin/ run dist/cli.js
// with AELAB_NODE: here VS Code's own runtime (Electron run as Node, or the remote server's Node), so `aelab` works in
// these terminals even on a machine without Node.js.
import { delimiter, join } from 'node:path';
import type * as vscode from 'vscode';

/** The runtime the launchers use when it is set (bin/aelab, bin/aelab.cmd). */
export const AELAB_NODE = 'AELAB_NODE';

export function putAelabOnTerminalPath(context: Pick<vscode.ExtensionContext, 'environmentVariableCollection' | 'extensionPath'>): void {
  const terminalEnv = context.environmentVariableCollection;
  terminalEnv.description = 'Puts the `aelab` command line on PATH, run by VS Code\'s own Node.js runtime.';
  terminalEnv.prepend('PATH', join(context.extensionPath, 'bin') + delimiter);
  terminalEnv.replace(AELAB_NODE, process.execPath);
}
