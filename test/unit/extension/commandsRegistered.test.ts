// Every command the manifest contributes is registered by activate(), and activate() registers no command the
// manifest leaves out: the built dist/extension.js runs against a stand-in 'vscode' module that records them.
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeExtensionContext, vscodeStub } from '../../../scripts/bench/vscodeStub';

const root = join(__dirname, '..', '..', '..');
const extensionJs = join(root, 'dist', 'extension.js');

function activateRecordingCommands(): string[] {
  const source = readFileSync(extensionJs, 'utf8');
  const stub = vscodeStub([...new Set([...source.matchAll(/\bvscode\d*\.([A-Za-z_]\w*)/g)].map((m) => m[1]))]);
  const registered: string[] = [];
  const record = (id: string) => {
    registered.push(id);
    return { dispose: () => {} };
  };
  stub.commands = { registerCommand: record, registerTextEditorCommand: record, executeCommand: async () => undefined };
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = (request, ...rest) => (request === 'vscode' ? 'vscode' : resolve(request, ...rest));
  require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub } as unknown as NodeJS.Module;
  try {
    delete require.cache[extensionJs];
    const extension = require(extensionJs) as { activate: (context: unknown) => void };
    const context = fakeExtensionContext(root);
    extension.activate(context);
    (context.subscriptions as { dispose?: () => void }[]).forEach((d) => d.dispose?.());
  } finally {
    loader._resolveFilename = resolve;
    delete require.cache.vscode;
  }
  return registered;
}

describe('commands', () => {
  it('are registered exactly as the manifest contributes them', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const contributed = (manifest.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    expect(contributed).toContain('autoencoderLab.installNativeBackend');
    expect([...new Set(activateRecordingCommands())].sort()).toEqual(contributed);
  });
});
