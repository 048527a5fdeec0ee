// A small canvas loss curve for the side view: train and validation loss, no axes, latest values in the text.
import type { EpochMetrics } from '../../../src/protocol/trainerMessages';
import { h } from '../shared/dom';
import { observeSize } from '../shared/observeSize';
import { gridColor, seriesColor } from '../shared/theme';

const HEIGHT = 80;

export class MiniCurve {
  readonly canvas = h('canvas', { className: 'mini-curve' });
  private metrics: EpochMetrics[] = [];
  private width = 0;

  constructor() {
    observeSize(this.canvas, (width) => {
      this.width = width;
      this.draw();
    });
  }

  update(metrics: EpochMetrics[]): void {
    this.metrics = metrics;
    this.draw();
  }

  private draw(): void {
    if (this.width <= 0) return;
    const ratio = window.devicePixelRatio || 1;
    Object.assign(this.canvas, { width: Math.round(this.width * ratio), height: Math.round(HEIGHT * ratio) });
    this.canvas.style.height = `${HEIGHT}px`;
    const context = this.canvas.getContext('2d')!;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.strokeStyle = gridColor();
    context.strokeRect(0.5, 0.5, this.width - 1, HEIGHT - 1);
    const lines = [this.metrics.map((m) => m.loss), this.metrics.map((m) => m.val_loss)];
    const values = lines.flat().filter((v): v is number => v !== null && Number.isFinite(v));
    if (!values.length) return;
    const [min, max] = [Math.min(...values), Math.max(...values)];
    const x = (i: number) => 4 + ((this.width - 8) * i) / Math.max(1, this.metrics.length - 1);
    const y = (v: number) => HEIGHT - 6 - ((HEIGHT - 12) * (v - min)) / Math.max(max - min, 1e-12);
    lines.forEach((line, index) => {
      context.strokeStyle = context.fillStyle = seriesColor(index);
      context.lineWidth = 1.5;
      context.beginPath();
      line.forEach((v, i) => v !== null && (i === 0 ? context.moveTo(x(i), y(v)) : context.lineTo(x(i), y(v))));
      context.stroke();
      if (line.length === 1 && line[0] !== null) context.fillRect(x(0) - 2, y(line[0]) - 2, 4, 4);
    });
  }
}
