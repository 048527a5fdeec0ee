// Latent space: the trainer's 2-D projection of the validation codes, coloured by label, with hover and picking.
// The newest pick also lists its nearest neighbours, measured on the full codes.
import { button, emptyNote, h } from '../shared/dom';
import { LazyRender } from '../shared/lazyRender';
import type { Store } from '../store';
import type { View } from '../app/view';
import { LatentScatter } from './latentScatter';
import { renderLegend } from './legend';
import { nearestCodes } from './nearestCodes';
import { renderNeighbors } from './neighborPanel';
import { describeSample, togglePick } from './picks';
import { prepareScatter, type PreparedScatter } from './scatterData';

const METHOD_NAMES = { identity: '2-D code', pca: 'PCA', umap: 'UMAP' };
const NEIGHBORS = 8;

export function latentView(store: Store): View {
  const title = h('h3', { className: 'section-title' });
  const picksLabel = h('span', { className: 'picks-label' });
  const interpolate = button('Interpolate A → B', 'arrow-swap', () => store.setUi({ view: 'generate' }), true);
  const clear = button('Clear picks', 'clear-all', () => store.setUi({ picks: [] }), true);
  const picksBar = h('div', { className: 'toolbar picks-bar' }, picksLabel, interpolate, clear);
  const scatter = new LatentScatter((index) => store.setUi({ picks: togglePick(store.ui.picks, index) }));
  const legend = h('div', { className: 'latent-legend' });
  const empty = emptyNote('The latent space appears after the first epoch.');
  const neighbors = h('div', { className: 'latent-neighbors' });
  const element = h('div', { className: 'view latent-view' }, title, picksBar, empty, h('div', { className: 'latent-body' }, scatter.element, legend), neighbors);
  const hidden = new Set<number>();
  let prepared: PreparedScatter | undefined;
  let shownLatent: unknown;

  const render = new LazyRender(() => {
    const { latent, samples, run } = store.data;
    empty.hidden = !!latent;
    element.classList.toggle('has-data', !!latent);
    if (!latent) return;
    title.textContent = `Latent space: ${METHOD_NAMES[latent.method]} of ${latent.count} validation codes (dim ${latent.latentDim}), epoch ${latent.epoch}`;
    const refit = shownLatent === undefined || (shownLatent as { count: number }).count !== latent.count;
    prepared = prepareScatter(latent, samples, hidden);
    shownLatent = latent;
    scatter.setData(prepared, samples, samples?.labelNames ?? run?.labelNames, refit, latent.method === 'identity');
    renderLegend(legend, prepared, samples?.labelNames ?? run?.labelNames, toggleLabel);
    updatePicks();
  });
  const toggleLabel = (label: number) => {
    if (!hidden.delete(label)) hidden.add(label);
    render.invalidate();
  };
  const updatePicks = () => {
    const { picks } = store.ui;
    picksLabel.textContent = picks.length ? picks.map((p, i) => `${i ? 'B' : 'A'}: ${describeSample(store.data, p)}`).join(' · ') : 'Click a point to pick it and list its nearest neighbours (pick two to interpolate).';
    interpolate.disabled = picks.length < 2;
    clear.disabled = picks.length === 0;
    scatter.setPicks(picks, updateNeighbors(picks.at(-1)));
  };
  /** Lists the neighbours of the newest pick and returns their indices for the scatter to highlight. */
  const updateNeighbors = (query: number | undefined): number[] => {
    const latent = store.data.latent;
    const usable = latent && query !== undefined && query < latent.count && latent.codes.length >= latent.count * latent.latentDim;
    neighbors.hidden = !usable;
    if (!usable) return [];
    const started = performance.now();
    const found = nearestCodes(latent.codes, latent.latentDim, latent.count, query, NEIGHBORS);
    // Kept for the webview test, which reports how long 10,000 codes take.
    neighbors.dataset.searchMs = (performance.now() - started).toFixed(2);
    neighbors.dataset.query = String(query);
    renderNeighbors(neighbors, store.data, query, found);
    return found.map((n) => n.index);
  };
  store.on(['latent', 'samples'], () => render.invalidate());
  store.on(['picks'], updatePicks);
  updatePicks();
  return { element, setActive: (active) => render.setActive(active) };
}
