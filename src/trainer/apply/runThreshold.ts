// The run's anomaly threshold rule, in one place: what data.json keeps at the end of training (saveRunModels) and
// what each epoch's errors message carries for the dashboard's default threshold.
import { percentile } from '../../protocol/percentile';
import type { RunThreshold } from '../../protocol/trainerMessages';

/** Training errors above this percentile are flagged by default: 1% of the training set would be. */
const THRESHOLD_PERCENTILE = 99;

/** The threshold of these clean-input training errors; null when none is finite (no threshold is better than NaN). */
export function runThreshold(trainErrors: ArrayLike<number>): RunThreshold | null {
  const value = percentile(trainErrors, THRESHOLD_PERCENTILE);
  return Number.isFinite(value) ? { method: 'percentile', percentile: THRESHOLD_PERCENTILE, value } : null;
}
