// Compare view data: each run's metrics and final numbers, and the experiment keys whose values differ.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ComparedRun, Comparison, ConfigDiff } from '../../protocol/dashboardMessages';
import { readMetrics } from './runHistory';
import { readRunSummary } from './runsFolder';
import { shownStatus } from '../../runs/runLiveness';

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

async function readExperiment(runDir: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(join(runDir, 'experiment.json'), 'utf8'));
  } catch {
    return {};
  }
}

export async function loadComparison(runDirs: string[]): Promise<Comparison> {
  const loaded = await Promise.all(
    runDirs.map(async (runDir) => {
      const [summary, metrics, experiment] = await Promise.all([readRunSummary(runDir), readMetrics(runDir), readExperiment(runDir)]);
      const run: ComparedRun = {
        runId: basename(runDir),
        name: summary?.name ?? basename(runDir),
        kind: summary?.kind ?? '?',
        status: summary ? shownStatus(summary) : 'failed',
        metrics,
        final: summary?.final ?? metrics.at(-1) ?? null,
        bestValLoss: summary?.best_val_loss ?? null,
      };
      return { run, config: flattenConfig(experiment) };
    }),
  );
  return { runs: loaded.map((l) => l.run), differingKeys: loaded.length > 1 ? differingKeys(loaded.map((l) => l.config)) : [] };
}
