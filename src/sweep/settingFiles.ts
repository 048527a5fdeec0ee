// Each setting of a sweep is trained from its own experiment file, `<sweep-dir>/experiments/<index>.ae.json`, so its run
// is an ordinary run: experiment.json points back to that file (relative to the run folder) and Resume, Compare and
// re-running work unchanged. Paths in the data block are relative to the experiment file, so they are rewritten to
// name the same data from the sweep folder.
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { BUILTIN_PREFIX } from '../trainer/data/builtin';
import { writeFileAtomic } from '../runs/atomicWrite';
import type { ExpandedSweep } from './expandSweep';

const SETTINGS_FOLDER = 'experiments';

/** Where setting `index` of the sweep in `sweepDir` is written. */
export function settingFile(sweepDir: string, index: number): string {
  return join(sweepDir, SETTINGS_FOLDER, `${index}.ae.json`);
}

/** Writes every setting's experiment file; `experimentFile` is the file the sweep was expanded from. */
export function writeSettingFiles(sweepDir: string, expanded: ExpandedSweep, experimentFile: string): void {
  mkdirSync(join(sweepDir, SETTINGS_FOLDER), { recursive: true });
  for (const { index, experiment } of expanded.settings) {
    const file = settingFile(sweepDir, index);
    writeFileAtomic(file, `${JSON.stringify(withDataPathsFrom(experiment, experimentFile, file), null, 2)}\n`);
  }
}

/** data.source and data.labels name files relative to the experiment file; the copy at `to` must name the same ones. */
function withDataPathsFrom(experiment: unknown, from: string, to: string): unknown {
  const data = (experiment as { data?: Record<string, unknown> }).data;
  if (!data) return experiment;
  const moved = { ...data };
  for (const field of ['source', 'labels'] as const) {
    const path = moved[field];
    if (typeof path !== 'string' || path.startsWith(BUILTIN_PREFIX) || isAbsolute(path)) continue;
    moved[field] = relative(dirname(to), resolve(dirname(from), path)).split(sep).join('/') || '.';
  }
  return { ...(experiment as object), data: moved };
}
