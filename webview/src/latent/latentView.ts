// Latent space: the trainer's 2-D projection of the validation codes, coloured by label, with hover and picking.
import { button, emptyNote, h } from '../shared/dom';
import { LazyRender } from '../shared/lazyRender';
import type { Store } from '../store';
import type { View } from '../app/view';
import { LatentScatter } from './latentScatter';
import { renderLegend } from './legend';
import { describeSample, togglePick } from './picks';
import { prepareScatter, type PreparedScatter } from './scatterData';

const METHOD_NAMES = { identity: '2-D code', pca: 'PCA', umap: 'UMAP' };

export function latentView(store: Store): View {
  const title = h('h3', { className: 'section-title' });
  const picksLabel = h('span', { className: 'picks-label' });
  const interpolate = button('Interpolate A → B', 'arrow-swap', () => store.setUi({ view: 'generate' }), true);
  const clear = button('Clear picks', 'clear-all', () => store.setUi({ picks: [] }), true);
  const picksBar = h('div', { className: 'toolbar picks-bar' }, picksLabel, interpolate, clear);
  const scatter = new LatentScatter((index) => store.setUi({ picks: togglePick(store.ui.picks, index) }));
  const legend = h('div', { className: 'latent-legend' });
  const empty = emptyNote('The latent space appears after the first epoch.');
  const element = h('div', { className: 'view latent-view' }, title, picksBar, empty, h('div', { className: 'latent-body' }, scatter.element, legend));
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
    picksLabel.textContent = picks.length ? picks.map((p, i) => `${i ? 'B' : 'A'}: ${describeSample(store.data, p)}`).join(' · ') : 'Click a point to pick it (pick two to interpolate).';
    interpolate.disabled = picks.length < 2;
    clear.disabled = picks.length === 0;
    scatter.setPicks(picks);
  };
  store.on(['latent', 'samples'], () => render.invalidate());
  store.on(['picks'], updatePicks);
  updatePicks();
  return { element, setActive: (active) => render.setActive(active) };
}
