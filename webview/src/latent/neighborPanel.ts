// Under the scatter: the clicked point's nearest validation samples in the latent space, with thumbnails.
import type { DashboardData } from '../../../src/protocol/dashboardMessages';
import { h, replaceChildren } from '../shared/dom';
import { featurePlot } from '../shared/featurePlot';
import { neighborCards } from '../shared/neighborCards';
import { imageShape, sampleCanvas, sampleSize } from '../shared/sampleImage';
import type { NearCode } from './nearestCodes';
import { describeSample } from './picks';

export function renderNeighbors(target: HTMLElement, data: Pick<DashboardData, 'samples' | 'run'>, query: number, neighbors: NearCode[]): void {
  const samples = data.samples;
  const labelNames = samples?.labelNames ?? data.run?.labelNames;
  const labelOf = (index: number) => {
    const label = samples?.labels?.[index];
    return label === undefined ? null : (labelNames?.[label] ?? String(label));
  };
  const title = h('h3', { className: 'section-title', text: `Nearest ${neighbors.length} to ${describeSample(data, query)} in the latent space (euclidean, all dimensions)` });
  replaceChildren(target, title, neighborCards(neighbors.map(({ index, distance }) => ({ picture: thumbnail(index, data), label: labelOf(index), source: samples?.sourceNames?.[index] ?? `validation sample ${index + 1}`, distance, index }))));
}

function thumbnail(index: number, data: Pick<DashboardData, 'samples'>): HTMLElement | undefined {
  const samples = data.samples;
  if (!samples || index >= samples.count) return undefined;
  const size = sampleSize(samples.sampleShape);
  const shape = imageShape(samples.sampleShape);
  return shape ? sampleCanvas(samples.values, shape, 56, index * size) : featurePlot([{ values: samples.values, offset: index * size, length: size }], 110, 48);
}
