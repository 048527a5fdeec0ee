// Generate: samples from the prior and the 2-D manifold (VAE kinds), editable code grids (codebook kinds), plus
// interpolation and traversal for any run whose decoder the host can reach.
import { emptyNote, h, replaceChildren, section } from '../shared/dom';
import { LazyRender } from '../shared/lazyRender';
import { imageShape, sampleCanvas, tiledCanvas } from '../shared/sampleImage';
import type { Store } from '../store';
import type { View } from '../app/view';
import { ByLabelPanel, generatesByLabel } from './byLabelPanel';
import { CodebookPanel } from './codebookPanel';
import { InterpolationPanel } from './interpolationPanel';
import { TraversalPanel } from './traversalPanel';

export function generateView(store: Store): View {
  const prior = h('div', { className: 'prior-grid' });
  const manifold = h('div', { className: 'manifold' });
  const priorSection = section('Samples from the prior', prior);
  const manifoldSection = section('Decoded 2-D manifold', manifold);
  const interpolation = new InterpolationPanel(store);
  const traversal = new TraversalPanel(store);
  const byLabel = new ByLabelPanel(store);
  const codebook = new CodebookPanel(store);
  const element = h('div', { className: 'view generate-view' }, byLabel.element, codebook.element, priorSection, manifoldSection, interpolation.element, traversal.element);

  const render = new LazyRender(() => {
    const generated = store.data.generated;
    const shape = imageShape(generated?.sampleShape);
    priorSection.hidden = !generated;
    manifoldSection.hidden = !generated?.manifold || !shape;
    if (generated && shape) replaceChildren(prior, ...generated.prior.map((values) => sampleCanvas(values, shape, 64)));
    else if (generated) replaceChildren(prior, emptyNote('Prior samples are shown for image data.'));
    if (generated?.manifold && shape) {
      const { gridSize, range, images } = generated.manifold;
      manifold.replaceChildren(tiledCanvas(images, shape, gridSize, Math.min(600, gridSize * shape.width * 1.5)), h('p', { className: 'caption', text: `z0 and z1 from −${range} to ${range}` }));
    }
    byLabel.element.hidden = !generatesByLabel(store.data.run?.kind);
    if (!byLabel.element.hidden) byLabel.refresh();
    codebook.refresh();
    traversal.refresh();
    interpolation.refresh();
  });
  store.on(['generated', 'latent', 'picks', 'run', 'samples', 'codebook'], () => render.invalidate());
  return { element, setActive: (active) => render.setActive(active) };
}
