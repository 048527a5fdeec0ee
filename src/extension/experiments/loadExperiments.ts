// The Experiments tab's data: one row per run of the runs folder (its flattened settings, best and final metrics and
// evaluation headline), the sweeps that group them, and a parameter-importance estimate per metric.
import { join } from 'node:path';
import type { EvaluationHeadline, ExperimentRow, Experiments, RunListItem } from '../../protocol/dashboardMessages';
import { isInputError } from '../../protocol/errors';
import type { RunSummary } from '../../protocol/trainerMessages';
import { readRunExperiment } from '../../runs/experimentFile';
import { listRuns } from '../../runs/runList';
import { readSummary } from '../../runs/summaryFile';
import { flattenConfig } from '../dashboard/compareRuns';
import { readEvaluationHeadline } from '../../runs/evaluationHeadline';
import { cachedParameterImportance } from './parameterImportance';
import { readSweeps } from './readSweeps';

/** Epoch fields that describe the machine or the schedule (learning rate, KL weight), not the result: not table metrics. */
const NOT_METRICS = new Set(['epoch', 'seconds', 'samples_per_second', 'threads', 'lr', 'beta']);
/** Evaluation headlines where lower is better; every other one is better high. */
const LOWER_IS_BETTER = new Set(['mse', 'nll']);

export async function loadExperiments(runsDir: string): Promise<Experiments> {
  const { sweeps, problems } = readSweeps(runsDir);
  const sweepOf = new Map(sweeps.flatMap((sweep) => sweep.runIds.map((id) => [id, sweep.sweepId] as const)));
  const rows: ExperimentRow[] = [];
  for (const run of await listRuns(runsDir)) {
    if (run.status === 'damaged') problems.push(run.detail ?? `${run.runId}: damaged`);
    else rows.push(experimentRow(join(runsDir, run.runId), run, sweepOf.get(run.runId) ?? null));
  }
  const goals = metricGoals(rows);
  return { rows, sweeps, goals, importance: Object.keys(goals).map((metric) => cachedParameterImportance(rows, metric)), problems };
}

function experimentRow(runDir: string, run: RunListItem, sweepId: string | null): ExperimentRow {
  const summary = readSummary(runDir);
  return {
    runId: run.runId,
    name: run.name,
    kind: run.kind,
    status: run.status,
    startedAt: run.startedAt,
    epochs: run.epochs,
    params: experimentParams(runDir),
    metrics: runMetrics(summary, readEvaluationHeadline(runDir)),
    sweepId,
  };
}

/** The flattened settings; the sweep block is the same for all runs of a sweep and is not a setting of one run. */
function experimentParams(runDir: string): Record<string, string> {
  try {
    const { name: _name, sweep: _sweep, ...experiment } = readRunExperiment(runDir).experiment;
    return flattenConfig(experiment);
  } catch (error) {
    if (isInputError(error)) return {};
    throw error;
  }
}

function runMetrics(summary: RunSummary | undefined, headline: EvaluationHeadline | null): Record<string, number | null> {
  const metrics: Record<string, number | null> = { best_val_loss: summary?.best_val_loss ?? null };
  for (const [key, value] of Object.entries(summary?.final ?? {})) if (!NOT_METRICS.has(key) && (typeof value === 'number' || value === null)) metrics[`final.${key}`] = value;
  for (const [key, metric] of Object.entries(headline ?? {})) if (metric) metrics[`eval.${key}`] = Number.isFinite(metric.value) ? metric.value : null;
  return metrics;
}

function metricGoals(rows: readonly ExperimentRow[]): Record<string, 'min' | 'max'> {
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row.metrics)))].sort();
  return Object.fromEntries(keys.map((key) => [key, key.startsWith('eval.') && !LOWER_IS_BETTER.has(key.slice(5)) ? 'max' : 'min']));
}
