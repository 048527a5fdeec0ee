// Rebuilds a dashboard from a run folder, so finished runs and reloaded windows show the same views as a live run.
// Reads summary.json, metrics.jsonl, evaluation.json and the last view messages the trainer saved, through src/runs/'s
// validated readers. A damaged metrics.jsonl or evaluation.json is shown as the run's problem, never a crash.
import { basename } from 'node:path';
import type { DashboardData, RunInfo } from '../../protocol/dashboardMessages';
import type { RunSummary } from '../../protocol/trainerMessages';
import { VIEW_MESSAGE_TYPES } from '../../protocol/viewPayloads';
import type { Evaluation } from '../../protocol/evaluation';
import { otherEngineOf } from '../../protocol/trainedElsewhere';
import { readDataJson } from '../../runs/dataFile';
import { readEvaluation } from '../../runs/evaluationFile';
import { readMetricsLeniently } from '../../runs/metricsFile';
import { shownStatus } from '../../runs/runLiveness';
import { readSummary } from '../../runs/summaryFile';
import { hasTfjsModels } from '../../runs/trainedElsewhere';
import { readViewSnapshot } from '../../runs/viewFiles';
import { DashboardModel } from './dashboardModel';

/** Loads one run folder into a model (a fresh one by default); views the trainer did not save stay empty. */
export function loadRunFromFolder(runDir: string, model = new DashboardModel()): DashboardModel {
  const summary = readSummary(runDir);
  const { metrics, problem } = readMetricsLeniently(runDir);
  const { evaluation, problem: evaluationProblem } = readEvaluationLeniently(runDir);
  const problems = [problem, evaluationProblem].filter(Boolean).join('; ') || undefined;
  const data: Partial<DashboardData> = { metrics, evaluation, run: summary ? runInfoFromSummary(runDir, summary, problems) : null };
  model.resetRun(data);
  for (const view of VIEW_MESSAGE_TYPES) {
    const message = readViewSnapshot(runDir, view);
    if (message) model.apply(message, false);
  }
  // A run another engine trained saved no views: its data.json (a copy of its source run's) gives the shape.
  const shape = model.data.reconstructions?.sampleShape ?? model.data.samples?.sampleShape ?? (model.data.run?.tfjsModel ? sampleShapeOf(runDir) : undefined);
  if (model.data.run && shape) model.set({ run: { ...model.data.run, sampleShape: shape } });
  return model;
}

/** The run's evaluation.json, or null with the reader's message when it cannot be read. */
function readEvaluationLeniently(runDir: string): { evaluation: Evaluation | null; problem?: string } {
  try {
    return { evaluation: readEvaluation(runDir) ?? null };
  } catch (error) {
    return { evaluation: null, problem: `evaluation ignored: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** data.json's sample shape; undefined when the file is missing or damaged (the Runs tree says what is wrong). */
function sampleShapeOf(runDir: string): number[] | undefined {
  try {
    return readDataJson(runDir)?.sampleShape;
  } catch {
    return undefined;
  }
}

function runInfoFromSummary(runDir: string, summary: RunSummary, fileProblems: string | undefined): RunInfo {
  const elsewhereWithModel = otherEngineOf(summary.backend) !== undefined && hasTfjsModels(runDir);
  return {
    runId: basename(runDir),
    name: summary.name,
    kind: summary.kind,
    status: shownStatus(summary),
    backend: summary.backend,
    epochs: summary.epochs,
    epochsPlanned: summary.epochsPlanned,
    batchesPerEpoch: 0,
    sampleShape: [],
    trainSamples: summary.trainSamples,
    validationSamples: summary.validationSamples,
    parameterCount: summary.parameterCount,
    live: false,
    error: summary.error?.message ?? fileProblems,
    ...(elsewhereWithModel ? { tfjsModel: true } : {}),
  };
}
