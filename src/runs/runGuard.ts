// The containment guard for run folders: a run id from a webview, a tree item or a command may only ever name a real
// folder directly inside the runs folder, never the folder itself, anything above it, or a symlink that leads out.
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** A plain folder name as createRunDir makes them: no separators, and not "." or "..". */
const RUN_ID = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** True when `candidate` is exactly one level below `root` (both already resolved). */
export function isDirectChild(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel.length > 0 && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel) && !rel.includes(sep);
}

/** `<runsDir>/<runDir>` when it is a folder directly inside the runs folder, also after resolving symlinks; else why not. */
export function runDirInside(runsDir: string, runDir: string, options: { allowSymlink: boolean }): { runDir: string } | { refused: string } {
  const root = resolve(runsDir);
  const candidate = resolve(root, runDir);
  if (!isDirectChild(root, candidate)) return { refused: `${candidate} is not a run folder inside ${root}` };
  try {
    if (!options.allowSymlink && lstatSync(candidate).isSymbolicLink()) return { refused: `${candidate} is a symbolic link` };
    if (!statSync(candidate).isDirectory()) return { refused: `${candidate} is not a folder` };
    if (!isDirectChild(realpathSync(root), realpathSync(candidate))) return { refused: `${candidate} resolves outside ${root}` };
  } catch {
    return { refused: `${candidate} does not exist` };
  }
  return { runDir: candidate };
}

/** Resolves a run id (a plain folder name) to its folder for reading, or undefined when the guard refuses it. */
export function resolveRunDir(runsDir: string, runId: unknown): string | undefined {
  if (typeof runId !== 'string' || runId.length > 200 || !RUN_ID.test(runId)) return undefined;
  const inside = runDirInside(runsDir, runId, { allowSymlink: true });
  return 'runDir' in inside ? inside.runDir : undefined;
}

/** The run folder Delete Run may remove: never through a symlink, since deleting follows none. */
export function deletableRunDir(runsDir: string, runDir: string): { runDir: string } | { refused: string } {
  return runDirInside(runsDir, runDir, { allowSymlink: false });
}
