// Delete Run may only ever remove one run folder: a real, direct child of the runs folder, never the folder itself,
// anything above it, or a symlink that leads elsewhere.
import { lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** True when `candidate` is exactly one level below `root` (both already resolved). */
export function isDirectChild(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel.length > 0 && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel) && !rel.includes(sep);
}

/** The run folder to delete, or a reason why `runDir` may not be deleted. */
export function deletableRunDir(runsDir: string, runDir: string): { runDir: string } | { refused: string } {
  const root = resolve(runsDir);
  const candidate = resolve(root, runDir);
  if (!isDirectChild(root, candidate)) return { refused: `${candidate} is not a run folder inside ${root}` };
  try {
    if (lstatSync(candidate).isSymbolicLink()) return { refused: `${candidate} is a symbolic link` };
    if (!lstatSync(candidate).isDirectory()) return { refused: `${candidate} is not a folder` };
    if (!isDirectChild(realpathSync(root), realpathSync(candidate))) return { refused: `${candidate} resolves outside ${root}` };
  } catch {
    return { refused: `${candidate} does not exist` };
  }
  return { runDir: candidate };
}
