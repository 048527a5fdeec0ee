// One metric as a card: the model's value, each baseline's value beside it, and whether the model beats each.
import { h } from '../shared/dom';
import { formatDelta, formatMetric, verdict, type MetricUnit } from './formatMetric';

export interface MetricSpec {
  /** Stable name for tests and styles (data-metric). */
  key: string;
  name: string;
  unit: MetricUnit;
  higherIsBetter: boolean;
}

export interface Baseline {
  name: string;
  value: number | null | undefined;
}

/** `text`: the value as shown when the unit's format does not say it (e.g. "12 / 32" active units). */
export function metricCard(spec: MetricSpec, value: number | null | undefined, baselines: Baseline[] = [], detail?: string, text?: string): HTMLElement {
  const present = baselines.filter((b): b is { name: string; value: number } => b.value !== null && b.value !== undefined);
  const card = h(
    'div',
    { className: 'metric-card', attrs: { 'data-metric': spec.key, role: 'group', 'aria-label': spec.name } },
    h('div', { className: 'metric-name', text: spec.name }),
    h('div', { className: 'metric-value', text: text ?? formatMetric(value, spec.unit) }),
    detail ? h('div', { className: 'metric-detail', text: detail }) : null,
    present.length ? h('div', { className: 'metric-baselines', text: present.map((b) => `${b.name} ${formatMetric(b.value, spec.unit)}`).join(' · ') }) : null,
  );
  if (value === null || value === undefined) return card;
  for (const baseline of present) {
    const outcome = verdict(value, baseline.value, spec.higherIsBetter);
    const words = outcome === 'same' ? `same as ${baseline.name}` : `${formatDelta(value, baseline.value, spec.unit)} vs ${baseline.name}, ${outcome}`;
    card.append(h('div', { className: `metric-verdict ${outcome}`, text: words, attrs: { 'data-baseline': baseline.name } }));
  }
  return card;
}

export function cardRow(...cards: (HTMLElement | null)[]): HTMLElement {
  return h('div', { className: 'metric-cards' }, ...cards);
}
