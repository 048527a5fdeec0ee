// The label legend: a colour and a count per label; clicking a label hides or shows its points.
import { h, replaceChildren } from '../shared/dom';
import { labelColor } from '../shared/theme';
import type { PreparedScatter } from './scatterData';

export function renderLegend(container: HTMLElement, scatter: PreparedScatter, names: string[] | undefined, onToggle: (label: number) => void): void {
  if (!scatter.labels) return replaceChildren(container);
  const items = scatter.groups.map(({ label, indices }) => {
    const swatch = h('span', { className: 'swatch' });
    swatch.style.background = labelColor(label);
    const item = h('button', { className: 'legend-item', attrs: { type: 'button', 'data-label': String(label) } }, swatch, h('span', { className: 'legend-name', text: names?.[label] ?? String(label) }), h('span', { className: 'legend-count', text: String(indices.length) }));
    item.classList.toggle('hidden-label', scatter.hidden.has(label));
    item.addEventListener('click', () => onToggle(label));
    return item;
  });
  replaceChildren(container, ...items);
}
