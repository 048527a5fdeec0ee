// Series: a time-series run's data after the last epoch: each column with the model's reconstruction overlaid, the
// point error below with the threshold, flagged spans shaded and the validation tail marked on every chart. Dragging
// zooms every chart to the same range, the wheel or the arrows pan it, and Reset shows the whole series again.
import type { DashboardData } from '../../../src/protocol/dashboardMessages';
import { button, emptyNote, h, replaceChildren, section } from '../shared/dom';
import { formatLoss } from '../shared/format';
import { LazyRender } from '../shared/lazyRender';
import { cssVar, seriesColor } from '../shared/theme';
import type { Store } from '../store';
import type { View } from '../app/view';
import { seriesAxis, visiblePoints, type SeriesAxis } from './seriesAxis';
import { SeriesChart, type ChartEvents, type Line } from './seriesChart';

const COLUMN_HEIGHT = 200;
const ERROR_HEIGHT = 170;
/** A pan step: a tenth of the visible width. */
const PAN_SHARE = 0.1;

type Payload = NonNullable<DashboardData['series']>;

function emptyText(data: DashboardData): string {
  if (data.run && data.metrics.length > 0) return 'This run\'s data is not a time series: the Series view shows runs on data.format "timeseries" (a CSV of readings over time, cut into windows).';
  return 'The series, its reconstruction and each point\'s error appear after the first epoch of a run on a time series (data.format "timeseries").';
}

function summary(series: Payload): string {
  const threshold = series.threshold === null ? 'no threshold (no finite training error)' : `threshold ${formatLoss(series.threshold)}`;
  const spans = `${series.spans.length} flagged span${series.spans.length === 1 ? '' : 's'}`;
  return `Epoch ${series.epoch} · ${series.times.length} points · error per point: ${series.aggregate} over the windows covering it · ${threshold} · ${spans}`;
}

export function seriesView(store: Store): View {
  let axis: SeriesAxis = seriesAxis([]);
  let range: { min: number; max: number } | null = null;
  const shading = () => ({ spans: store.data.series?.spans ?? [], validationStart: store.data.series?.validationStart ?? null });

  const info = h('p', { className: 'caption series-summary' });
  const shown = h('span', { className: 'series-range' });
  const columnsBox = h('div', { className: 'series-columns' });
  let columnCharts: SeriesChart[] = [];
  let columnKey = '';
  const events: ChartEvents = { onZoom: (min, max) => zoomTo(min, max), onPan: (steps) => pan(steps), shading };
  const errorChart = new SeriesChart(h('div', { className: 'chart series-error-chart' }), ERROR_HEIGHT, events);
  const reset = button('Reset zoom', 'zoom-out', () => zoomTo(-Infinity, Infinity), true);
  reset.classList.add('series-reset');
  const back = button('', 'arrow-left', () => pan(-1), true);
  const forward = button('', 'arrow-right', () => pan(1), true);
  back.title = 'Earlier';
  forward.title = 'Later';
  back.classList.add('series-pan-back');
  forward.classList.add('series-pan-forward');
  const toolbar = h('div', { className: 'toolbar' }, reset, back, forward, shown, h('span', { className: 'caption', text: 'Drag across a chart to zoom; the wheel pans.' }));
  const empty = emptyNote('');
  const body = h('div', { className: 'series-body' }, info, toolbar, columnsBox, section('Point error', errorChart.element));
  const element = h('div', { className: 'view series-view' }, empty, body);

  const charts = () => [...columnCharts, errorChart];
  const showRange = () => {
    const x = axis.x;
    const { first, count } = range ? visiblePoints(x, range.min, range.max) : { first: 0, count: x.length };
    shown.textContent = count ? `${axis.label(first)} – ${axis.label(first + count - 1)} (${count} of ${x.length} points)` : `0 of ${x.length} points`;
    element.dataset.visiblePoints = String(count);
    element.dataset.firstPoint = String(first);
    back.disabled = forward.disabled = !range;
    reset.disabled = !range;
  };
  const apply = () => {
    charts().forEach((chart) => chart.setRange(range));
    showRange();
  };
  /** Zooms every chart to [min, max], clamped to the series; the whole series means no zoom. */
  const zoomTo = (min: number, max: number) => {
    const x = axis.x;
    if (x.length === 0) return;
    const lo = Math.max(min, x[0]);
    const hi = Math.min(max, x[x.length - 1]);
    range = hi > lo && (lo > x[0] || hi < x[x.length - 1]) ? { min: lo, max: hi } : null;
    apply();
  };
  const pan = (steps: number) => {
    if (!range || steps === 0) return;
    const x = axis.x;
    const width = range.max - range.min;
    const shift = Math.max(x[0] - range.min, Math.min(x[x.length - 1] - range.max, steps * width * PAN_SHARE));
    range = { min: range.min + shift, max: range.max + shift };
    apply();
  };

  const render = new LazyRender(() => {
    const series = store.data.series;
    empty.textContent = emptyText(store.data);
    empty.hidden = !!series;
    body.hidden = !series;
    if (!series) return;
    const nextAxis = seriesAxis(series.times);
    // A new epoch keeps the zoom; a different series starts whole.
    if (nextAxis.x.length !== axis.x.length || nextAxis.x[0] !== axis.x[0]) range = null;
    axis = nextAxis;
    element.dataset.timeAxis = String(axis.time);
    info.textContent = summary(series);
    const key = JSON.stringify(series.columns);
    if (key !== columnKey) {
      columnKey = key;
      columnCharts = series.columns.map(() => new SeriesChart(h('div', { className: 'chart series-column-chart' }), COLUMN_HEIGHT, events));
      replaceChildren(columnsBox, ...series.columns.map((column, c) => section(column, columnCharts[c].element)));
    }
    series.columns.forEach((column, c) =>
      columnCharts[c].update(axis, [
        { label: column, color: seriesColor(0), values: series.values[c] },
        { label: 'reconstruction', color: seriesColor(1), values: series.reconstruction[c], dash: [5, 3] },
      ]),
    );
    const errorLines: Line[] = [{ label: 'point error', color: seriesColor(3), values: series.errors }];
    if (series.threshold !== null) errorLines.push({ label: 'threshold', color: cssVar('--vscode-editorError-foreground', '#f14c4c'), values: new Float32Array(series.errors.length).fill(series.threshold), dash: [6, 4] });
    errorChart.update(axis, errorLines);
    apply();
  });
  store.on(['series', 'run', 'metrics'], () => render.invalidate());
  return { element, setActive: (active) => render.setActive(active) };
}
