// Delete Run: after a modal confirmation, remove run folders, and only folders directly inside the runs folder.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { deletableRunDir } from '../../runs/runGuard';
import { pickRun, selectedRunIds } from '../runs/pickRun';
import type { Services } from '../services';
import { runsDirectory } from '../settings';

export async function deleteRun(services: Services, clicked?: unknown, selected?: unknown): Promise<void> {
  const runsDir = runsDirectory();
  let ids = selectedRunIds(clicked, selected);
  if (ids.length === 0) {
    const picked = await pickRun(undefined, { title: 'Delete Run', noneMessage: 'there are no runs to delete.' });
    if (!picked) return;
    ids = [picked.runId];
  }
  if (!runsDir) return;
  const checked = ids.map((id) => deletableRunDir(runsDir, id));
  const refused = checked.find((c): c is { refused: string } => 'refused' in c);
  if (refused) {
    void vscode.window.showErrorMessage(`Autoencoder Lab: not deleted: ${refused.refused}.`);
    return;
  }
  const runDirs = checked.map((c) => (c as { runDir: string }).runDir);
  const active = services.controller.activeRun?.runDir;
  if (active && runDirs.includes(active)) {
    void vscode.window.showErrorMessage(`Autoencoder Lab: ${basename(active)} is training; stop it before deleting it.`);
    return;
  }
  const what = runDirs.length === 1 ? `run ${basename(runDirs[0])}` : `${runDirs.length} runs`;
  const confirm = await vscode.window.showWarningMessage(
    `Delete ${what}?`,
    { modal: true, detail: `This removes ${runDirs.length === 1 ? runDirs[0] : `${runDirs.length} folders in ${runsDir}`} with its model, metrics and checkpoint. It cannot be undone.` },
    'Delete',
  );
  if (confirm !== 'Delete') return;
  for (const runDir of runDirs) await vscode.workspace.fs.delete(vscode.Uri.file(runDir), { recursive: true, useTrash: false });
  void vscode.commands.executeCommand('autoencoderLab.refreshRuns');
}
