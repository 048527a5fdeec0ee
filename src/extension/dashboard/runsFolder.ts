// The runs folder as the dashboard sees it: a list of runs, and a safe way to turn a run id into a folder.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { RunListItem } from '../../protocol/dashboardMessages';
import { runSummarySchema, type RunSummary } from '../../protocol/trainerMessages';

/** A plain folder name as createRunDir makes them: no separators, and not "." or "..". */
const RUN_ID = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * Resolves a run id that came from a webview or a tree item to `<runsDir>/<id>`, or undefined when it is not a plain
 * folder name, escapes the runs folder (also through a symlink) or does not exist.
 */
export function resolveRunDir(runsDir: string, runId: unknown): string | undefined {
  if (typeof runId !== 'string' || runId.length > 200 || !RUN_ID.test(runId)) return undefined;
  const root = resolve(runsDir);
  const candidate = resolve(root, runId);
  if (!isInside(root, candidate) || !existsSync(candidate)) return undefined;
  try {
    const realRoot = realpathSync(root);
    const realCandidate = realpathSync(candidate);
    if (!isInside(realRoot, realCandidate) || !statSync(realCandidate).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  return candidate;
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel.length > 0 && !rel.startsWith('..') && !isAbsolute(rel) && !rel.includes(sep);
}

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
