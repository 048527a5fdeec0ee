// Which parameters matter for a metric: a seeded random forest's feature importance (ml-random-forest) and each numeric
// parameter's Pearson correlation with the metric. Fed each run's BEST value (best val_loss, or the evaluation of its
// kept model), not the last epoch's, so a run that overfit late is not blamed for its end (wandb#5980).
import { RandomForestRegression } from 'ml-random-forest';
import type { ExperimentRow, MetricImportance, ParameterImportance } from '../../protocol/dashboardMessages';

/** Fewer runs than this give no estimate: a forest on three points says nothing. */
export const MIN_IMPORTANCE_RUNS = 4;
const SEED = 17;

export function parameterImportance(rows: readonly ExperimentRow[], metric: string): MetricImportance {
  const measured = rows.filter((row) => typeof row.metrics[metric] === 'number' && Number.isFinite(row.metrics[metric]));
  const runs = measured.length;
  if (runs < MIN_IMPORTANCE_RUNS) return { metric, runs, parameters: [], reason: `${runs} run${runs === 1 ? '' : 's'} with ${metric}; importance needs at least ${MIN_IMPORTANCE_RUNS}.` };
  const keys = [...new Set(measured.flatMap((row) => Object.keys(row.params)))].sort();
  const varying = keys.filter((key) => new Set(measured.map((row) => row.params[key] ?? null)).size > 1);
  if (!varying.length) return { metric, runs, parameters: [], reason: `no parameter differs between the ${runs} runs with ${metric}.` };
  const columns = varying.map((key) => encode(measured.map((row) => row.params[key] ?? null)));
  const target = measured.map((row) => row.metrics[metric] as number);
  const features = measured.map((_, i) => columns.map((column) => column.values[i]));
  const forest = new RandomForestRegression({ seed: SEED, nEstimators: 50, maxFeatures: 1.0, replacement: false, useSampleBagging: true, noOOB: true });
  forest.train(features, target);
  // 2.1.0 has featureImportance() (normalised gain per feature) but its types.d.ts does not declare it.
  const importance = (forest as unknown as { featureImportance(): number[] }).featureImportance();
  const parameters: ParameterImportance[] = varying.map((key, j) => ({
    key,
    importance: Number.isFinite(importance[j]) ? importance[j] : 0,
    correlation: columns[j].numeric ? pearson(columns[j].values, target) : null,
  }));
  return { metric, runs, parameters: parameters.sort((a, b) => b.importance - a.importance || a.key.localeCompare(b.key)) };
}

/** Numbers as they are; other values (strings, lists, missing) as the rank of their text among the distinct values. */
function encode(values: (string | null)[]): { values: number[]; numeric: boolean } {
  const numbers = values.map((value) => (value === null || value.trim() === '' ? NaN : Number(value)));
  if (numbers.every(Number.isFinite)) return { values: numbers, numeric: true };
  const distinct = [...new Set(values.map((value) => value ?? ''))].sort();
  return { values: values.map((value) => distinct.indexOf(value ?? '')), numeric: false };
}

export function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}
