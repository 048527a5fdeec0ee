// Anomalies: where validation errors fall against a threshold, how many are flagged, the worst ones, and export.
import { button, emptyNote, h, replaceChildren, section } from '../shared/dom';
import { formatLoss } from '../shared/format';
import { LazyRender } from '../shared/lazyRender';
import type { Store } from '../store';
import type { View } from '../app/view';
import { postToHost } from '../vscode';
import { countAbove } from './errorStats';
import { ErrorHistogram } from './histogram';
import { thresholdControls } from './thresholdControls';
import { ruleThreshold, type ThresholdRule } from './thresholdRule';
import { worstList } from './worstList';

const WORST_COUNT = 12;

export function anomaliesView(store: Store): View {
  // Starts at the run's own threshold when it has one, so the dashboard flags what `aelab score` would (series and
  // conditional runs send none: theirs is on point errors or the uniform label, so the rule applies to these errors).
  const rule: ThresholdRule = { useRun: true };
  const histogram = new ErrorHistogram((value) => store.setUi({ threshold: value }));
  const count = h('div', { className: 'anomaly-count' });
  const notice = h('div', { className: 'notice' });
  const exportButton = button('Export flagged CSV', 'export', () => postToHost({ type: 'EXPORT_FLAGGED', threshold: currentThreshold() }));
  const worst = h('div', {});
  const empty = emptyNote('Reconstruction errors appear after the first epoch.');
  const body = h('div', { className: 'anomalies-body' }, thresholdControls(store, rule), section('Validation reconstruction error', histogram.canvas, h('div', { className: 'toolbar' }, count, exportButton), notice), section(`Worst ${WORST_COUNT} reconstructions`, worst));
  const element = h('div', { className: 'view anomalies-view' }, empty, body);

  const currentThreshold = () => store.ui.threshold ?? (store.data.errors ? ruleThreshold(store.data.errors, store.ui.prefs, rule) : 0);
  const renderThreshold = () => {
    const errors = store.data.errors;
    if (!errors) return;
    const threshold = currentThreshold();
    histogram.update(errors.validation, threshold);
    const above = countAbove(errors.validation, threshold);
    const share = errors.validation.length ? ((100 * above) / errors.validation.length).toFixed(1) : '0';
    count.textContent = `${above} of ${errors.validation.length} validation samples above ${formatLoss(threshold)} (${share}%), ${errors.metric.toUpperCase()} at epoch ${errors.epoch}`;
    count.dataset.count = String(above);
  };
  const render = new LazyRender(() => {
    const errors = store.data.errors;
    empty.hidden = !!errors;
    body.hidden = !errors;
    if (!errors) return;
    renderThreshold();
    replaceChildren(worst, worstList(store.data, WORST_COUNT));
  });
  const thresholdRender = new LazyRender(renderThreshold);
  store.on(['errors', 'samples'], () => render.invalidate());
  store.on(['threshold', 'prefs'], () => thresholdRender.invalidate());
  store.on(['notice'], () => {
    notice.textContent = store.ui.notice?.message ?? '';
    notice.classList.toggle('error', store.ui.notice?.ok === false);
  });
  return {
    element,
    setActive: (active) => {
      render.setActive(active);
      thresholdRender.setActive(active);
    },
  };
}
