// Opens the run folder a start message asks for: a new one from an experiment file, or an existing one to resume.
import { basename, resolve } from 'node:path';
import { InputError } from '../protocol/errors';
import type { Experiment } from '../protocol/experiment';
import { readExperimentFile } from '../protocol/loadExperiment';
import type { RunSummary, StartMessage } from '../protocol/trainerMessages';
import { runIsLive } from '../runs/runLiveness';
import { hasCheckpoint } from './runs/checkpoint';
import { createRunDir, readRunExperiment, readSummary, RunFolder } from './runs/runFolder';

export interface OpenedRun {
  experiment: Experiment;
  experimentFile: string;
  run: RunFolder;
  summary: RunSummary;
  resuming: boolean;
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
  run.writeJson('experiment', { ...experiment, resolved: { experimentFile, experimentFileName: basename(experimentFile) } });
  return { experiment, experimentFile, run, summary: freshSummary(runId, experiment), resuming: false };
}

function openForResume(runDir: string, start: StartMessage): OpenedRun {
  const summary = readSummary(runDir);
  if (!summary) throw new InputError('is not a run folder (no readable summary.json)', { file: runDir });
  if (!hasCheckpoint(runDir)) throw new InputError('has no checkpoint to resume from; it stopped before its first epoch ended', { file: runDir });
  if (runIsLive(summary)) throw new InputError('is still marked as running; stop it first', { file: runDir });
  const saved = readRunExperiment(runDir);
  const experiment = applyOverrides(saved.experiment, start);
  const run = new RunFolder(runDir);
  const resumed: RunSummary = { ...summary, status: 'running', epochsPlanned: experiment.training.epochs, endedAt: null, error: null };
  return { experiment, experimentFile: saved.experimentFile, run, summary: resumed, resuming: true };
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
