// The webview page: a strict CSP with a per-load nonce, one script, stylesheets only from the bundle folder.
// Pure, so a test can check the policy without VS Code.
import { randomBytes } from 'node:crypto';

export type WebviewKind = 'dashboard' | 'sidebar';

export interface DashboardHtmlOptions {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  codiconsUri: string;
  view: WebviewKind;
}

/** 192 random bits, base64 (the CSP nonce grammar allows +, / and =). */
export function createNonce(): string {
  return randomBytes(24).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data: blob:`,
    // The audio view plays WAV bytes it was sent through blob: URLs; nothing else is media.
    'media-src blob:',
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function renderDashboardHtml({ cspSource, nonce, scriptUri, styleUri, codiconsUri, view }: DashboardHtmlOptions): string {
  const attr = escapeAttribute;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(codiconsUri)}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${attr(styleUri)}">
<title>Autoencoder Lab</title>
</head>
<body data-view="${attr(view)}">
<div id="root"></div>
<script nonce="${attr(nonce)}" src="${attr(scriptUri)}"></script>
</body>
</html>`;
}

/** Escapes text for HTML attributes and element content alike. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
