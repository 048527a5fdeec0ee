// Which rule gives the anomaly threshold before the user drags it: the run's own (what data.json keeps and `aelab
// score` uses) when the errors carry one, else mean + k·std or a percentile of the train errors from the prefs.
import type { ReconstructionErrors } from '../../../src/protocol/dashboardMessages';
import type { Prefs } from '../store';
import { defaultThreshold } from './errorStats';

export interface ThresholdRule {
  /** Follow the run's threshold when the errors carry one; false once the user picks another rule. */
  useRun: boolean;
}

export function hasRunThreshold(errors: ReconstructionErrors | null, rule: ThresholdRule): errors is ReconstructionErrors & { threshold: NonNullable<ReconstructionErrors['threshold']> } {
  return rule.useRun && !!errors?.threshold;
}

export function ruleThreshold(errors: ReconstructionErrors, prefs: Prefs, rule: ThresholdRule): number {
  return hasRunThreshold(errors, rule) ? errors.threshold.value : defaultThreshold(errors.train, prefs);
}

/** "99th", "1st", "22nd": the percentile as the label says it. */
export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

export function runThresholdLabel(threshold: NonNullable<ReconstructionErrors['threshold']>): string {
  return `run threshold: ${ordinal(threshold.percentile)} percentile of training errors`;
}
