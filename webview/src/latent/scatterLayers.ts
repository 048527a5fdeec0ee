// Two stacked canvases: the points (redrawn on data, pan and zoom) and an overlay for hover and picks (redrawn on
// every mouse move, which stays cheap because the 10,000 points are not touched).
import { h } from '../shared/dom';
import { focusColor, foreground, labelColor, seriesColor } from '../shared/theme';
import type { Viewport } from './viewport';

export interface ScatterData {
  points: Float32Array;
  count: number;
  /** Point indices grouped by label, so each colour is set once per frame. */
  groups: { label: number; indices: Int32Array }[];
  hidden: Set<number>;
}

export class ScatterLayers {
  readonly element: HTMLElement;
  readonly pointsCanvas = h('canvas', { className: 'latent-points' });
  private readonly overlayCanvas = h('canvas', { className: 'latent-overlay' });
  private ratio = 1;

  constructor() {
    this.element = h('div', { className: 'latent-layers' }, this.pointsCanvas, this.overlayCanvas);
  }

  resize(width: number, height: number): void {
    this.ratio = window.devicePixelRatio || 1;
    for (const canvas of [this.pointsCanvas, this.overlayCanvas]) {
      canvas.width = Math.max(1, Math.round(width * this.ratio));
      canvas.height = Math.max(1, Math.round(height * this.ratio));
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
  }

  drawPoints(data: ScatterData, view: Viewport, hasLabels: boolean): number {
    const context = this.context(this.pointsCanvas);
    const size = data.count > 3000 ? 3 : 4;
    const half = size / 2;
    let drawn = 0;
    context.globalAlpha = 0.85;
    for (const group of data.groups) {
      if (data.hidden.has(group.label)) continue;
      context.fillStyle = hasLabels ? labelColor(group.label) : seriesColor(0);
      for (const i of group.indices) {
        context.fillRect(view.toScreenX(data.points[2 * i]) - half, view.toScreenY(data.points[2 * i + 1]) - half, size, size);
      }
      drawn += group.indices.length;
    }
    this.pointsCanvas.dataset.drawn = String(drawn);
    return drawn;
  }

  drawOverlay(points: Float32Array, view: Viewport, hovered: number, picks: number[], neighbors: number[] = []): void {
    const context = this.context(this.overlayCanvas);
    const ring = (i: number, radius: number, color: string, width: number) => {
      context.beginPath();
      context.arc(view.toScreenX(points[2 * i]), view.toScreenY(points[2 * i + 1]), radius, 0, 2 * Math.PI);
      context.strokeStyle = color;
      context.lineWidth = width;
      context.stroke();
    };
    const highlight = focusColor();
    neighbors.forEach((i) => ring(i, 5, highlight, 2));
    this.overlayCanvas.dataset.neighbors = neighbors.join(',');
    context.font = 'bold 12px sans-serif';
    picks.forEach((i, n) => {
      ring(i, 7, foreground(), 2.5);
      context.fillStyle = foreground();
      context.fillText(n === 0 ? 'A' : 'B', view.toScreenX(points[2 * i]) + 9, view.toScreenY(points[2 * i + 1]) - 9);
    });
    if (hovered >= 0) ring(hovered, 6, foreground(), 1.5);
  }

  private context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
    const context = canvas.getContext('2d')!;
    context.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    return context;
  }
}
