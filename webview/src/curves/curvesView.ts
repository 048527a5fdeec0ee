// Curves: train/val loss and every loss component per epoch, with log scale, smoothing and live batch progress; the
// learning rate and KL weight each in a small chart of its own (their scales differ from the losses') when they vary.
import { h, section } from '../shared/dom';
import { LazyRender } from '../shared/lazyRender';
import { LineChart, type Series } from '../shared/lineChart';
import { seriesColor } from '../shared/theme';
import type { Store } from '../store';
import type { View } from '../app/view';
import { curvesToolbar } from './curvesToolbar';
import { emaSmooth } from './ema';
import { EpochProgress } from './epochProgress';
import { column, componentKeys, scheduleKeys } from './metricSeries';

interface ScheduleChart {
  chart: LineChart;
  section: HTMLElement;
}

function scheduleChart(title: string, className: string): ScheduleChart {
  const chart = new LineChart(h('div', { className: `chart ${className}` }), 140);
  const shown = section(title, chart.element);
  shown.hidden = true; // until a render finds the value changing
  return { chart, section: shown };
}

export function curvesView(store: Store): View {
  const progress = new EpochProgress();
  const loss = new LineChart(h('div', { className: 'chart loss-chart' }), 260);
  const components = new LineChart(h('div', { className: 'chart components-chart' }), 220);
  const componentsSection = section('Loss components', components.element);
  const schedules = {
    lr: scheduleChart('Learning rate', 'lr-chart'),
    beta: scheduleChart('KL weight (β)', 'beta-chart'),
  };
  const element = h('div', { className: 'view curves-view' }, progress.element, curvesToolbar(store), section('Loss', loss.element), componentsSection, schedules.lr.section, schedules.beta.section);

  const render = new LazyRender(() => {
    const { metrics } = store.data;
    const { smoothing, logScale } = store.ui.prefs;
    const epochs = metrics.map((m) => m.epoch);
    const series = (key: string, index: number): Series => ({
      label: key,
      color: seriesColor(index),
      values: emaSmooth(column(metrics, key), smoothing),
      dash: key.startsWith('val_') ? [6, 4] : undefined,
    });
    loss.update(epochs, [series('loss', 0), series('val_loss', 1)], logScale);
    const keys = componentKeys(metrics);
    componentsSection.hidden = keys.length === 0;
    // A val_ twin shares its train key's colour; the dash tells them apart.
    const colorIndex = (key: string) => 2 + keys.filter((k) => !k.startsWith('val_')).indexOf(key.replace(/^val_/, ''));
    if (keys.length) components.update(epochs, keys.map((key) => series(key, colorIndex(key))), logScale);
    const shown = scheduleKeys(metrics);
    for (const [key, schedule] of Object.entries(schedules) as [keyof typeof schedules, ScheduleChart][]) {
      schedule.section.hidden = !shown.includes(key);
      // Unsmoothed and on a linear scale: these are the values set, not noisy measurements.
      if (shown.includes(key)) schedule.chart.update(epochs, [{ label: key, color: seriesColor(2 + keys.length + shown.indexOf(key)), values: column(metrics, key) }], false);
    }
  });
  store.on(['metrics', 'prefs'], () => render.invalidate());
  store.on(['run', 'progress', 'metrics'], () => progress.update(store.data));
  progress.update(store.data);
  return { element, setActive: (active) => render.setActive(active) };
}
