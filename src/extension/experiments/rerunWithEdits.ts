// Re-run with edits from the Experiments table: a copy of the run's experiment as a new experiment file, opened for
// editing; training it is the file's usual Train code lens.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { writeRerunCopy } from './rerunCopy';

export async function rerunWithEdits(runDir: string): Promise<void> {
  let file: string;
  try {
    file = writeRerunCopy(runDir);
  } catch (error) {
    void vscode.window.showErrorMessage(`Autoencoder Lab: cannot re-run ${basename(runDir)}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(file));
}
