// Compare view data: each run's metrics, final numbers and evaluation headline, and the experiment keys whose values differ.
import { basename } from 'node:path';
import type { ComparedRun, Comparison, ConfigDiff } from '../../protocol/dashboardMessages';
import { isInputError } from '../../protocol/errors';
import { otherEngineOf } from '../../protocol/trainedElsewhere';
import { readRunExperiment } from '../../runs/experimentFile';
import { readSummary } from '../../runs/summaryFile';
import { readMetricsLeniently } from '../../runs/metricsFile';
import { shownStatus } from '../../runs/runLiveness';
import { readEvaluationHeadline } from '../../runs/evaluationHeadline';

/** {model: {hidden: [128, 64]}} -> {"model.hidden": "[128,64]"}; arrays of objects (custom layers) get index keys. */
export function flattenConfig(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  const isObjectArray = Array.isArray(value) && value.some((item) => item !== null && typeof item === 'object');
  if (value !== null && typeof value === 'object' && (!Array.isArray(value) || isObjectArray)) {
    for (const [key, child] of Object.entries(value)) {
      if (!prefix && key === '$schema') continue;
      flattenConfig(child, prefix ? `${prefix}.${key}` : key, out);
    }
    return out;
  }
  if (prefix) out[prefix] = typeof value === 'string' ? value : JSON.stringify(value);
  return out;
}

export function differingKeys(configs: Record<string, string>[]): ConfigDiff[] {
  const keys = [...new Set(configs.flatMap((config) => Object.keys(config)))].sort();
  return keys
    .map((key) => ({ key, values: configs.map((config) => config[key] ?? null) }))
    .filter(({ values }) => new Set(values).size > 1);
}

/** The run's resolved experiment (validated), or nothing to compare when experiment.json is damaged. */
function readExperiment(runDir: string): unknown {
  try {
    return readRunExperiment(runDir).experiment;
  } catch (error) {
    if (isInputError(error)) return {};
    throw error;
  }
}

export function loadComparison(runDirs: string[]): Comparison {
  const loaded = runDirs.map((runDir) => {
    const summary = readSummary(runDir);
    const { metrics } = readMetricsLeniently(runDir);
    const experiment = readExperiment(runDir);
    const trainedBy = summary && otherEngineOf(summary.backend);
    const run: ComparedRun = {
      runId: basename(runDir),
      name: summary?.name ?? basename(runDir),
      kind: summary?.kind ?? '?',
      status: summary ? shownStatus(summary) : 'failed',
      metrics,
      final: summary?.final ?? metrics.at(-1) ?? null,
      bestValLoss: summary?.best_val_loss ?? null,
      evaluation: readEvaluationHeadline(runDir),
      ...(trainedBy ? { trainedBy } : {}),
    };
    return { run, config: flattenConfig(experiment) };
  });
  return { runs: loaded.map((l) => l.run), differingKeys: loaded.length > 1 ? differingKeys(loaded.map((l) => l.config)) : [] };
}
