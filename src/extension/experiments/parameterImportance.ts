// Which parameters matter for a metric: a seeded random forest (ml-random-forest) fitted to the runs, with each
// parameter's permutation importance (how much worse the forest predicts when that parameter's column is shuffled),
// and each numeric parameter's Pearson correlation with the metric. Fed each run's BEST value (best val_loss, or the
// evaluation of its kept model), not the last epoch's, so a run that overfit late is not blamed for its end (wandb#5980).
//
// Why not the library's featureImportance(): for regression, ml-cart stores a split's remaining error as its "gain"
// and featureImportance() skips nodes whose gain is not above 0, so a split that explains the metric completely (the
// common case in a small grid sweep) counts for nothing; on a 2×2 grid it returned 0 for every parameter.
import { RandomForestRegression } from 'ml-random-forest';
import seedrandom from 'seedrandom';
import type { ExperimentRow, MetricImportance, ParameterImportance } from '../../protocol/dashboardMessages';

/** Fewer runs than this give no estimate: a forest on three points says nothing. */
const MIN_IMPORTANCE_RUNS = 4;
const SEED = 17;
const SHUFFLES = 10;

/** Fitted estimates by their inputs: the table reloads on every summary.json change, mostly with the same finished runs. */
const cache = new Map<string, MetricImportance>();
const CACHE_SIZE = 64;

/** parameterImportance, remembered for the same runs and values. */
export function cachedParameterImportance(rows: readonly ExperimentRow[], metric: string): MetricImportance {
  const key = JSON.stringify([metric, rows.map((row) => [row.status, row.params, row.metrics[metric] ?? null])]);
  const cached = cache.get(key);
  if (cached) return cached;
  const result = parameterImportance(rows, metric);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

/** On finished runs only: a training run's best value is not its best yet. */
export function parameterImportance(rows: readonly ExperimentRow[], metric: string): MetricImportance {
  const measured = rows.filter((row) => row.status !== 'running' && typeof row.metrics[metric] === 'number' && Number.isFinite(row.metrics[metric]));
  const runs = measured.length;
  if (runs < MIN_IMPORTANCE_RUNS) return { metric, runs, parameters: [], reason: `${runs} finished run${runs === 1 ? '' : 's'} with ${metric}; importance needs at least ${MIN_IMPORTANCE_RUNS}.` };
  const keys = [...new Set(measured.flatMap((row) => Object.keys(row.params)))].sort();
  const varying = keys.filter((key) => new Set(measured.map((row) => row.params[key] ?? null)).size > 1);
  if (!varying.length) return { metric, runs, parameters: [], reason: `no parameter differs between the ${runs} finished runs with ${metric}.` };
  const columns = varying.map((key) => encode(measured.map((row) => row.params[key] ?? null)));
  const target = measured.map((row) => row.metrics[metric] as number);
  const features = measured.map((_, i) => columns.map((column) => column.values[i]));
  return estimate(metric, varying, columns, features, target);
}

function estimate(metric: string, varying: string[], columns: { values: number[]; numeric: boolean }[], features: number[][], target: number[]): MetricImportance {
  const runs = target.length;
  // Sweeps are small: trees split down to pairs (ml-cart's default leaf of 3 leaves a 4-run grid unsplit), and a split
  // that leaves no error is allowed (ml-cart splits only while the remaining error is above gainThreshold, 0 by default).
  const forest = new RandomForestRegression({ seed: SEED, nEstimators: 30, maxFeatures: 1.0, replacement: false, useSampleBagging: true, noOOB: true, treeOptions: { minNumSamples: 2, gainThreshold: -1 } });
  forest.train(features, target);
  const increase = permutationIncrease(forest, features, target);
  const total = increase.reduce((a, b) => a + b, 0);
  if (total <= 0) return { metric, runs, parameters: [], reason: `the forest found no parameter that predicts ${metric} in these ${runs} runs.` };
  const parameters: ParameterImportance[] = varying.map((key, j) => ({
    key,
    importance: increase[j] / total,
    correlation: columns[j].numeric ? pearson(columns[j].values, target) : null,
  }));
  return { metric, runs, parameters: parameters.sort((a, b) => b.importance - a.importance || a.key.localeCompare(b.key)) };
}

/** Per feature: the mean rise of the forest's squared error over seeded shuffles of that feature's column (at least 0). */
function permutationIncrease(forest: RandomForestRegression, features: number[][], target: number[]): number[] {
  const random = seedrandom(`importance-${SEED}`);
  const error = (rows: number[][]) => forest.predict(rows).reduce((sum, p, i) => sum + (p - target[i]) ** 2, 0) / target.length;
  const base = error(features);
  return features[0].map((_, j) => {
    let rise = 0;
    for (let s = 0; s < SHUFFLES; s++) {
      const column = shuffle(features.map((row) => row[j]), random);
      rise += error(features.map((row, i) => row.map((value, k) => (k === j ? column[i] : value)))) - base;
    }
    return Math.max(0, rise / SHUFFLES);
  });
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Numbers as they are; other values (strings, lists, missing) as the rank of their text among the distinct values. */
function encode(values: (string | null)[]): { values: number[]; numeric: boolean } {
  const numbers = values.map((value) => (value === null || value.trim() === '' ? NaN : Number(value)));
  if (numbers.every(Number.isFinite)) return { values: numbers, numeric: true };
  const distinct = [...new Set(values.map((value) => value ?? ''))].sort();
  return { values: values.map((value) => distinct.indexOf(value ?? '')), numeric: false };
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
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
