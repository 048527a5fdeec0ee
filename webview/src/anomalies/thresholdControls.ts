// How the default threshold is chosen (mean + k·std of train errors, or a percentile), and a reset to it.
import { button, h } from '../shared/dom';
import type { Store } from '../store';

export function thresholdControls(store: Store): HTMLElement {
  const mode = h('vscode-single-select', { className: 'threshold-mode', attrs: { 'aria-label': 'Threshold rule' } });
  mode.append(h('vscode-option', { text: 'mean + k·std (train)', attrs: { value: 'std' } }), h('vscode-option', { text: 'percentile (train)', attrs: { value: 'percentile' } }));
  const k = h('vscode-textfield', { className: 'threshold-k number-field', attrs: { type: 'number', 'aria-label': 'k' } });
  const p = h('vscode-textfield', { className: 'threshold-percentile number-field', attrs: { type: 'number', 'aria-label': 'Percentile' } });
  const kField = h('label', { className: 'field' }, h('span', { text: 'k' }), k);
  const pField = h('label', { className: 'field' }, h('span', { text: 'Percentile' }), p);
  const sync = () => {
    const prefs = store.ui.prefs;
    mode.value = prefs.usePercentile ? 'percentile' : 'std';
    k.value = String(prefs.k);
    p.value = String(prefs.percentile);
    kField.hidden = prefs.usePercentile;
    pField.hidden = !prefs.usePercentile;
  };
  // Changing the rule drops a dragged threshold, so the new default applies.
  const apply = (partial: Parameters<Store['setPrefs']>[0]) => {
    store.setPrefs(partial);
    store.setUi({ threshold: null });
  };
  mode.addEventListener('change', () => apply({ usePercentile: mode.value === 'percentile' }));
  k.addEventListener('change', () => Number.isFinite(Number(k.value)) && apply({ k: Number(k.value) }));
  p.addEventListener('change', () => Number.isFinite(Number(p.value)) && apply({ percentile: Math.min(100, Math.max(0, Number(p.value))) }));
  store.on(['prefs'], sync);
  sync();
  const reset = button('Reset threshold', 'discard', () => store.setUi({ threshold: null }), true);
  return h('div', { className: 'toolbar' }, h('label', { className: 'field' }, h('span', { text: 'Default threshold' }), mode), kField, pField, reset);
}
