// How the default threshold is chosen (the run's own, mean + k·std of train errors, or a percentile), and a reset to it.
import { button, h } from '../shared/dom';
import type { Store } from '../store';
import { hasRunThreshold, runThresholdLabel, type ThresholdRule } from './thresholdRule';

export function thresholdControls(store: Store, rule: ThresholdRule): HTMLElement {
  const mode = h('vscode-single-select', { className: 'threshold-mode', attrs: { 'aria-label': 'Threshold rule' } });
  const k = h('vscode-textfield', { className: 'threshold-k number-field', attrs: { type: 'number', 'aria-label': 'k' } });
  const p = h('vscode-textfield', { className: 'threshold-percentile number-field', attrs: { type: 'number', 'aria-label': 'Percentile' } });
  const kField = h('label', { className: 'field' }, h('span', { text: 'k' }), k);
  const pField = h('label', { className: 'field' }, h('span', { text: 'Percentile' }), p);
  let runLabel: string | undefined;
  const sync = () => {
    const prefs = store.ui.prefs;
    const runThreshold = store.data.errors?.threshold;
    // The run's option exists only for runs that keep a threshold (runs recorded before had none).
    const label = runThreshold ? runThresholdLabel(runThreshold) : undefined;
    if (label !== runLabel || !mode.children.length) {
      runLabel = label;
      mode.replaceChildren(
        ...(label ? [h('vscode-option', { text: label, attrs: { value: 'run' } })] : []),
        h('vscode-option', { text: 'mean + k·std (train)', attrs: { value: 'std' } }),
        h('vscode-option', { text: 'percentile (train)', attrs: { value: 'percentile' } }),
      );
    }
    const followsRun = hasRunThreshold(store.data.errors, rule);
    mode.value = followsRun ? 'run' : prefs.usePercentile ? 'percentile' : 'std';
    k.value = String(prefs.k);
    p.value = String(prefs.percentile);
    kField.hidden = followsRun || prefs.usePercentile;
    pField.hidden = followsRun || !prefs.usePercentile;
  };
  // Changing the rule drops a dragged threshold, so the new default applies.
  const apply = (partial: Parameters<Store['setPrefs']>[0]) => {
    rule.useRun = false;
    store.setPrefs(partial);
    store.setUi({ threshold: null });
  };
  mode.addEventListener('change', () => {
    if (mode.value !== 'run') return apply({ usePercentile: mode.value === 'percentile' });
    rule.useRun = true;
    store.setUi({ threshold: null });
    sync();
  });
  k.addEventListener('change', () => Number.isFinite(Number(k.value)) && apply({ k: Number(k.value) }));
  p.addEventListener('change', () => Number.isFinite(Number(p.value)) && apply({ percentile: Math.min(100, Math.max(0, Number(p.value))) }));
  store.on(['prefs', 'errors'], sync);
  sync();
  const reset = button('Reset threshold', 'discard', () => store.setUi({ threshold: null }), true);
  return h('div', { className: 'toolbar' }, h('label', { className: 'field' }, h('span', { text: 'Default threshold' }), mode), kField, pField, reset);
}
