// The one percentile rule for anomaly thresholds, shared by the trainer (the run's threshold, `aelab score
// --percentile`) and the webview (its percentile default). No imports: the webview bundles this file.

/**
 * The p-th percentile (p clamped to 0..100) with linear interpolation between closest ranks, numpy's default.
 * NaN and infinite values are ignored: an error that is not a finite number says nothing about where normal errors
 * end. NaN when no finite value is left.
 */
export function percentile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).filter(Number.isFinite).sort();
  if (sorted.length === 0) return NaN;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}
