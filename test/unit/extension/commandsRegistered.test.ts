// Every command the manifest contributes is registered by activate(), and activate() registers no command the
// manifest leaves out: the built dist/extension.js runs against a stand-in 'vscode' module that records them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activateBuiltExtension, REPO_ROOT } from '../../helpers/activateBuiltExtension';

function activateRecordingCommands(): string[] {
  const registered: string[] = [];
  const record = (id: string) => {
    registered.push(id);
    return { dispose: () => {} };
  };
  activateBuiltExtension((stub) => {
    stub.commands = { registerCommand: record, registerTextEditorCommand: record, executeCommand: async () => undefined };
  });
  return registered;
}

describe('commands', () => {
  it('are registered exactly as the manifest contributes them', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    const contributed = (manifest.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    expect(contributed).toContain('autoencoderLab.installNativeBackend');
    expect([...new Set(activateRecordingCommands())].sort()).toEqual(contributed);
  });
});
