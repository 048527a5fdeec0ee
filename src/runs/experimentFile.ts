// experiment.json: the resolved experiment a run trains (defaults filled, overrides applied), plus where its experiment
// file was. That path is stored relative to the run folder, so a moved or cloned workspace still finds its data, and
// never the old copy: data.source stays as written, relative to the experiment file's folder.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { experimentSchema, type Experiment } from '../protocol/experiment';
import { runPath } from './layout';
import { readRunJson } from './readJsonFile';

const resolvedSchema = z.object({
  /** Relative to the run folder (older runs stored an absolute path). */
  experimentFile: z.string().min(1).optional(),
  experimentFileName: z.string().optional(),
});

const savedExperimentSchema = experimentSchema.extend({ resolved: resolvedSchema.optional() });

export interface SavedExperiment {
  experiment: Experiment;
  /** The experiment file the run came from, resolved against the run folder's current place; data.source is relative to it. */
  experimentFile: string;
  /** Set for runs written before paths were stored relative: the absolute path they name may be another copy's. */
  absolutePathFromOlderRun?: string;
}

/** What experiment.json holds for a run started from `experimentFile`. */
export function savedExperimentJson(runDir: string, experiment: Experiment, experimentFile: string): Experiment & { resolved: z.infer<typeof resolvedSchema> } {
  const fromRun = relative(runDir, experimentFile).split(sep).join('/');
  return { ...experiment, resolved: { experimentFile: fromRun, experimentFileName: experimentFile.split(/[\\/]/).at(-1) } };
}

/** The validated experiment of a run; InputError naming experiment.json, the line and the field. */
export function readRunExperiment(runDir: string): SavedExperiment {
  const { resolved, ...experiment } = readRunJson(runPath(runDir, 'experiment'), savedExperimentSchema);
  const stored = resolved?.experimentFile;
  // Without a stored path (a hand-made run folder), data.source is taken relative to the run folder itself.
  if (!stored) return { experiment, experimentFile: runPath(runDir, 'experiment') };
  if (isAbsolute(stored)) return { experiment, experimentFile: stored, absolutePathFromOlderRun: stored };
  return { experiment, experimentFile: resolve(runDir, stored) };
}
