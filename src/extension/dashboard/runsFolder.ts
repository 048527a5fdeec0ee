// The runs folder as the dashboard sees it: a list of runs, and a safe way to turn a run id into a folder.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export { listRuns, readRunSummary } from '../../runs/runList';

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
