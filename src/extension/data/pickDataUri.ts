// The open dialog for a data file or folder, as Train on Folder and Apply Autoencoder… show it from the palette.
import * as vscode from 'vscode';

export async function pickDataUri(title: string, openLabel: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectFiles: true,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    openLabel,
  });
  return picked?.[0];
}
