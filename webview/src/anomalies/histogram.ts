// Histogram of validation reconstruction errors with a threshold line the user drags (or clicks to place).
import { h } from '../shared/dom';
import { formatLoss } from '../shared/format';
import { observeSize } from '../shared/observeSize';
import { cssVar, foreground, gridColor, mutedForeground } from '../shared/theme';

const BINS = 50;
// The top margin holds the threshold label, so it never sits on the bars.
const PAD = { left: 44, right: 12, top: 24, bottom: 26 };

export class ErrorHistogram {
  readonly canvas = h('canvas', { className: 'error-histogram', attrs: { 'aria-label': 'Reconstruction error histogram; drag to move the threshold' } });
  private values: Float32Array = new Float32Array(0);
  private threshold = 0;
  private range: [number, number] = [0, 1];
  private size = { width: 0, height: 232 };

  constructor(private readonly onThreshold: (value: number) => void) {
    observeSize(this.canvas, (width) => {
      this.size.width = width;
      this.draw();
    });
    let dragging = false;
    const move = (event: PointerEvent) => this.onThreshold(this.valueAt(event.clientX - this.canvas.getBoundingClientRect().left));
    this.canvas.addEventListener('pointerdown', (event) => {
      dragging = true;
      this.canvas.setPointerCapture(event.pointerId);
      move(event);
    });
    this.canvas.addEventListener('pointermove', (event) => dragging && move(event));
    this.canvas.addEventListener('pointerup', () => (dragging = false));
  }

  update(values: Float32Array, threshold: number): void {
    this.values = values;
    this.threshold = threshold;
    let [min, max] = [Infinity, -Infinity];
    for (const v of values) [min, max] = [Math.min(min, v), Math.max(max, v)];
    if (!Number.isFinite(min)) [min, max] = [0, 1];
    this.range = [Math.min(min, threshold), Math.max(max, threshold, min + 1e-9)];
    this.draw();
  }

  private valueAt(x: number): number {
    const plot = this.size.width - PAD.left - PAD.right;
    const t = Math.min(1, Math.max(0, (x - PAD.left) / Math.max(1, plot)));
    return this.range[0] + t * (this.range[1] - this.range[0]);
  }

  private xOf(value: number): number {
    const plot = this.size.width - PAD.left - PAD.right;
    return PAD.left + ((value - this.range[0]) / (this.range[1] - this.range[0])) * plot;
  }

  private draw(): void {
    const { width, height } = this.size;
    if (width <= 0) return;
    const ratio = window.devicePixelRatio || 1;
    Object.assign(this.canvas, { width: Math.round(width * ratio), height: Math.round(height * ratio) });
    this.canvas.style.height = `${height}px`;
    const context = this.canvas.getContext('2d')!;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const counts = new Array<number>(BINS).fill(0);
    const [lo, hi] = this.range;
    for (const v of this.values) counts[Math.min(BINS - 1, Math.floor(((v - lo) / (hi - lo)) * BINS))]++;
    const top = Math.max(1, ...counts);
    const plotHeight = height - PAD.top - PAD.bottom;
    const binWidth = (width - PAD.left - PAD.right) / BINS;
    counts.forEach((count, bin) => {
      const binStart = lo + ((hi - lo) * bin) / BINS;
      context.fillStyle = binStart >= this.threshold ? cssVar('--vscode-charts-red', '#f14c4c') : cssVar('--vscode-charts-blue', '#3794ff');
      const barHeight = (count / top) * plotHeight;
      context.fillRect(PAD.left + bin * binWidth + 0.5, PAD.top + plotHeight - barHeight, Math.max(1, binWidth - 1), barHeight);
    });
    this.drawAxes(context, top, plotHeight);
  }

  private drawAxes(context: CanvasRenderingContext2D, top: number, plotHeight: number): void {
    const { width } = this.size;
    context.strokeStyle = gridColor();
    context.beginPath();
    context.moveTo(PAD.left, PAD.top + plotHeight + 0.5);
    context.lineTo(width - PAD.right, PAD.top + plotHeight + 0.5);
    context.stroke();
    context.font = '11px sans-serif';
    context.fillStyle = mutedForeground();
    context.textAlign = 'right';
    context.fillText(String(top), PAD.left - 6, PAD.top + 8);
    context.fillText('0', PAD.left - 6, PAD.top + plotHeight);
    context.textAlign = 'left';
    context.fillText(formatLoss(this.range[0]), PAD.left, PAD.top + plotHeight + 16);
    context.textAlign = 'right';
    context.fillText(formatLoss(this.range[1]), width - PAD.right, PAD.top + plotHeight + 16);
    const x = Math.round(this.xOf(this.threshold)) + 0.5;
    context.strokeStyle = foreground();
    context.lineWidth = 2;
    context.setLineDash([5, 3]);
    context.beginPath();
    context.moveTo(x, PAD.top - 6);
    context.lineTo(x, PAD.top + plotHeight);
    context.stroke();
    context.setLineDash([]);
    context.lineWidth = 1;
    context.fillStyle = foreground();
    context.textAlign = x > width / 2 ? 'right' : 'left';
    context.fillText(`threshold ${formatLoss(this.threshold)}`, x + (x > width / 2 ? -6 : 6), PAD.top - 10);
  }
}
