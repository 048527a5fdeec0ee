// Opens the run folder a start message asks for: a new one from an experiment file, or an existing one to resume.
// A resume reads and checks every run file before anything is written, so a resume that cannot start leaves the run as it was.
import { existsSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { InputError } from '../protocol/errors';
import type { Experiment } from '../protocol/experiment';
import { readExperimentFile } from '../protocol/loadExperiment';
import { noTfjsModelReason, RESUMING_ELSEWHERE } from '../protocol/trainedElsewhere';
import { runSummarySchema, type RunSummary, type StartMessage } from '../protocol/trainerMessages';
import { recoverRunWrites, writeFileAtomic } from '../runs/atomicWrite';
import { checkCheckpoint, hasCheckpoint } from '../runs/checkpointFiles';
import { createRunDir } from '../runs/createRunDir';
import { readDataJson } from '../runs/dataFile';
import { readRunExperiment, savedExperimentJson } from '../runs/experimentFile';
import { hasTfjsModels } from '../runs/trainedElsewhere';
import { RUN_FILES, runPath } from '../runs/layout';
import { RunFolder } from '../runs/runFolder';
import { runIsLive } from '../runs/runLiveness';
import { parseRunJson, readRunText } from '../runs/readJsonFile';

export interface OpenedRun {
  experiment: Experiment;
  experimentFile: string;
  run: RunFolder;
  summary: RunSummary;
  resuming: boolean;
  /** Resuming a run that never saved a checkpoint: it trains again from epoch 0 in its own folder. */
  retraining: boolean;
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
  return { experiment, experimentFile, run, summary: freshSummary(runId, experiment), resuming: false, retraining: false, notes: [] };
}

function openForResume(runDir: string, start: StartMessage): OpenedRun {
  const hasSummary = existsSync(runPath(runDir, 'summary'));
  // A folder killed right after it was made holds only experiment.json: a run that never started, so it is retrained.
  if (!hasSummary && !existsSync(runPath(runDir, 'experiment'))) {
    throw new InputError(`is not a run folder (it has neither ${RUN_FILES.summary} nor ${RUN_FILES.experiment})`, { file: runDir });
  }
  // Read once: the text is what a resume that cannot start writes back.
  const summaryFile = runPath(runDir, 'summary');
  const summaryText = hasSummary ? readRunText(summaryFile) : undefined;
  const summary = summaryText !== undefined ? parseRunJson(summaryText, summaryFile, runSummarySchema) : undefined;
  const elsewhere = summary && noTfjsModelReason(summary.backend, RESUMING_ELSEWHERE, hasTfjsModels(runDir));
  if (elsewhere) throw new InputError(elsewhere, { file: runDir });
  if (summary && runIsLive(summary)) throw new InputError(`is still running (process ${summary.owner?.pid} on ${summary.owner?.host}); stop it first`, { file: runDir });
  // Nothing trains this run any more: put back what a killed writer left half-swapped, before reading it.
  const recovered = recoverRunWrites(runDir);
  const saved = readRunExperiment(runDir);
  const retraining = !hasCheckpoint(runDir);
  if (!retraining) {
    checkCheckpoint(runDir);
    readDataJson(runDir);
  }
  const experiment = applyOverrides(saved.experiment, start);
  const run = new RunFolder(runDir); // reads and checks metrics.jsonl
  const notes = [
    ...recovered,
    ...(saved.absolutePathFromOlderRun
      ? [`this run was made by an older version that stored its experiment file as an absolute path (${saved.absolutePathFromOlderRun}); data.source is resolved from there`]
      : []),
  ];
  const base = summary ?? freshSummary(basename(runDir), experiment);
  const resumed: RunSummary = retraining
    ? { ...freshSummary(base.runId, experiment), startedAt: base.startedAt }
    : { ...base, status: 'running', epochsPlanned: experiment.training.epochs, endedAt: null, error: null };
  // A retrain that cannot start leaves the folder as it was: without summary.json if it had none.
  const restoreSummary = () => (summaryText === undefined ? rmSync(runPath(runDir, 'summary'), { force: true }) : writeFileAtomic(runPath(runDir, 'summary'), summaryText));
  return { experiment, experimentFile: saved.experimentFile, run, summary: resumed, resuming: true, retraining, notes, restoreSummary };
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
