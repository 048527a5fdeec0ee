// Activation registers every contribution without loading dist/extensionCore.js; the first command, view or code lens
// VS Code asks for loads it, and the Runs tree's change events reach VS Code through what activation registered.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activateBuiltExtension, REPO_ROOT } from '../../helpers/activateBuiltExtension';

const coreLoaded = () => require.cache[join(REPO_ROOT, 'dist', 'extensionCore.js')] !== undefined;

interface Registered {
  commands: Map<string, (...args: unknown[]) => unknown>;
  tree?: { onDidChangeTreeData: (listener: () => void) => unknown; getChildren: (run?: unknown) => Promise<unknown[]> };
  lenses?: { provideCodeLenses: (document: unknown) => unknown[] };
}

function activateRecording(): Registered {
  const registered: Registered = { commands: new Map() };
  activateBuiltExtension((stub) => {
    const own = (target: unknown, overrides: Record<string, unknown>) => new Proxy(target as object, { get: (t, k) => (typeof k === 'string' && k in overrides ? overrides[k] : (t as Record<string | symbol, unknown>)[k]) });
    stub.commands = own(stub.commands, { registerCommand: (id: string, run: (...args: unknown[]) => unknown) => (registered.commands.set(id, run), { dispose: () => {} }) });
    stub.window = own(stub.window, { createTreeView: (_id: string, options: { treeDataProvider: Registered['tree'] }) => ((registered.tree = options.treeDataProvider), { dispose: () => {} }) });
    stub.languages = own(stub.languages, { registerCodeLensProvider: (_selector: unknown, provider: Registered['lenses']) => ((registered.lenses = provider), { dispose: () => {} }) });
  });
  return registered;
}

describe('activation', () => {
  it('registers every contribution without loading the core; the first command loads it', async () => {
    const { commands } = activateRecording();
    expect(commands.size).toBeGreaterThan(0);
    expect(coreLoaded()).toBe(false);
    await commands.get('autoencoderLab.stopTraining')!();
    expect(coreLoaded()).toBe(true);
  });

  it("answers the Runs tree through the core and passes the core's refreshes on", async () => {
    const { commands, tree } = activateRecording();
    let changes = 0;
    tree!.onDidChangeTreeData(() => changes++);
    expect(await tree!.getChildren()).toEqual([]); // no workspace folder, so no runs folder
    expect(coreLoaded()).toBe(true);
    await commands.get('autoencoderLab.refreshRuns')!();
    expect(changes).toBe(1);
  });

  it("answers the experiment code lens through the core: Train and Open Dashboard", () => {
    const { lenses } = activateRecording();
    const document = { uri: { fsPath: '/w/tiny.ae.json' }, getText: () => '{}', positionAt: () => ({ line: 0, character: 0 }) };
    expect(lenses!.provideCodeLenses(document)).toHaveLength(2);
    expect(coreLoaded()).toBe(true);
  });
});
