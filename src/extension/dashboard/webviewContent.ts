// What every dashboard webview gets: scripts on, resources only from dist/webview, and the CSP-locked page.
import * as vscode from 'vscode';
import { createNonce, renderDashboardHtml, type WebviewKind } from './renderDashboardHtml';

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

export function dashboardHtml(webview: vscode.Webview, extensionUri: vscode.Uri, view: WebviewKind): string {
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot(extensionUri), file)).toString();
  return renderDashboardHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: asset('main.js'),
    styleUri: asset('main.css'),
    codiconsUri: asset('codicon.css'),
    view,
  });
}
