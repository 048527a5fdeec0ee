// Bar charts drawn with DOM boxes (sizes through CSSOM, colours from theme variables in main.css), so their numbers
// are also text a screen reader and a test can read.
import { h } from '../shared/dom';

export interface BarRow {
  label: string;
  /** One value per series; null where the series has none. */
  values: (number | null)[];
}

/** Horizontal bars, one group per row (e.g. per class: model beside PCA). Infinite values fill the track. */
export function groupedBars(rows: BarRow[], series: string[], format: (value: number) => string, ariaLabel: string): HTMLElement {
  const finite = rows.flatMap((row) => row.values).filter((v): v is number => v !== null && Number.isFinite(v));
  const max = Math.max(...finite, Number.MIN_VALUE);
  const legend = h('div', { className: 'bar-legend' }, ...series.map((name, i) => h('span', { className: 'bar-legend-item' }, h('span', { className: `bar-swatch bar-series-${i}` }), name)));
  const groups = rows.map((row) =>
    h(
      'div',
      { className: 'bar-group', attrs: { role: 'listitem' } },
      h('span', { className: 'bar-label', text: row.label }),
      h(
        'div',
        { className: 'bar-stack' },
        ...row.values.map((value, i) => {
          if (value === null) return null;
          const bar = h('div', { className: `bar bar-series-${i}`, attrs: { 'data-series': series[i] } });
          bar.style.width = `${Number.isFinite(value) ? Math.max(0, (100 * value) / max) : 100}%`;
          return h('div', { className: 'bar-line' }, h('div', { className: 'bar-track' }, bar), h('span', { className: 'bar-value', text: `${series[i]} ${format(value)}` }));
        }),
      ),
    ),
  );
  return h('div', { className: 'grouped-bars' }, legend, h('div', { className: 'bar-groups', attrs: { role: 'list', 'aria-label': ariaLabel } }, ...groups));
}

export interface ColumnOptions {
  labels: string[];
  format: (value: number) => string;
  ariaLabel: string;
  /** Log scale from this floor up (variances span several decades); linear from 0 otherwise. */
  logFloor?: number;
  /** A dashed line at this value; columns below it get the `below` class. */
  threshold?: { value: number; label: string };
}

/** Vertical columns, one per value (e.g. per latent dimension). */
export function columnBars(values: number[], options: ColumnOptions): HTMLElement {
  const { logFloor, threshold } = options;
  const top = Math.max(...values, threshold?.value ?? 0, logFloor ? 1 : Number.MIN_VALUE);
  const height = (value: number) => {
    if (!logFloor) return (100 * Math.max(0, value)) / top;
    const clamped = Math.max(value, logFloor);
    return (100 * Math.log10(clamped / logFloor)) / Math.log10(top / logFloor);
  };
  const columns = values.map((value, i) => {
    const below = threshold !== undefined && value <= threshold.value;
    const bar = h('div', { className: `column-bar${below ? ' below' : ''}` });
    bar.style.height = `${height(value)}%`;
    return h('div', { className: 'column', title: `${options.labels[i]}: ${options.format(value)}`, attrs: { role: 'listitem', 'aria-label': `${options.labels[i]}: ${options.format(value)}` } }, bar);
  });
  const plot = h('div', { className: 'column-plot', attrs: { role: 'list', 'aria-label': options.ariaLabel } }, ...columns);
  if (threshold) {
    const line = h('div', { className: 'column-threshold', attrs: { 'aria-hidden': 'true' } }, h('span', { className: 'column-threshold-label', text: threshold.label }));
    line.style.bottom = `${height(threshold.value)}%`;
    plot.append(line);
  }
  const axis = h('div', { className: 'column-axis', attrs: { 'aria-hidden': 'true' } }, ...options.labels.map((label) => h('span', { text: label })));
  return h('div', { className: 'column-bars' }, plot, axis);
}
