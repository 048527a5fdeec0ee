// A log-magnitude spectrogram (bins rows, highest frequency first, frames columns, 0-255) drawn on a canvas in a
// perceptual dark-to-bright colour map that reads the same on light and dark themes (quiet is dark, loud is bright).
import { h } from '../shared/dom';

/** Anchors of a viridis-like ramp (dark blue, teal, green, yellow), interpolated linearly in between. */
const ANCHORS: [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** 256 RGB entries, built once. */
const RAMP = (() => {
  const ramp = new Uint8Array(256 * 3);
  for (let v = 0; v < 256; v++) {
    const at = (v / 255) * (ANCHORS.length - 1);
    const i = Math.min(ANCHORS.length - 2, Math.floor(at));
    const t = at - i;
    for (let c = 0; c < 3; c++) ramp[v * 3 + c] = Math.round(ANCHORS[i][c] + (ANCHORS[i + 1][c] - ANCHORS[i][c]) * t);
  }
  return ramp;
})();

export function spectrogramCanvas(values: Uint8Array, bins: number, frames: number, label: string): HTMLCanvasElement {
  const canvas = h('canvas', { className: 'audio-spectrogram', attrs: { role: 'img', 'aria-label': `${label} spectrogram` } });
  canvas.width = frames;
  canvas.height = bins;
  const context = canvas.getContext('2d');
  if (!context) return canvas;
  const image = context.createImageData(frames, bins);
  for (let i = 0; i < bins * frames; i++) {
    const v = values[i];
    image.data[i * 4] = RAMP[v * 3];
    image.data[i * 4 + 1] = RAMP[v * 3 + 1];
    image.data[i * 4 + 2] = RAMP[v * 3 + 2];
    image.data[i * 4 + 3] = 255;
  }
  context.putImageData(image, 0, 0);
  return canvas;
}
