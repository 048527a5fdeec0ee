// Export as Keras Script: a finished run as one standalone Python file that retrains it with Keras, saved where the
// user picks.
import * as vscode from 'vscode';
import { kerasScript } from '../../templates/kerasScript';
import { pickRun } from '../runs/pickRun';

export async function exportKerasScript(arg?: unknown): Promise<void> {
  const picked = await pickRun(arg, { title: 'Export as Keras Script', requires: 'encoder/model.json', noneMessage: 'no run has a saved model yet.', needsTfjsModel: 'export it as a Keras script' });
  if (!picked) return;
  let script: string;
  try {
    script = kerasScript(picked.runDir);
  } catch (error) {
    void vscode.window.showErrorMessage(`Autoencoder Lab: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: `Export ${picked.runId} as a Keras script`,
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${picked.runId}-keras.py`) : undefined,
    filters: { Python: ['py'] },
    saveLabel: 'Export',
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(script));
  await vscode.window.showTextDocument(target);
}
