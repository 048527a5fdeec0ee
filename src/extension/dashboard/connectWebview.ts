// Wires one webview (panel or side view) to its session: page, options and validated incoming messages.
import * as vscode from 'vscode';
import { handleWebviewMessage, type WebviewMessageDeps } from './handleWebviewMessage';
import type { DashboardHost } from './dashboardHost';
import type { WebviewKind } from './renderDashboardHtml';
import { dashboardHtml, webviewOptions } from './webviewContent';
import type { WebviewSession } from './webviewSession';

export function connectWebview(
  webview: vscode.Webview,
  kind: WebviewKind,
  host: DashboardHost,
  session: WebviewSession,
  overrides: Partial<WebviewMessageDeps> = {},
): vscode.Disposable {
  webview.options = webviewOptions(host.extensionUri);
  webview.html = dashboardHtml(webview, host.extensionUri, kind);
  const deps: WebviewMessageDeps = {
    runsDir: () => host.runsDir(),
    data: () => session.currentModel.data,
    warn: (message) => host.deps.log.warn(message),
    reply: (message) => session.send(message),
    initialized: () => session.initialized(),
    stopRun: () => host.controller.stop(),
    openDashboard: (view) => host.openDashboard(view),
    openRun: (runDir) => host.openRun(runDir),
    listRuns: () => undefined,
    compareRuns: () => undefined,
    evaluateRun: (runId) => vscode.commands.executeCommand('autoencoderLab.evaluateRun', runId),
    showOpenDialog: async () => {
      const uris = await vscode.window.showOpenDialog({
        canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        title: 'Try a file on this run',
        openLabel: 'Try it',
      });
      return uris?.[0]?.fsPath;
    },
    showSaveDialog: async (defaultName) => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const uri = await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined,
        filters: { CSV: ['csv'] },
        title: 'Export flagged samples',
      });
      return uri?.fsPath;
    },
    writeFile: async (path, content) => vscode.workspace.fs.writeFile(vscode.Uri.file(path), new TextEncoder().encode(content)),
    ...overrides,
  };
  return webview.onDidReceiveMessage((raw: unknown) => void handleWebviewMessage(raw, deps));
}
