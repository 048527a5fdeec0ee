// Log-scale toggle and EMA smoothing slider; both are preferences persisted with the webview state.
import { h } from '../shared/dom';
import type { Store } from '../store';

export function curvesToolbar(store: Store): HTMLElement {
  const logScale = h('vscode-checkbox', { text: 'Log scale', className: 'log-scale' });
  logScale.checked = store.ui.prefs.logScale;
  logScale.addEventListener('change', () => store.setPrefs({ logScale: logScale.checked }));

  const slider = h('input', { className: 'smoothing-slider', attrs: { type: 'range', min: '0', max: '0.99', step: '0.01', 'aria-label': 'Smoothing' } });
  slider.value = String(store.ui.prefs.smoothing);
  const value = h('span', { className: 'smoothing-value', text: store.ui.prefs.smoothing.toFixed(2) });
  slider.addEventListener('input', () => {
    value.textContent = Number(slider.value).toFixed(2);
    store.setPrefs({ smoothing: Number(slider.value) });
  });
  return h('div', { className: 'toolbar' }, logScale, h('label', { className: 'slider-label' }, 'Smoothing', slider, value));
}
