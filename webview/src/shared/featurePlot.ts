// Tabular samples: the features of an input (and optionally its reconstruction) as lines on a small canvas.
import { gridColor, seriesColor } from './theme';
import type { Pixels } from './sampleImage';

export function featurePlot(series: { values: Pixels; offset?: number; length: number }[], width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.className = 'feature-plot';
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const context = canvas.getContext('2d')!;
  context.scale(ratio, ratio);
  context.strokeStyle = gridColor();
  context.strokeRect(0.5, 0.5, width - 1, height - 1);
  const scaleOf = (v: number, bytes: boolean) => (bytes ? v / 255 : v);
  series.forEach(({ values, offset = 0, length }, index) => {
    const bytes = values instanceof Uint8Array;
    context.strokeStyle = seriesColor(index);
    context.lineWidth = 1.5;
    context.beginPath();
    for (let i = 0; i < length; i++) {
      const x = 3 + ((width - 6) * i) / Math.max(1, length - 1);
      const v = Math.max(0, Math.min(1, scaleOf(values[offset + i], bytes)));
      const y = height - 3 - (height - 6) * v;
      if (i === 0) context.moveTo(x, y);
      else context.lineTo(x, y);
    }
    context.stroke();
  });
  return canvas;
}
