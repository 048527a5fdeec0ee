// An image probe: input, reconstruction and the error heat map side by side.
import type { ProbeResult } from '../../../src/protocol/dashboardMessages';
import { h } from '../shared/dom';
import { sampleCanvas, type ImageShape } from '../shared/sampleImage';
import { heatMapCanvas } from './heatMap';

const SIZE = 168;

export function imageResult(result: ProbeResult, shape: ImageShape): HTMLElement {
  const figure = (caption: string, picture: HTMLElement | undefined, className: string) =>
    picture && h('figure', { className: `probe-figure ${className}` }, picture, h('figcaption', { text: caption }));
  const heat = result.errorMap ? heatMapCanvas(result.errorMap, shape, SIZE) : undefined;
  return h(
    'div',
    { className: 'probe-images' },
    figure('Input', result.input && sampleCanvas(result.input, shape, SIZE), 'probe-input'),
    figure('Reconstruction', result.reconstruction && sampleCanvas(result.reconstruction, shape, SIZE), 'probe-reconstruction'),
    figure('Error per pixel', heat?.element, 'probe-error'),
  );
}
