// Which run a run command acts on: the Runs tree item it was invoked on, or one the user picks from the runs folder.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { listRuns } from '../dashboard/runsFolder';
import { resolveRunDir } from '../../runs/runGuard';
import { trainedElsewhereReason } from '../../runs/trainedElsewhere';
import { lacksTfjsModel } from '../../protocol/trainedElsewhere';
import type { RunListItem } from '../../protocol/dashboardMessages';
import { runsDirectory } from '../settings';

export interface PickedRun {
  runId: string;
  runDir: string;
  item?: RunListItem;
}

export interface PickRunOptions {
  title: string;
  /** Only runs that hold this file or folder, e.g. "model/model.json". */
  requires?: string;
  /** Only runs whose status passes. */
  accept?: (run: RunListItem) => boolean;
  /** Said when no run qualifies. */
  noneMessage: string;
  /**
   * What the command does with the run's tfjs model ("export it as a Keras script"): runs another engine trained
   * without writing tfjs models back are left out of the pick, and refused by name when given, saying why. (Resume
   * leaves out every such run through `accept`: they are never resumable.)
   */
  needsTfjsModel?: string;
}

function runIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && typeof (arg as RunListItem).runId === 'string') return (arg as RunListItem).runId;
  return undefined;
}

export async function pickRun(arg: unknown, options: PickRunOptions): Promise<PickedRun | undefined> {
  const runsDir = runsDirectory();
  if (!runsDir) {
    void vscode.window.showErrorMessage('Autoencoder Lab: open a folder first; runs are saved in the workspace.');
    return undefined;
  }
  const given = runIdOf(arg);
  if (given) {
    const runDir = resolveRunDir(runsDir, given);
    const elsewhere = runDir && options.needsTfjsModel ? trainedElsewhereReason(runDir, options.needsTfjsModel) : undefined;
    if (elsewhere) {
      void vscode.window.showErrorMessage(`Autoencoder Lab: ${given} ${elsewhere}.`);
      return undefined;
    }
    if (runDir && (!options.requires || existsSync(join(runDir, options.requires)))) return { runId: given, runDir };
    void vscode.window.showErrorMessage(`Autoencoder Lab: ${given}: ${options.noneMessage}`);
    return undefined;
  }
  const runs = (await listRuns(runsDir)).filter(
    (run) => (!options.needsTfjsModel || !lacksTfjsModel(run)) && (!options.accept || options.accept(run)) && (!options.requires || existsSync(join(runsDir, run.runId, options.requires))),
  );
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(`Autoencoder Lab: ${options.noneMessage}`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    runs.map((run) => ({
      label: run.name,
      description: `${run.kind} · ${run.status} · epoch ${run.epochs}/${run.epochsPlanned}`,
      detail: run.runId,
      run,
    })),
    { title: options.title, placeHolder: 'Which run?', matchOnDetail: true },
  );
  const runDir = picked && resolveRunDir(runsDir, picked.run.runId);
  return picked && runDir ? { runId: picked.run.runId, runDir, item: picked.run } : undefined;
}

/** Runs selected in the tree (the menu passes the clicked item and the whole selection). */
export function selectedRunIds(clicked: unknown, selected: unknown): string[] {
  const all = Array.isArray(selected) && selected.length ? selected : clicked ? [clicked] : [];
  return all.map(runIdOf).filter((id): id is string => id !== undefined);
}
