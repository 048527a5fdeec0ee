// Run Sweep: the given, active or picked *.ae.json (saved first) trains once per setting of its sweep block, through
// the one-run-at-a-time queue; sweep.json in the sweep folder follows every run, as with `aelab sweep`.
import * as vscode from 'vscode';
import { isInputError } from '../../protocol/errors';
import type { Services } from '../services';
import { runsDirectory } from '../settings';
import { queueSweep } from '../training/sweepQueue';
import type { SweepRun } from '../../protocol/sweep';
import type { SweepTag } from '../training/runQueue';
import type { SweepRows } from '../training/sweepRows';
import { pickExperimentFile } from './trainExperiment';

export async function runSweep(services: Services, rows: SweepRows, uri?: vscode.Uri): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Autoencoder Lab: training is disabled until you trust this workspace.');
    return;
  }
  const file = await pickExperimentFile(uri);
  if (!file) return;
  const runsDir = runsDirectory();
  if (!runsDir) {
    void vscode.window.showErrorMessage('Autoencoder Lab: open a folder first; runs are saved in the workspace.');
    return;
  }
  await vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file.fsPath && d.isDirty)?.save();
  try {
    const queued = await queueSweep(file.fsPath, runsDir, services.scheduler, rows);
    if (queued.outcome === 'cancelled') return;
    const folder = vscode.workspace.asRelativePath(queued.sweepDir);
    void vscode.window.showInformationMessage(`Autoencoder Lab: sweep ${queued.name}: ${queued.runs} runs in the training queue; sweep.json is in ${folder}.`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!isInputError(error)) services.log.error(`Run Sweep: ${message}`);
    void vscode.window.showErrorMessage(`Autoencoder Lab: cannot run the sweep: ${message}`);
  }
}

/** "sweep tiny finished: 3 completed, 1 failed", once no row of the sweep is pending or running. */
export function showSweepEnded(tag: SweepTag, counts: Partial<Record<SweepRun['status'], number>>): void {
  const outcome = Object.entries(counts).map(([status, count]) => `${count} ${status}`).join(', ');
  const folder = vscode.workspace.asRelativePath(tag.sweepDir);
  void vscode.window.showInformationMessage(`Autoencoder Lab: sweep ${tag.name} finished: ${outcome}; sweep.json is in ${folder}.`);
}
