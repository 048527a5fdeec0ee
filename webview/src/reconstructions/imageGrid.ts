// Image reconstructions: one row each for input, noisy input (denoising kinds) and output; one column per sample.
import type { Reconstructions } from '../../../src/protocol/dashboardMessages';
import { h } from '../shared/dom';
import { sampleCanvas, type ImageShape } from '../shared/sampleImage';

const CELL = 84;

export function imageGrid(data: Reconstructions, shape: ImageShape): HTMLElement {
  const rows: [string, Float32Array[] | undefined][] = [
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

function caption(data: Reconstructions, index: number, row: string): HTMLElement | undefined {
  return row === 'Output' && data.labels?.[index] !== undefined ? h('figcaption', { text: data.labels[index] }) : undefined;
}
