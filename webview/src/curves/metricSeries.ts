// Which curves an epoch log has: the two losses, then every loss component the kind reports, then the training
// aids' schedules (learning rate, KL weight) when they change over the run.
import { isLossComponent, SCHEDULE_STATS } from '../../../src/protocol/epochStats';
import type { EpochMetrics } from '../../../src/protocol/trainerMessages';

/** Component keys in first-seen order, each train key followed by its val_ twin. */
export function componentKeys(metrics: EpochMetrics[]): string[] {
  const keys = new Set<string>();
  metrics.forEach((m) => Object.keys(m).forEach((key) => isLossComponent(key) && keys.add(key)));
  const train = [...keys].filter((key) => !key.startsWith('val_'));
  const ordered = train.flatMap((key) => (keys.has(`val_${key}`) ? [key, `val_${key}`] : [key]));
  return [...ordered, ...[...keys].filter((key) => !ordered.includes(key))];
}

export function column(metrics: EpochMetrics[], key: string): (number | null)[] {
  return metrics.map((m) => {
    const value = m[key];
    return typeof value === 'number' ? value : null;
  });
}

/** lr and beta when some epochs differ: a constant rate or KL weight is not worth a chart. */
export function scheduleKeys(metrics: EpochMetrics[]): (typeof SCHEDULE_STATS)[number][] {
  return SCHEDULE_STATS.filter((key) => new Set(column(metrics, key).filter((v) => v !== null)).size > 1);
}
