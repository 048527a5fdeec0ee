// Image reconstructions: one row each for input, noisy input (denoising kinds) and output; one column per sample.
import type { Reconstructions } from '../../../src/protocol/dashboardMessages';
import { h } from '../shared/dom';
import { sampleCanvas, type ImageShape, type Pixels } from '../shared/sampleImage';

const CELL = 84;

/** The grid as drawn: the live outputs (floats) or an earlier epoch's from the history (uint8 pixels for images). */
export type ShownReconstructions = Omit<Reconstructions, 'outputs'> & { outputs: Pixels[] };

export function imageGrid(data: ShownReconstructions, shape: ImageShape): HTMLElement {
  const rows: [string, Pixels[] | undefined][] = [
    ['Input', data.inputs],
    ['Noisy input', data.noisy],
    ['Output', data.outputs],
  ];
  const grid = h('div', { className: 'recon-grid' });
  grid.style.gridTemplateColumns = `auto repeat(${data.inputs.length}, ${CELL}px)`;
  for (const [title, images] of rows) {
    if (!images) continue;
    grid.append(h('div', { className: 'recon-row-title', text: title }));
    images.forEach((values, i) => grid.append(h('figure', { className: `recon-cell recon-${title.split(' ')[0].toLowerCase()}` }, sampleCanvas(values, shape, CELL), caption(data, i, title))));
  }
  return grid;
}

function caption(data: ShownReconstructions, index: number, row: string): HTMLElement | undefined {
  return row === 'Output' && data.labels?.[index] !== undefined ? h('figcaption', { text: data.labels[index] }) : undefined;
}
