// Interpolation: decode 10 codes on the straight line between samples A and B (picked in the latent view or typed).
import { button, h, section } from '../shared/dom';
import type { Store } from '../store';
import { describeSample } from '../latent/picks';
import { DecodedStrip } from './decodedStrip';
import { numberField, readNumber } from './fields';
import { FRAMES, interpolationCodes } from './latentMath';
import { decodeShape } from './decodeShape';

export class InterpolationPanel {
  readonly element: HTMLElement;
  private readonly from = numberField('Sample A', 0, () => this.run());
  private readonly to = numberField('Sample B', 1, () => this.run());
  private readonly strip = new DecodedStrip('interpolation-strip', (i) => (i === 0 ? 'A' : i === FRAMES - 1 ? 'B' : `${Math.round((100 * i) / (FRAMES - 1))}%`));
  private lastKey = '';

  constructor(private readonly store: Store) {
    const go = button('Interpolate', 'play', () => this.run(true));
    this.element = section('Interpolation', h('div', { className: 'toolbar' }, this.from.element, this.to.element, go), this.strip.element);
  }

  /** Called when the view renders: follows new picks and new epochs without re-decoding the same path. */
  refresh(): void {
    const picks = this.store.ui.picks;
    if (picks.length === 2) [this.from.input.value, this.to.input.value] = picks.map(String);
    this.run();
  }

  private run(force = false): void {
    const latent = this.store.data.latent;
    if (!latent) return this.strip.clear('Interpolation needs the latent codes of the validation samples.');
    const a = Math.trunc(readNumber(this.from.input, -1));
    const b = Math.trunc(readNumber(this.to.input, -1));
    if (![a, b].every((i) => i >= 0 && i < latent.count)) return this.strip.clear(`Pick two samples between 0 and ${latent.count - 1}.`);
    const key = `${a}:${b}:${latent.epoch}`;
    if (key === this.lastKey && !force) return;
    this.lastKey = key;
    this.element.querySelector('.section-title')!.textContent = `Interpolation ${describeSample(this.store.data, a)} → ${describeSample(this.store.data, b)}`;
    void this.strip.decode(interpolationCodes(latent.codes, latent.latentDim, a, b), FRAMES, decodeShape(this.store.data));
  }
}
