// Tabular reconstructions: per sample, the input features and the reconstructed features as two lines.
import { h } from '../shared/dom';
import { featurePlot } from '../shared/featurePlot';
import { seriesColor } from '../shared/theme';
import type { ShownReconstructions } from './imageGrid';

export function tableGrid(data: ShownReconstructions): HTMLElement {
  const legend = h('div', { className: 'line-legend' }, swatch('Input', 0), swatch('Output', 1));
  const plots = data.inputs.map((input, i) => {
    const series = [
      { values: input, length: input.length },
      { values: data.outputs[i], length: data.outputs[i].length },
    ];
    return h('figure', { className: 'recon-cell recon-table' }, featurePlot(series, 220, 90), h('figcaption', { text: data.labels?.[i] ?? `sample ${i + 1}` }));
  });
  return h('div', {}, legend, h('div', { className: 'recon-table-grid' }, ...plots));
}

function swatch(label: string, index: number): HTMLElement {
  const mark = h('span', { className: 'swatch' });
  mark.style.background = seriesColor(index);
  return h('span', { className: 'legend-item' }, mark, label);
}
