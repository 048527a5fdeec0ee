// The runs of a runs folder as every reader lists them (Runs tree, dashboard, `aelab runs`), with the status to show.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunListItem } from '../protocol/dashboardMessages';
import type { RunSummary } from '../protocol/trainerMessages';
import { hasCheckpoint } from './checkpointFiles';
import { shownStatus } from './runLiveness';
import { readSummary } from './summaryFile';

/** Every folder of the runs folder with a readable summary.json, newest first. */
export async function listRuns(runsDir: string, now = Date.now()): Promise<RunListItem[]> {
  let names: string[];
  try {
    names = (await readdir(runsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
  const runs = names.map((name) => toListItem(runsDir, name, readSummary(join(runsDir, name)), now));
  return runs.filter((run): run is RunListItem => run !== undefined).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

function toListItem(runsDir: string, folder: string, summary: RunSummary | undefined, now: number): RunListItem | undefined {
  if (!summary) return undefined;
  const { name, kind, epochs, epochsPlanned, startedAt } = summary;
  const status = shownStatus(summary, now);
  const resumable = status !== 'running' && status !== 'completed' && hasCheckpoint(join(runsDir, folder));
  // The folder name is the id the host resolves later, even if summary.runId disagrees.
  return { runId: folder, name, kind, status, epochs, epochsPlanned, bestValLoss: summary.best_val_loss, startedAt, resumable };
}
