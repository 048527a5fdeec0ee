// Train Experiment: trains the given, active or picked *.ae.json (saving it first); the scheduler decides when.
import * as vscode from 'vscode';
import type { Services } from '../services';

export async function pickExperimentFile(uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (uri instanceof vscode.Uri && uri.fsPath.endsWith('.ae.json')) return uri;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.fsPath.endsWith('.ae.json')) return active;
  const files = await vscode.workspace.findFiles('**/*.ae.json', '**/node_modules/**', 200);
  if (files.length === 0) {
    void vscode.window.showErrorMessage('Autoencoder Lab: no *.ae.json experiment in this workspace. Run "Autoencoder Lab: New Experiment" first.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((file) => ({ label: vscode.workspace.asRelativePath(file), file })),
    { title: 'Train Experiment', placeHolder: 'Which experiment?' },
  );
  return picked?.file;
}

export async function trainExperiment(services: Services, uri?: vscode.Uri): Promise<void> {
  const file = await pickExperimentFile(uri);
  if (!file) return;
  await vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file.fsPath && d.isDirty)?.save();
  await services.scheduler.request({ experimentFile: file.fsPath });
}
