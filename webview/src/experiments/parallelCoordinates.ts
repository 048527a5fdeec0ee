// Parallel coordinates on a canvas: one vertical axis per chosen parameter and the chosen metric last; numeric axes
// scaled min–max (low at the bottom), other values spaced evenly in sorted order, missing values on a band below.
// Lines are coloured by the metric on a ramp between two theme colours; the best run's line is drawn on top, thicker,
// and labelled. Written here rather than added as a dependency: uPlot does not draw parallel coordinates and d3 would
// be a large new dependency for one plot.
import type { ExperimentRow } from '../../../src/protocol/dashboardMessages';
import { columnLabel } from '../../../src/protocol/experimentColumns';
import { h } from '../shared/dom';
import { observeSize } from '../shared/observeSize';
import { cssVar, focusColor, foreground, gridColor, mutedForeground } from '../shared/theme';

export interface ParallelInput {
  rows: ExperimentRow[];
  /** Parameter columns (p:<key>), one axis each. */
  axes: string[];
  metric: string;
  goal: 'min' | 'max';
}

const HEIGHT = 300;
const MARGIN = { top: 34, bottom: 30, left: 48, right: 150 };
const MISSING_OFFSET = 16;
const HIT_DISTANCE = 6;

interface Line {
  runId: string;
  name: string;
  points: [number, number][];
  /** 0 for the worst metric value, 1 for the best. */
  quality: number;
}

export class ParallelCoordinates {
  readonly canvas = h('canvas', { className: 'parallel-canvas', attrs: { 'aria-label': 'Parallel coordinates of the chosen parameters against the chosen metric' } });
  private input: ParallelInput | null = null;
  private lines: Line[] = [];
  private width = 0;
  private hovered: string | null = null;

  constructor(private readonly onHover: (runId: string | null) => void) {
    observeSize(this.canvas, (width) => {
      if (width && width !== this.width) {
        this.width = width;
        this.draw();
      }
    });
    this.canvas.addEventListener('pointermove', (event) => {
      const box = this.canvas.getBoundingClientRect();
      const runId = this.lineAt(event.clientX - box.left, event.clientY - box.top);
      if (runId !== this.hovered) this.onHover(runId);
    });
    this.canvas.addEventListener('pointerleave', () => this.hovered && this.onHover(null));
  }

  update(input: ParallelInput): void {
    this.input = input;
    this.draw();
  }

  highlight(runId: string | null): void {
    this.hovered = runId;
    this.draw();
  }

  private draw(): void {
    const width = this.width || this.canvas.clientWidth;
    const ratio = window.devicePixelRatio || 1;
    Object.assign(this.canvas, { width: Math.round(width * ratio), height: Math.round(HEIGHT * ratio) });
    this.canvas.style.height = `${HEIGHT}px`;
    const ctx = this.canvas.getContext('2d');
    if (!ctx || !width || !this.input) return;
    ctx.scale(ratio, ratio);
    const { rows, axes, metric, goal } = this.input;
    const columns = [...axes, `m:${metric}`];
    const top = MARGIN.top;
    const bottom = HEIGHT - MARGIN.bottom;
    const span = width - MARGIN.left - MARGIN.right;
    const xOf = (i: number) => MARGIN.left + (columns.length > 1 ? (i * span) / (columns.length - 1) : span);
    const shown = rows.filter((row) => typeof row.metrics[metric] === 'number');
    const scales = columns.map((column) => axisScale(shown.map((row) => valueOf(row, column))));
    const metricValues = shown.map((row) => row.metrics[metric] as number);
    const [lo, hi] = [Math.min(...metricValues), Math.max(...metricValues)];
    this.lines = shown.map((row) => {
      const value = row.metrics[metric] as number;
      const t = hi > lo ? (value - lo) / (hi - lo) : 1;
      return {
        runId: row.runId,
        name: row.name,
        quality: goal === 'min' ? 1 - t : t,
        points: columns.map((column, i) => {
          const position = scales[i].position(valueOf(row, column));
          return [xOf(i), position === null ? bottom + MISSING_OFFSET : bottom - position * (bottom - top)];
        }),
      };
    });
    const best = this.lines.reduce<Line | undefined>((a, b) => (!a || b.quality > a.quality ? b : a), undefined);
    Object.assign(this.canvas.dataset, { plotTop: String(top), plotBottom: String(bottom), metricX: String(xOf(columns.length - 1)), bestRunId: best?.runId ?? '', hoveredRunId: this.hovered ?? '' });

    ctx.font = `11px ${cssVar('--vscode-font-family', 'sans-serif')}`;
    columns.forEach((column, i) => drawAxis(ctx, column, scales[i], xOf(i), top, bottom));
    const [good, bad] = [parseColor(cssVar('--vscode-charts-blue', '#3794ff')), parseColor(cssVar('--vscode-charts-orange', '#d18616'))];
    ctx.lineWidth = 1.5;
    for (const line of this.lines) {
      if (line === best || line.runId === this.hovered) continue;
      ctx.strokeStyle = mix(bad, good, line.quality);
      stroke(ctx, line.points);
    }
    if (best) {
      ctx.lineWidth = 3.5;
      ctx.strokeStyle = foreground();
      stroke(ctx, best.points);
      const [x, y] = best.points[best.points.length - 1];
      ctx.fillStyle = foreground();
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(`best: ${best.name}`, x + 8, Math.max(top, Math.min(bottom, y)));
    }
    const hovered = this.lines.find((line) => line.runId === this.hovered);
    if (hovered && hovered !== best) {
      ctx.lineWidth = 3;
      ctx.strokeStyle = focusColor();
      stroke(ctx, hovered.points);
    }
  }

  private lineAt(x: number, y: number): string | null {
    let found: string | null = null;
    let nearest = HIT_DISTANCE;
    for (const line of this.lines) {
      for (let i = 1; i < line.points.length; i++) {
        const distance = segmentDistance([x, y], line.points[i - 1], line.points[i]);
        if (distance < nearest) [nearest, found] = [distance, line.runId];
      }
    }
    return found;
  }
}

interface AxisScale {
  /** 0 at the bottom, 1 at the top; null for a missing value. */
  position(value: string | number | null): number | null;
  ticks: { label: string; position: number }[];
}

function valueOf(row: ExperimentRow, column: string): string | number | null {
  return column.startsWith('m:') ? (row.metrics[column.slice(2)] ?? null) : (row.params[column.slice(2)] ?? null);
}

export function axisScale(values: (string | number | null)[]): AxisScale {
  const present = values.filter((value) => value !== null);
  const numbers = present.map(Number);
  if (present.length && numbers.every(Number.isFinite)) {
    const [lo, hi] = [Math.min(...numbers), Math.max(...numbers)];
    const position = (value: string | number | null) => (value === null ? null : hi > lo ? (Number(value) - lo) / (hi - lo) : 0.5);
    const ticks = hi > lo ? [{ label: short(lo), position: 0 }, { label: short(hi), position: 1 }] : [{ label: short(lo), position: 0.5 }];
    return { position, ticks };
  }
  const categories = [...new Set(present.map(String))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const at = (i: number) => (categories.length > 1 ? i / (categories.length - 1) : 0.5);
  return { position: (value) => (value === null ? null : at(categories.indexOf(String(value)))), ticks: categories.map((label, i) => ({ label, position: at(i) })) };
}

function short(value: number): string {
  return Math.abs(value) >= 1e4 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(2) : String(Number(value.toPrecision(4)));
}

function drawAxis(ctx: CanvasRenderingContext2D, column: string, scale: AxisScale, x: number, top: number, bottom: number): void {
  ctx.strokeStyle = gridColor();
  ctx.lineWidth = 1;
  stroke(ctx, [[x, top], [x, bottom]]);
  ctx.fillStyle = foreground();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(columnLabel(column), x, top - 14);
  ctx.fillStyle = mutedForeground();
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const tick of scale.ticks.slice(0, 12)) ctx.fillText(tick.label.slice(0, 14), x - 4, bottom - tick.position * (bottom - top));
}

function stroke(ctx: CanvasRenderingContext2D, points: [number, number][]): void {
  ctx.beginPath();
  points.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
  ctx.stroke();
}

function segmentDistance([px, py]: [number, number], [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const [dx, dy] = [bx - ax, by - ay];
  const length = dx * dx + dy * dy;
  const t = length ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length)) : 0;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function parseColor(text: string): [number, number, number] {
  const hex = /^#([0-9a-f]{6})/i.exec(text.trim())?.[1];
  return hex ? [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number] : [128, 128, 128];
}

function mix(a: [number, number, number], b: [number, number, number], t: number): string {
  return `rgb(${a.map((v, i) => Math.round(v + (b[i] - v) * t)).join(',')})`;
}
