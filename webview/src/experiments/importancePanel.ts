// Parameter importance for the chosen metric, as the host computed it (random forest and correlation, on best values).
import type { MetricImportance } from '../../../src/protocol/dashboardMessages';
import { emptyNote, h } from '../shared/dom';

export function importancePanel(importance: MetricImportance | undefined, metric: string): HTMLElement {
  if (!importance) return emptyNote(`No run has ${metric}.`);
  if (importance.reason) return emptyNote(`No importance estimate: ${importance.reason}`);
  const rows = importance.parameters.map((p) => {
    const bar = h('span', { className: 'importance-bar' });
    bar.style.width = `${Math.round(100 * Math.max(0, Math.min(1, p.importance)))}%`;
    return h(
      'tr',
      { attrs: { 'data-key': p.key } },
      h('td', { text: p.key }),
      h('td', { className: 'importance-cell' }, h('span', { className: 'importance-track' }, bar), h('span', { text: ` ${p.importance.toFixed(2)}` })),
      h('td', { text: p.correlation === null ? '—' : p.correlation.toFixed(2) }),
    );
  });
  return h(
    'div',
    { className: 'importance' },
    h('p', { className: 'empty-note', text: `From ${importance.runs} runs' best ${metric}: a seeded random forest's share per parameter, and the correlation of numeric parameters.` }),
    h('table', { className: 'importance-table' }, h('thead', {}, h('tr', {}, h('th', { text: 'Parameter' }), h('th', { text: 'Importance' }), h('th', { text: 'Correlation' }))), h('tbody', {}, ...rows)),
  );
}
