// The per-pixel error as a heat map: a sequential scale from dark (no error) to bright yellow (the largest error in
// this sample), with a legend that says what the ends mean. Channels are averaged into one value per pixel.
import { h } from '../shared/dom';
import { formatLoss } from '../shared/format';
import { pixelCanvas, type ImageShape } from '../shared/sampleImage';

/** Dark to bright, readable on light and dark themes alike; interpolated linearly in RGB. */
const STOPS: [number, number, number][] = [
  [0, 0, 4],
  [87, 16, 110],
  [188, 55, 84],
  [249, 142, 9],
  [252, 255, 164],
];

export function heatColor(t: number): [number, number, number] {
  const x = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  return [0, 1, 2].map((c) => Math.round(STOPS[i][c] + (STOPS[i + 1][c] - STOPS[i][c]) * f)) as [number, number, number];
}

/** One error per pixel: the mean over channels. */
export function pixelErrors(errorMap: Float32Array, shape: ImageShape): Float32Array {
  const { height, width, channels } = shape;
  const out = new Float32Array(height * width);
  for (let p = 0; p < out.length; p++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += errorMap[p * channels + c];
    out[p] = sum / channels;
  }
  return out;
}

export function heatMapCanvas(errorMap: Float32Array, shape: ImageShape, cssSize: number): { element: HTMLElement; max: number } {
  const errors = pixelErrors(errorMap, shape);
  const max = errors.reduce((m, v) => (v > m ? v : m), 0);
  const canvas = pixelCanvas(shape, cssSize, 'sample-image heat-map', (image) =>
    errors.forEach((value, p) => image.data.set([...heatColor(max > 0 ? value / max : 0), 255], p * 4)),
  );
  return { element: h('div', { className: 'heat-map-block' }, canvas, heatLegend(max, cssSize)), max };
}

function heatLegend(max: number, cssWidth: number): HTMLElement {
  const bar = document.createElement('canvas');
  bar.width = 64;
  bar.height = 1;
  bar.className = 'heat-legend-bar';
  bar.style.width = `${cssWidth}px`;
  const context = bar.getContext('2d')!;
  const image = context.createImageData(64, 1);
  for (let x = 0; x < 64; x++) image.data.set([...heatColor(x / 63), 255], x * 4);
  context.putImageData(image, 0, 0);
  return h('div', { className: 'heat-legend' }, bar, h('div', { className: 'heat-legend-ends' }, h('span', { text: '0' }), h('span', { className: 'heat-legend-max', text: formatLoss(max) })));
}
