// The runs of a runs folder as every reader lists them (Runs tree, dashboard, `aelab runs`), with the status to show.
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunListItem } from '../protocol/dashboardMessages';
import { isInputError } from '../protocol/errors';
import { otherEngineOf, trainedElsewhereDetail } from '../protocol/trainedElsewhere';
import type { RunSummary } from '../protocol/trainerMessages';
import { hasCheckpoint } from './checkpointFiles';
import { readRunExperiment } from './experimentFile';
import { runPath } from './layout';
import { shownStatus } from './runLiveness';
import { requireSummary } from './summaryFile';
import { hasTfjsModels } from './trainedElsewhere';

/** Every run folder of the runs folder, newest first; a folder with neither summary.json nor experiment.json is no run. */
export async function listRuns(runsDir: string, now = Date.now()): Promise<RunListItem[]> {
  let names: string[];
  try {
    names = (await readdir(runsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
  const runs = names.map((name) => toListItem(runsDir, name, now));
  return runs.filter((run): run is RunListItem => run !== undefined).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

function toListItem(runsDir: string, folder: string, now: number): RunListItem | undefined {
  const runDir = join(runsDir, folder);
  if (!existsSync(runPath(runDir, 'summary'))) return existsSync(runPath(runDir, 'experiment')) ? neverStarted(runDir, folder) : undefined;
  let summary: RunSummary;
  try {
    summary = requireSummary(runDir);
  } catch (error) {
    if (!isInputError(error)) throw error;
    return damaged(runDir, folder, 'summary', error.message);
  }
  const { name, kind, epochs, epochsPlanned, startedAt } = summary;
  const status = shownStatus(summary, now);
  const trainedBy = otherEngineOf(summary.backend);
  // Our trainer cannot continue another engine's run (no checkpoint, and retraining would replace its metrics).
  const resumable = status === 'running' || status === 'completed' || trainedBy ? false : hasCheckpoint(runDir) ? 'checkpoint' : 'retrain';
  // The folder name is the id the host resolves later, even if summary.runId disagrees.
  const run: RunListItem = { runId: folder, name, kind, status, epochs, epochsPlanned, bestValLoss: summary.best_val_loss, startedAt, resumable };
  if (!trainedBy) return run;
  const tfjsModel = hasTfjsModels(runDir);
  return { ...run, trainedBy, ...(tfjsModel ? { tfjsModel } : {}), detail: trainedElsewhereDetail(trainedBy, tfjsModel) };
}

/** Killed right after its folder was made, before summary.json: nothing trained, so `resume` trains it from the start. */
function neverStarted(runDir: string, folder: string): RunListItem {
  let experiment;
  try {
    experiment = readRunExperiment(runDir).experiment;
  } catch (error) {
    if (!isInputError(error)) throw error;
    return damaged(runDir, folder, 'experiment', error.message);
  }
  const { name, kind, training } = experiment;
  return { runId: folder, name, kind, status: 'interrupted', epochs: 0, epochsPlanned: training.epochs, bestValLoss: null, startedAt: changedAt(runDir, 'experiment'), resumable: 'retrain' };
}

/** A run file no reader can use: listed so the user sees it and why (the reader's message names file, line and field). */
function damaged(runDir: string, folder: string, file: 'summary' | 'experiment', detail: string): RunListItem {
  return { runId: folder, name: folder, kind: '-', status: 'damaged', epochs: 0, epochsPlanned: 0, bestValLoss: null, startedAt: changedAt(runDir, file), resumable: false, detail };
}

function changedAt(runDir: string, file: 'summary' | 'experiment'): string {
  return statSync(runPath(runDir, file)).mtime.toISOString();
}
