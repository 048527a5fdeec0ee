// A table probe: per column, the input, the reconstruction and the error, with a bar scaled to the worst column.
import type { ProbeResult } from '../../../src/protocol/dashboardMessages';
import { h } from '../shared/dom';
import { formatLoss } from '../shared/format';
import { heatColor } from './heatMap';

export function tableResult(result: ProbeResult): HTMLElement {
  const input = result.input ?? new Float32Array();
  const output = result.reconstruction ?? new Float32Array();
  const errors = result.errorMap ?? Float32Array.from(input, (v, i) => (v - (output[i] ?? 0)) ** 2);
  const max = errors.reduce((m, v) => (v > m ? v : m), 0);
  const head = h('tr', {}, ...['Column', 'Input', 'Reconstruction', 'Error', ''].map((text) => h('th', { text })));
  const rows = Array.from(input, (value, i) => {
    const bar = h('div', { className: 'column-error-bar' });
    const share = max > 0 ? errors[i] / max : 0;
    bar.style.width = `${Math.round(100 * share)}%`;
    bar.style.backgroundColor = `rgb(${heatColor(0.35 + 0.65 * share).join(',')})`;
    return h('tr', {}, h('td', { text: `column ${i + 1}` }), h('td', { text: formatLoss(value) }), h('td', { text: formatLoss(output[i]) }), h('td', { text: formatLoss(errors[i]) }), h('td', { className: 'column-error' }, bar));
  });
  return h('table', { className: 'probe-table' }, h('thead', {}, head), h('tbody', {}, ...rows));
}
