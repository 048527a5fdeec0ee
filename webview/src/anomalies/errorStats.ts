// Threshold defaults from the TRAIN errors (the model saw those, so they describe "normal"): mean + k·std or a percentile.
import { percentile } from '../../../src/protocol/percentile';
import type { Prefs } from '../store';

export function meanStd(values: Float32Array): { mean: number; std: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = values.length ? sum / values.length : 0;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, std: values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0 };
}

export function defaultThreshold(train: Float32Array, prefs: Pick<Prefs, 'k' | 'percentile' | 'usePercentile'>): number {
  // No finite train error (an empty sample, a diverged model): 0, so the histogram still draws.
  if (prefs.usePercentile) return percentile(train, prefs.percentile) || 0;
  const { mean, std } = meanStd(train);
  return mean + prefs.k * std;
}

export function countAbove(values: Float32Array, threshold: number): number {
  let count = 0;
  for (const v of values) if (v > threshold) count++;
  return count;
}

/** Indices of the k largest values, largest first. */
export function topK(values: Float32Array, k: number): number[] {
  return [...values.keys()].sort((a, b) => values[b] - values[a]).slice(0, k);
}
