// Activation registers what package.json contributes (the commands, the Runs tree, the side view, the dashboard's
// panel serializer, the experiment code lens) and puts aelab on the terminals' PATH; it runs at every start of VS Code,
// so it loads nothing else. The code behind those is dist/extensionCore.js (extensionCore.ts), started the first time
// VS Code calls one of them.
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RunListItem } from '../protocol/dashboardMessages';
import type * as CoreModule from './extensionCore';
import { COMMAND_NAMES, DASHBOARD_VIEW_TYPE, EXPERIMENT_FILES, RUNS_VIEW_ID, SIDEBAR_VIEW_ID } from './manifestIds';
import { putAelabOnTerminalPath } from './terminal/aelabOnPath';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Autoencoder Lab', { log: true });
  putAelabOnTerminalPath(context);
  // VS Code takes a provider's change event when it is registered, before the core (whose providers fire theirs) runs.
  const treeChanged = new vscode.EventEmitter<RunListItem | undefined | void>();
  const lensesChanged = new vscode.EventEmitter<void>();
  let started: CoreModule.Core | undefined;
  const core = (): CoreModule.Core => {
    if (started) return started;
    started = loadCore().startCore(context, log);
    context.subscriptions.push(
      started.runsTree.onDidChangeTreeData((run) => treeChanged.fire(run)),
      started.codeLens.onDidChangeCodeLenses(() => lensesChanged.fire()),
    );
    return started;
  };

  context.subscriptions.push(
    log,
    treeChanged,
    lensesChanged,
    ...COMMAND_NAMES.map((name) => vscode.commands.registerCommand(`autoencoderLab.${name}`, (...args: never[]) => core().commands[name](...args))),
    vscode.window.createTreeView(RUNS_VIEW_ID, {
      treeDataProvider: { onDidChangeTreeData: treeChanged.event, getChildren: (run) => core().runsTree.getChildren(run), getTreeItem: (run) => core().runsTree.getTreeItem(run) },
      canSelectMany: true,
      showCollapseAll: false,
    }),
    vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, { resolveWebviewView: (...args) => core().sidebar.resolveWebviewView(...args) }),
    vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, { deserializeWebviewPanel: (...args) => core().dashboardSerializer.deserializeWebviewPanel(...args) }),
    vscode.languages.registerCodeLensProvider({ pattern: EXPERIMENT_FILES }, { onDidChangeCodeLenses: lensesChanged.event, provideCodeLenses: (...args) => core().codeLens.provideCodeLenses(...args) }),
  );
}

export function deactivate(): void {
  // Everything is disposed with the subscriptions; the controller stops any trainer.
}

/** The core is its own bundle next to this one; a path esbuild cannot follow keeps it out of this one. */
function loadCore(): typeof CoreModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at first use, see the top of this file
  return require(join(__dirname, 'extensionCore.js')) as typeof CoreModule;
}
