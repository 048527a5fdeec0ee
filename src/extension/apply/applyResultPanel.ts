// Shows one applied image: input, output and the error heat map, in a webview panel that loads no local resource and
// accepts no message (nothing from the page is trusted, because nothing from it is read).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { createNonce } from '../dashboard/renderDashboardHtml';
import { imageDataUri, renderApplyResultHtml } from './renderApplyResultHtml';

export const APPLY_RESULT_VIEW_TYPE = 'autoencoderLab.applyResult';

export function showApplyResult(inputFile: string, outputFile: string, runName: string, jobLabel: string): vscode.WebviewPanel {
  const title = `${jobLabel}: ${basename(inputFile)} (${runName})`;
  const panel = vscode.window.createWebviewPanel(APPLY_RESULT_VIEW_TYPE, title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
  panel.webview.html = renderApplyResultHtml({
    cspSource: panel.webview.cspSource,
    nonce: createNonce(),
    title,
    inputName: basename(inputFile),
    outputName: basename(outputFile),
    inputDataUri: imageDataUri(readFileSync(inputFile)),
    outputDataUri: imageDataUri(readFileSync(outputFile)),
  });
  return panel;
}
