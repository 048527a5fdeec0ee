// The ROC curves (model and PCA) with the chance diagonal and the operating points marked, drawn with uPlot like the
// other charts, on fixed [0, 1] axes.
import uPlot from 'uplot';
import { observeSize } from '../shared/observeSize';
import { cssVar, foreground, gridColor, seriesColor } from '../shared/theme';
import { alignSeries, type RocPoint } from './rocData';

export interface RocCurveSeries {
  label: string;
  points: RocPoint[];
  dash?: number[];
}

export interface RocMarker {
  label: string;
  point: RocPoint;
  /** A VS Code chart colour variable and its fallback. */
  color: [string, string];
}

export class RocChart {
  private plot: uPlot | undefined;
  private width = 0;
  private readonly stopObserving: () => void;

  constructor(readonly element: HTMLElement, private readonly curves: RocCurveSeries[], private readonly markers: RocMarker[], private readonly height = 300) {
    element.classList.add('line-chart', 'roc-chart');
    this.stopObserving = observeSize(element, (width) => {
      if (width === this.width) return;
      this.width = width;
      if (this.plot && width > 0) this.plot.setSize({ width, height: this.height });
      else this.draw();
    });
  }

  private draw(): void {
    if (this.width <= 0) return;
    const chance = [
      { fpr: 0, tpr: 0 },
      { fpr: 1, tpr: 1 },
    ];
    const { x, ys } = alignSeries([...this.curves.map((c) => c.points), chance, ...this.markers.map((m) => [m.point])]);
    const axis = { stroke: foreground(), grid: { stroke: gridColor(), width: 1 }, ticks: { stroke: gridColor(), width: 1 } };
    const line = (label: string, stroke: string, dash?: number[]): uPlot.Series => ({ label, stroke, width: 2, dash, spanGaps: true, points: { show: false } });
    const series: uPlot.Series[] = [
      { label: 'FPR' },
      ...this.curves.map((curve, i) => line(curve.label, seriesColor(i), curve.dash)),
      line('chance', gridColor(), [4, 4]),
      ...this.markers.map((marker): uPlot.Series => {
        const color = cssVar(...marker.color);
        return { label: marker.label, stroke: color, paths: () => null, points: { show: true, size: 11, width: 2, stroke: color, fill: color } };
      }),
    ];
    this.plot?.destroy();
    this.plot = new uPlot(
      {
        width: this.width,
        height: this.height,
        scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
        axes: [
          { ...axis, label: 'false positive rate' },
          { ...axis, label: 'true positive rate', size: 50 },
        ],
        series,
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
      },
      [x, ...ys] as uPlot.AlignedData,
      this.element,
    );
  }

  destroy(): void {
    this.stopObserving();
    this.plot?.destroy();
  }
}
