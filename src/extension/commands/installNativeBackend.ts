// Install Native Backend: puts tfjs-node (native libtensorflow, much faster than wasm) into the extension's global
// storage; every later trainer process finds it there. Needs a network that reaches Google's storage.
import * as vscode from 'vscode';
import { installTfjsNode } from '../nativeBackend/installTfjsNode';
import { hasTfjsNode, TFJS_NODE_VERSION } from '../nativeBackend/nativeBackendFolder';
import type { Services } from '../services';

export async function installNativeBackend({ log, nativeBackendDir }: Services): Promise<void> {
  if (hasTfjsNode(nativeBackendDir)) {
    const again = await vscode.window.showInformationMessage(`Autoencoder Lab: tfjs-node is already installed in ${nativeBackendDir}.`, 'Reinstall');
    if (!again) return;
  }
  log.info(`installing @tensorflow/tfjs-node@${TFJS_NODE_VERSION} into ${nativeBackendDir}`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Autoencoder Lab: installing tfjs-node', cancellable: true },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return installTfjsNode({
        dir: nativeBackendDir,
        signal: abort.signal,
        onOutput: (line) => {
          log.info(`npm: ${line}`);
          progress.report({ message: line.slice(0, 80) });
        },
      });
    },
  );
  if (result.ok) {
    log.info('tfjs-node installed and loads');
    void vscode.window.showInformationMessage('Autoencoder Lab: tfjs-node is installed. New runs use the native backend when the backend setting is auto or node.');
    return;
  }
  log.warn(result.reason);
  const show = await vscode.window.showErrorMessage(`Autoencoder Lab: could not install tfjs-node (${result.reason}). Training continues on wasm.`, 'Show Output');
  if (show) log.show();
}
