// How evaluation numbers read: dB with one decimal, fractions with three, losses as the other views show them.
import { formatCount, formatLoss } from '../shared/format';

export type MetricUnit = 'dB' | 'fraction' | 'loss' | 'nats' | 'count';

export function formatMetric(value: number | null | undefined, unit: MetricUnit): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  // An exact reconstruction has an infinite PSNR.
  if (value === Infinity) return '∞';
  switch (unit) {
    case 'dB':
      return `${value.toFixed(1)} dB`;
    case 'fraction':
      return value.toFixed(3);
    case 'nats':
      return `${value.toFixed(1)} nats`;
    case 'count':
      return formatCount(value);
    case 'loss':
      return formatLoss(value);
  }
}

/** The model against one baseline: a difference for dB and fractions, a relative change for losses. */
export function formatDelta(model: number, baseline: number, unit: MetricUnit): string {
  const diff = model - baseline;
  if (!Number.isFinite(diff)) return model > baseline ? '+∞' : '−∞';
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  if (unit === 'loss' && baseline !== 0) return `${sign}${Math.abs((100 * diff) / baseline).toFixed(0)}%`;
  return `${sign}${formatMetric(Math.abs(diff), unit)}`;
}

export type Verdict = 'better' | 'worse' | 'same';

export function verdict(model: number, baseline: number, higherIsBetter: boolean): Verdict {
  if (model === baseline) return 'same';
  return model > baseline === higherIsBetter ? 'better' : 'worse';
}
