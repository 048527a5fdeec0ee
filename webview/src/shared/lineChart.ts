// A themed uPlot line chart that follows its container's width and is rebuilt when its series or scale change.
import uPlot from 'uplot';
import { observeSize } from './observeSize';
import { foreground, gridColor } from './theme';

export interface Series {
  label: string;
  color: string;
  values: (number | null)[];
  dash?: number[];
}

export class LineChart {
  private plot: uPlot | undefined;
  private shapeKey = '';
  private width = 0;
  private x: number[] = [];
  private series: Series[] = [];
  private logScale = false;
  private readonly stopObserving: () => void;

  constructor(readonly element: HTMLElement, private readonly height: number, private readonly xLabel = 'epoch') {
    element.classList.add('line-chart');
    this.stopObserving = observeSize(element, (width) => {
      if (width === this.width) return;
      this.width = width;
      if (this.plot && width > 0) this.plot.setSize({ width, height: this.height });
      else this.draw();
    });
  }

  update(x: number[], series: Series[], logScale: boolean): void {
    Object.assign(this, { x, series, logScale });
    this.draw();
  }

  private draw(): void {
    if (this.width <= 0) return;
    // Log scales cannot show zero or negative values: leave gaps instead of breaking the axis.
    const ys = this.series.map((s) => s.values.map((v) => (v === null || !Number.isFinite(v) || (this.logScale && v <= 0) ? null : v)));
    const data = [this.x, ...ys] as uPlot.AlignedData;
    const key = JSON.stringify([this.series.map((s) => [s.label, s.color, s.dash]), this.logScale, document.body.className]);
    if (this.plot && key === this.shapeKey) return this.plot.setData(data);
    this.plot?.destroy();
    this.shapeKey = key;
    this.plot = new uPlot(this.options(), data, this.element);
  }

  private options(): uPlot.Options {
    const axis = { stroke: foreground(), grid: { stroke: gridColor(), width: 1 }, ticks: { stroke: gridColor(), width: 1 } };
    return {
      width: this.width,
      height: this.height,
      scales: { x: { time: false }, y: this.logScale ? { distr: 3 } : {} },
      // Epochs are whole numbers: no 0.2-epoch ticks.
      axes: [{ ...axis, label: this.xLabel, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] }, { ...axis, size: 60 }],
      series: [{ label: this.xLabel }, ...this.series.map((s) => ({ label: s.label, stroke: s.color, width: 2, dash: s.dash, points: { show: this.x.length < 40 } }))],
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
    };
  }

  destroy(): void {
    this.stopObserving();
    this.plot?.destroy();
  }
}
