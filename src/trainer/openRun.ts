// Opens the run folder a start message asks for: a new one from an experiment file, or an existing one to resume.
// A resume reads and checks every run file before anything is written, so a resume that cannot start leaves the run as it was.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { InputError } from '../protocol/errors';
import type { Experiment } from '../protocol/experiment';
import { readExperimentFile } from '../protocol/loadExperiment';
import type { RunSummary, StartMessage } from '../protocol/trainerMessages';
import { recoverRunWrites, writeFileAtomic } from '../runs/atomicWrite';
import { checkCheckpoint, hasCheckpoint } from '../runs/checkpointFiles';
import { createRunDir } from '../runs/createRunDir';
import { readDataJson } from '../runs/dataFile';
import { readRunExperiment, savedExperimentJson } from '../runs/experimentFile';
import { CHECKPOINT_FILES, RUN_FILES, runPath } from '../runs/layout';
import { RunFolder } from '../runs/runFolder';
import { runIsLive, shownStatus } from '../runs/runLiveness';
import { requireSummary } from '../runs/summaryFile';

export interface OpenedRun {
  experiment: Experiment;
  experimentFile: string;
  run: RunFolder;
  summary: RunSummary;
  resuming: boolean;
  /** On resume: writes summary.json back exactly as it was, for a resume that cannot start. */
  restoreSummary?: () => void;
  /** Notes for the run log, e.g. that an older run names its experiment file by an absolute path. */
  notes: string[];
}

/** Throws InputError when the experiment file or the run to resume is unusable. */
export function openRun(start: StartMessage): OpenedRun {
  return start.resumeRunDir ? openForResume(resolve(start.resumeRunDir), start) : openNew(start);
}

function openNew(start: StartMessage): OpenedRun {
  const experimentFile = resolve(start.experimentFile);
  const experiment = applyOverrides(readExperimentFile(experimentFile), start);
  const { runId, runDir } = createRunDir(resolve(start.runsDir), experiment.name);
  const run = new RunFolder(runDir);
  run.writeJson('experiment', savedExperimentJson(runDir, experiment, experimentFile));
  return { experiment, experimentFile, run, summary: freshSummary(runId, experiment), resuming: false, notes: [] };
}

function openForResume(runDir: string, start: StartMessage): OpenedRun {
  if (!existsSync(runPath(runDir, 'summary'))) throw new InputError(`is not a run folder (it has no ${RUN_FILES.summary})`, { file: runDir });
  const summaryText = readFileSync(runPath(runDir, 'summary'), 'utf8');
  const summary = requireSummary(runDir);
  if (runIsLive(summary)) throw new InputError(`is still running (process ${summary.owner?.pid} on ${summary.owner?.host}); stop it first`, { file: runDir });
  // Nothing trains this run any more: put back what a killed writer left half-swapped, before reading it.
  const recovered = recoverRunWrites(runDir);
  const saved = readRunExperiment(runDir);
  if (!hasCheckpoint(runDir)) throw noCheckpoint(runDir, summary, saved.experimentFile);
  checkCheckpoint(runDir);
  readDataJson(runDir);
  const experiment = applyOverrides(saved.experiment, start);
  const run = new RunFolder(runDir); // reads and checks metrics.jsonl
  const notes = [
    ...recovered,
    ...(saved.absolutePathFromOlderRun
      ? [`this run was made by an older version that stored its experiment file as an absolute path (${saved.absolutePathFromOlderRun}); data.source is resolved from there`]
      : []),
  ];
  const resumed: RunSummary = { ...summary, status: 'running', epochsPlanned: experiment.training.epochs, endedAt: null, error: null };
  return { experiment, experimentFile: saved.experimentFile, run, summary: resumed, resuming: true, notes, restoreSummary: () => writeFileAtomic(runPath(runDir, 'summary'), summaryText) };
}

/** Says what the folder holds instead, and that the way on is a new run. */
function noCheckpoint(runDir: string, summary: RunSummary, experimentFile: string): InputError {
  const present = readdirSync(runDir).filter((name) => !name.startsWith('.')).sort();
  const shown = relative(process.cwd(), experimentFile) || experimentFile;
  const retrain = existsSync(experimentFile) ? `train ${shown} again (aelab train ${shown}, or Train Experiment in VS Code)` : 'train its experiment again';
  return new InputError(
    `cannot be resumed: it has no ${RUN_FILES.checkpoint}/${CHECKPOINT_FILES.manifest} (it holds ${present.join(', ')}; the run is ${shownStatus(summary)} after ${summary.epochs} of ${summary.epochsPlanned} epochs). ` +
      `Nothing can be continued: ${retrain}.`,
    { file: runDir },
  );
}

function applyOverrides(experiment: Experiment, start: StartMessage): Experiment {
  if (start.overrides?.epochs) experiment.training.epochs = start.overrides.epochs;
  if (start.overrides?.limit) experiment.data.limit = start.overrides.limit;
  return experiment;
}

function freshSummary(runId: string, experiment: Experiment): RunSummary {
  return {
    runId,
    name: experiment.name,
    kind: experiment.kind,
    status: 'running',
    backend: 'pending',
    epochs: 0,
    epochsPlanned: experiment.training.epochs,
    final: null,
    best_val_loss: null,
    parameterCount: 0,
    trainSamples: 0,
    validationSamples: 0,
    droppedSamples: { count: 0, reasons: {} },
    startedAt: new Date().toISOString(),
    endedAt: null,
    error: null,
  };
}
