// Export Model / Export Encoder: copy <run>/model or <run>/encoder (TF.js layers format: model.json, whose topology is
// Keras-compatible, plus weight shards) into a folder the user picks, as <run-id>-model or <run-id>-encoder.
import * as vscode from 'vscode';
import { uriExists } from '../uriExists';
import { pickRun } from '../runs/pickRun';

export type ExportedPart = 'model' | 'encoder';

export async function exportRunFolder(part: ExportedPart, arg?: unknown): Promise<vscode.Uri | undefined> {
  const picked = await pickRun(arg, { title: `Export ${part === 'model' ? 'Model' : 'Encoder'}`, requires: `${part}/model.json`, noneMessage: `no run has a saved ${part} yet.`, needsTfjsModel: `export its ${part}` });
  if (!picked) return undefined;
  const parent = await vscode.window.showOpenDialog({
    title: `Export the ${part} of ${picked.runId} into…`,
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    openLabel: 'Export Here',
  });
  if (!parent?.[0]) return undefined;
  const target = vscode.Uri.joinPath(parent[0], `${picked.runId}-${part}`);
  if (await uriExists(target)) {
    const replace = await vscode.window.showWarningMessage(`${target.fsPath} exists. Replace it?`, { modal: true }, 'Replace');
    if (replace !== 'Replace') return undefined;
  }
  await vscode.workspace.fs.copy(vscode.Uri.file(`${picked.runDir}/${part}`), target, { overwrite: true });
  void vscode.window
    .showInformationMessage(`Autoencoder Lab: exported the ${part} of ${picked.runId} to ${target.fsPath}. Load it with tf.loadLayersModel.`, 'Reveal')
    .then((choice) => choice && vscode.commands.executeCommand('revealFileInOS', target));
  return target;
}

