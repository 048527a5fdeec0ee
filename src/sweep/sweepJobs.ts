// What a host does to start or continue a sweep: expand the experiment file into a sweep folder (sweep.json and one
// experiment file per setting), then train each row that is not done. Shared by `aelab sweep` and VS Code's Run Sweep.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, isInputError } from '../protocol/errors';
import type { Experiment } from '../protocol/experiment';
import { parseExperiment, readExperimentText } from '../protocol/loadExperiment';
import type { SweepRun } from '../protocol/sweep';
import { expandSweep } from './expandSweep';
import { settingFile, writeSettingFiles } from './settingFiles';
import { SweepRecorder } from './sweepRecorder';

/** Expands `experimentFile`'s sweep block into a new sweep folder in `runsDir`; InputError naming the file, line and field. */
export function createSweep(experimentFile: string, runsDir: string): SweepRecorder {
  const file = resolve(experimentFile);
  const text = readExperimentText(file);
  let experiment: Experiment | InputError;
  try {
    // The file's own errors come with their line from the experiment reader.
    experiment = parseExperiment(text, file);
  } catch (error) {
    // A malformed sweep block matches neither of its forms; the expansion below says which field is wrong.
    if (!isInputError(error) || error.field !== 'sweep') throw error;
    experiment = error;
  }
  const expanded = expandSweep(JSON.parse(text), file, text);
  if (experiment instanceof InputError) throw experiment;
  const { name } = experiment;
  const recorder = SweepRecorder.create({ runsDir: resolve(runsDir), name, experimentFile: file, expanded });
  writeSettingFiles(recorder.sweepDir, expanded, file);
  return recorder;
}

/** Opens a sweep folder to continue it; InputError when it is not one, is damaged, or is still being trained. */
export function resumeSweep(sweepDir: string): SweepRecorder {
  const recorder = SweepRecorder.load(resolve(sweepDir));
  const live = recorder.file.runs.find((row) => row.status === 'running');
  if (live) throw new InputError(`is still being trained (run ${live.runId} is running); stop it first`, { file: recorder.sweepDir });
  return recorder;
}

/** How one row is trained: a new run from its setting's file, or `aelab resume` of its stopped run. */
export type SweepJob = { index: number; experimentFile: string; resumeRunDir?: undefined } | { index: number; resumeRunDir: string; experimentFile?: undefined };

/** The rows still to train, in index order: pending and stopped ones; completed and failed rows are kept as they are. */
export function sweepJobs(recorder: SweepRecorder): SweepJob[] {
  return recorder.file.runs.filter((row) => row.status === 'pending' || row.status === 'stopped').map((row) => jobFor(recorder, row));
}

function jobFor(recorder: SweepRecorder, row: SweepRun): SweepJob {
  if (row.status === 'stopped' && row.runId !== null) return { index: row.index, resumeRunDir: recorder.runDir(row.runId) };
  const file = settingFile(recorder.sweepDir, row.index);
  if (!existsSync(file)) throw new InputError(`is missing: the sweep trains setting ${row.index} from it`, { file });
  return { index: row.index, experimentFile: file };
}
