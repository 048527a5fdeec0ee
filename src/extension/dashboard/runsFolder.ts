// The runs folder as the dashboard sees it: a list of runs, and a safe way to turn a run id into a folder.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunListItem } from '../../protocol/dashboardMessages';
import { runSummarySchema, type RunSummary } from '../../protocol/trainerMessages';

/** Run ids from a webview or a tree item are resolved by the one run-folder guard. */
export { resolveRunDir } from '../../runs/runGuard';

export async function readRunSummary(runDir: string): Promise<RunSummary | undefined> {
  try {
    const parsed = runSummarySchema.safeParse(JSON.parse(await readFile(join(runDir, 'summary.json'), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Every folder of the runs folder with a readable summary.json, newest first. */
export async function listRuns(runsDir: string): Promise<RunListItem[]> {
  let names: string[];
  try {
    names = (await readdir(runsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
  const runs = await Promise.all(names.map(async (name) => toListItem(name, await readRunSummary(join(runsDir, name)))));
  return runs.filter((run): run is RunListItem => run !== undefined).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

function toListItem(folder: string, summary: RunSummary | undefined): RunListItem | undefined {
  if (!summary) return undefined;
  const { name, kind, status, epochs, epochsPlanned, startedAt } = summary;
  // The folder name is the id the host resolves later, even if summary.runId disagrees.
  return { runId: folder, name, kind, status, epochs, epochsPlanned, bestValLoss: summary.best_val_loss, startedAt };
}
