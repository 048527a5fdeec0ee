// Reconstructions: refreshed every epoch from the trainer's preview samples.
import { emptyNote, h, replaceChildren } from '../shared/dom';
import { LazyRender } from '../shared/lazyRender';
import { imageShape } from '../shared/sampleImage';
import type { Store } from '../store';
import type { View } from '../app/view';
import { imageGrid } from './imageGrid';
import { tableGrid } from './tableGrid';

export function reconstructionsView(store: Store): View {
  const title = h('h3', { className: 'section-title' });
  const body = h('div', { className: 'recon-body' });
  const element = h('div', { className: 'view reconstructions-view' }, title, body);
  const render = new LazyRender(() => {
    const data = store.data.reconstructions;
    if (!data) {
      title.textContent = 'Reconstructions';
      return replaceChildren(body, emptyNote('Reconstructions appear after the first epoch.'));
    }
    title.textContent = `Reconstructions after epoch ${data.epoch}`;
    const shape = imageShape(data.sampleShape);
    replaceChildren(body, shape ? imageGrid(data, shape) : tableGrid(data));
  });
  store.on(['reconstructions'], () => render.invalidate());
  return { element, setActive: (active) => render.setActive(active) };
}
