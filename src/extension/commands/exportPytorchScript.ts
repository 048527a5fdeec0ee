// Export as PyTorch Script: a finished run as one standalone torch + numpy script that continues it from its weights,
// in one process or under torchrun, and writes its own run folder that the Runs tree shows next to ours.
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { MODEL_FILES, RUN_FILES } from '../../runs/layout';
import { writePytorchExport } from '../../templates/pytorchScript';
import { pickRun } from '../runs/pickRun';
import { pytorchRunCommands } from './pytorchRunCommands';

/** The script writer; tests pass a stand-in. */
export type PytorchExportWriter = typeof writePytorchExport;

export async function exportPytorchScript(arg?: unknown, write: PytorchExportWriter = writePytorchExport): Promise<void> {
  const picked = await pickRun(arg, {
    title: 'Export as PyTorch Script',
    // --init-from reads the trained weights from the run's tfjs models.
    requires: join(RUN_FILES.encoder, MODEL_FILES.topology),
    noneMessage: 'no run has a saved model yet.',
    needsTfjsModel: 'export it as a PyTorch script',
  });
  if (!picked) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  // The writer writes the script (and any file it reads beside it) where the user picks, so the dialog comes first.
  const target = await vscode.window.showSaveDialog({
    title: `Export ${picked.runId} as a PyTorch script`,
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${picked.runId}-pytorch.py`) : undefined,
    filters: { Python: ['py'] },
    saveLabel: 'Export',
  });
  if (!target) return;
  let files: string[];
  try {
    ({ files } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Exporting ${picked.runId} as a PyTorch script` }, async () => write(picked.runDir, target.fsPath)));
  } catch (error) {
    void vscode.window.showErrorMessage(`Autoencoder Lab: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const commands = pytorchRunCommands(target.fsPath, picked.runDir, folder?.fsPath);
  const beside = files.length > 1 ? ` and ${files.length - 1} file${files.length > 2 ? 's' : ''} it reads beside it` : '';
  const actions = { open: 'Open', python: 'Copy Run Command', torchrun: 'Copy torchrun Command' };
  const choice = await vscode.window.showInformationMessage(
    `Autoencoder Lab: wrote ${basename(target.fsPath)}${beside}. Continue the run with: ${commands.python}`,
    actions.open,
    actions.python,
    actions.torchrun,
  );
  if (choice === actions.open) await vscode.window.showTextDocument(target);
  else if (choice === actions.python) await vscode.env.clipboard.writeText(commands.python);
  else if (choice === actions.torchrun) await vscode.env.clipboard.writeText(commands.torchrun);
}
