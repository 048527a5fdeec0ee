// One uPlot chart of the Series view: lines over the series' points, the flagged spans shaded under them, drag to zoom
// (every chart of the view follows through `onZoom`), wheel to pan, and x labels from the series' own times.
import uPlot from 'uplot';
import { observeSize } from '../shared/observeSize';
import { foreground, gridColor } from '../shared/theme';
import type { SeriesAxis } from './seriesAxis';
import { shadingPlugin, type Shading } from './seriesShading';

const CURSOR_SYNC = 'aelab-series';

export interface Line {
  label: string;
  color: string;
  values: ArrayLike<number>;
  dash?: number[];
}

export interface ChartEvents {
  /** The user zoomed this chart (drag or double-click) to [min, max] in x units. */
  onZoom(min: number, max: number): void;
  /** The wheel asked to move the zoomed range by `steps` tenths of its width (negative: back in time). */
  onPan(steps: number): void;
  shading(): Shading;
}

export class SeriesChart {
  private plot: uPlot | undefined;
  private shapeKey = '';
  private width = 0;
  private axis: SeriesAxis = { x: [], time: false, label: () => '' };
  private lines: Line[] = [];
  /** The x range to show, or null for all of it. */
  private range: { min: number; max: number } | null = null;
  private syncing = false;

  constructor(
    readonly element: HTMLElement,
    private readonly height: number,
    private readonly events: ChartEvents,
  ) {
    element.classList.add('line-chart');
    observeSize(element, (width) => {
      if (width === this.width) return;
      this.width = width;
      if (this.plot && width > 0) this.plot.setSize({ width, height: this.height });
      else this.draw();
    });
    element.addEventListener(
      'wheel',
      (event) => {
        if (!this.range) return; // nothing to pan: the whole series is shown
        event.preventDefault();
        this.events.onPan(Math.sign(event.deltaY || event.deltaX));
      },
      { passive: false },
    );
  }

  update(axis: SeriesAxis, lines: Line[]): void {
    Object.assign(this, { axis, lines });
    this.draw();
  }

  /** Shows [min, max] (null: everything) without reporting it back as a zoom. */
  setRange(range: { min: number; max: number } | null): void {
    this.range = range;
    if (!this.plot) return;
    const x = this.axis.x;
    this.syncing = true;
    this.plot.setScale('x', range ?? { min: x[0] ?? 0, max: x[x.length - 1] ?? 1 });
    this.syncing = false;
  }

  private draw(): void {
    if (this.width <= 0 || this.axis.x.length === 0) return;
    // NaN marks points no window covered: gaps, not zeros.
    const ys = this.lines.map((line) => Array.from(line.values, (v) => (Number.isFinite(v) ? v : null)));
    const data = [this.axis.x, ...ys] as uPlot.AlignedData;
    const key = JSON.stringify([this.lines.map((l) => [l.label, l.color, l.dash]), this.axis.time, document.body.className]);
    if (this.plot && key === this.shapeKey) {
      this.plot.setData(data, !this.range);
      if (this.range) this.setRange(this.range);
      return;
    }
    this.plot?.destroy();
    this.shapeKey = key;
    this.plot = new uPlot(this.options(), data, this.element);
    if (this.range) this.setRange(this.range);
  }

  private options(): uPlot.Options {
    const axisStyle = { stroke: foreground(), grid: { stroke: gridColor(), width: 1 }, ticks: { stroke: gridColor(), width: 1 } };
    const { axis } = this;
    const xAxis: uPlot.Axis = axis.time ? { ...axisStyle } : { ...axisStyle, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000], values: (_u, splits) => splits.map((v) => axis.label(v)) };
    return {
      width: this.width,
      height: this.height,
      // Dates are shown in UTC, the zone their text was read in.
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      scales: { x: { time: axis.time } },
      axes: [xAxis, { ...axisStyle, size: 60 }],
      series: [
        { label: 'time', value: (_u, _v, _s, index) => (index === null || index === undefined ? '--' : axis.label(index)) },
        ...this.lines.map((line) => ({ label: line.label, stroke: line.color, width: line.dash ? 1.5 : 1.25, dash: line.dash, points: { show: false } })),
      ],
      legend: { live: true },
      // One cursor across the view's charts: hovering a time shows it on the columns and the error alike.
      cursor: { drag: { x: true, y: false, setScale: true }, sync: { key: CURSOR_SYNC } },
      plugins: [shadingPlugin(() => this.events.shading(), this.element)],
      hooks: {
        setScale: [
          (u, scale) => {
            if (scale !== 'x' || this.syncing) return;
            const { min, max } = u.scales.x;
            if (min !== undefined && max !== undefined && min !== null && max !== null) this.events.onZoom(min, max);
          },
        ],
      },
    };
  }
}
