// The k validation samples the model reconstructs worst, with their file name or row number and error.
import type { DashboardData } from '../../../src/protocol/dashboardMessages';
import { h } from '../shared/dom';
import { featurePlot } from '../shared/featurePlot';
import { formatLoss } from '../shared/format';
import { imageShape, sampleCanvas, sampleSize } from '../shared/sampleImage';
import { topK } from './errorStats';

export function worstList(data: Pick<DashboardData, 'errors' | 'samples'>, k: number): HTMLElement {
  const errors = data.errors!.validation;
  const samples = data.samples;
  const shape = imageShape(samples?.sampleShape);
  const size = samples ? sampleSize(samples.sampleShape) : 0;
  const cards = topK(errors, k).map((index, rank) => {
    const label = samples?.labels?.[index];
    const labelText = label === undefined ? '' : `label ${samples?.labelNames?.[label] ?? label} · `;
    const picture = !samples || index >= samples.count ? undefined : shape ? sampleCanvas(samples.values, shape, 64, index * size) : featurePlot([{ values: samples.values, offset: index * size, length: size }], 120, 50);
    return h(
      'figure',
      { className: 'worst-card' },
      picture,
      h('figcaption', {}, h('div', { className: 'worst-name', text: `${rank + 1}. ${samples?.sourceNames?.[index] ?? `validation sample ${index + 1}`}` }), h('div', { className: 'worst-error', text: `${labelText}error ${formatLoss(errors[index])}` })),
    );
  });
  return h('div', { className: 'worst-list' }, ...cards);
}
