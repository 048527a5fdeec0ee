// Export Embeddings: encode every sample of a run's data with its encoder, in a trainer process, into a CSV the user
// names (source, label, z0..zN: one row per sample).
import * as vscode from 'vscode';
import { pickRun } from '../runs/pickRun';
import type { Services } from '../services';
import { backendSetting } from '../settings';
import { runEmbedJob } from '../training/embedJob';

export async function exportEmbeddings(services: Services, arg?: unknown): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Autoencoder Lab: exporting embeddings runs the trainer on workspace data; trust the workspace first.');
    return;
  }
  const picked = await pickRun(arg, { title: 'Export Embeddings', requires: 'encoder/model.json', noneMessage: 'no run has a saved encoder yet.', needsTfjsModel: 'embed data with it' });
  if (!picked) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: `Export the embeddings of ${picked.runId}`,
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${picked.runId}-embeddings.csv`) : undefined,
    filters: { CSV: ['csv'] },
    saveLabel: 'Export',
  });
  if (!target) return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Encoding the data of ${picked.runId}…`, cancellable: true },
    (_progress, token) => {
      const job = runEmbedJob(services.launch, { runDir: picked.runDir, outFile: target.fsPath, backend: backendSetting() }, services.log);
      token.onCancellationRequested(job.cancel);
      return job.result;
    },
  );
  if (!result.file || result.error) {
    void vscode.window.showErrorMessage(`Autoencoder Lab: export failed: ${result.error ?? 'no file written'}`);
    return;
  }
  const open = await vscode.window.showInformationMessage(`Autoencoder Lab: wrote ${result.rows} embeddings to ${vscode.workspace.asRelativePath(result.file)}.`, 'Open');
  if (open) await vscode.window.showTextDocument(vscode.Uri.file(result.file));
}
