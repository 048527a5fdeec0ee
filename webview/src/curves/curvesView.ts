// Curves: train/val loss and every loss component per epoch, with log scale, smoothing and live batch progress.
import { h, section } from '../shared/dom';
import { LazyRender } from '../shared/lazyRender';
import { LineChart, type Series } from '../shared/lineChart';
import { seriesColor } from '../shared/theme';
import type { Store } from '../store';
import type { View } from '../app/view';
import { curvesToolbar } from './curvesToolbar';
import { emaSmooth } from './ema';
import { EpochProgress } from './epochProgress';
import { column, componentKeys } from './metricSeries';

export function curvesView(store: Store): View {
  const progress = new EpochProgress();
  const loss = new LineChart(h('div', { className: 'chart loss-chart' }), 260);
  const components = new LineChart(h('div', { className: 'chart components-chart' }), 220);
  const componentsSection = section('Loss components', components.element);
  const element = h('div', { className: 'view curves-view' }, progress.element, curvesToolbar(store), section('Loss', loss.element), componentsSection);

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
  });
  store.on(['metrics', 'prefs'], () => render.invalidate());
  store.on(['run', 'progress', 'metrics'], () => progress.update(store.data));
  progress.update(store.data);
  return { element, setActive: (active) => render.setActive(active) };
}
