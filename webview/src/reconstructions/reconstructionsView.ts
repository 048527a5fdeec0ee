// Reconstructions: refreshed every epoch from the trainer's preview samples; with a reconstruction history (runs since
// issue 14), an epoch slider shows the outputs of earlier epochs under the same inputs.
import type { DashboardData, Reconstructions } from '../../../src/protocol/dashboardMessages';
import { emptyNote, h, replaceChildren } from '../shared/dom';
import { LazyRender } from '../shared/lazyRender';
import { imageShape } from '../shared/sampleImage';
import type { Store } from '../store';
import type { View } from '../app/view';
import { EpochSlider } from './epochSlider';
import { imageGrid, type ShownReconstructions } from './imageGrid';
import { tableGrid } from './tableGrid';

export function reconstructionsView(store: Store): View {
  const title = h('h3', { className: 'section-title' });
  const body = h('div', { className: 'recon-body' });
  const render = new LazyRender(() => {
    const data = store.data.reconstructions;
    if (!data) {
      title.textContent = 'Reconstructions';
      return replaceChildren(body, emptyNote('Reconstructions appear after the first epoch.'));
    }
    const shown = atEpoch(data, store.data.reconstructionHistory, slider.pickedEpoch());
    title.textContent = `Reconstructions after epoch ${shown.epoch}`;
    const shape = imageShape(data.sampleShape);
    replaceChildren(body, shape ? imageGrid(shown, shape) : tableGrid(shown));
  });
  const slider = new EpochSlider(() => render.invalidate());
  const element = h('div', { className: 'view reconstructions-view' }, title, slider.element, body);
  store.on(['reconstructionHistory'], () => slider.setEpochs(store.data.reconstructionHistory?.frames.map((frame) => frame.epoch) ?? []));
  store.on(['reconstructions', 'reconstructionHistory'], () => render.invalidate());
  return { element, setActive: (active) => render.setActive(active) };
}

/** The grid with the outputs of the picked epoch's frame; the live grid for the newest epoch or a frame that does not fit. */
function atEpoch(data: Reconstructions, history: DashboardData['reconstructionHistory'], epoch: number | undefined): ShownReconstructions {
  const frame = epoch === undefined ? undefined : history?.frames.find((f) => f.epoch === epoch);
  if (!frame || frame.outputs.length !== data.outputs.length) return data;
  return { ...data, epoch: frame.epoch, outputs: frame.outputs };
}
