// The "Autoencoder Lab" side view: status of the live run, a mini loss curve and a Stop button.
import type * as vscode from 'vscode';
import { connectWebview } from './connectWebview';
import type { DashboardHost } from './dashboardHost';
import { WebviewSession } from './webviewSession';

export class SidebarViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly host: DashboardHost) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    const session = new WebviewSession(this.host.live.model, {
      post: (m) => view.webview.postMessage(m),
      updateRate: () => this.host.updateRate(),
      keys: ['run', 'metrics', 'progress'],
    });
    this.disposables.push(
      { dispose: () => session.dispose() },
      connectWebview(view.webview, 'sidebar', this.host, session),
      view.onDidChangeVisibility(() => (view.visible ? session.shown() : session.pause())),
      view.onDidDispose(() => this.disposeView()),
    );
  }

  private disposeView(): void {
    this.disposables.splice(0).forEach((d) => d.dispose());
  }

  dispose(): void {
    this.disposeView();
  }
}
