// Latent traversal: keep a sample's code, sweep one dimension over a range, decode the 10 steps.
import { button, h, section } from '../shared/dom';
import type { Store } from '../store';
import { DecodedStrip } from './decodedStrip';
import { decodeShape } from './decodeShape';
import { numberField, readNumber } from './fields';
import { FRAMES, traversalCodes } from './latentMath';

export class TraversalPanel {
  readonly element: HTMLElement;
  private readonly sample = numberField('Sample', 0, () => this.run());
  private readonly min = numberField('From', -3, () => this.run());
  private readonly max = numberField('To', 3, () => this.run());
  private readonly dimension = h('vscode-single-select', { className: 'dimension-select', attrs: { 'aria-label': 'Dimension' } });
  private readonly strip: DecodedStrip;
  private dims = 0;

  constructor(private readonly store: Store) {
    this.strip = new DecodedStrip('traversal-strip', (i) => this.stepValue(i).toFixed(2));
    this.dimension.addEventListener('change', () => this.run());
    const go = button('Traverse', 'play', () => this.run());
    const dimensionField = h('label', { className: 'field' }, h('span', { text: 'Dimension' }), this.dimension);
    this.element = section('Latent traversal', h('div', { className: 'toolbar' }, this.sample.element, dimensionField, this.min.element, this.max.element, go), this.strip.element);
  }

  refresh(): void {
    const latent = this.store.data.latent;
    if (latent && latent.latentDim !== this.dims) {
      this.dims = latent.latentDim;
      this.dimension.replaceChildren(...Array.from({ length: this.dims }, (_, d) => h('vscode-option', { text: `z${d}`, attrs: { value: String(d) } })));
      this.dimension.value = '0';
    }
    if (this.store.ui.picks.length) this.sample.input.value = String(this.store.ui.picks[0]);
    if (!latent) this.strip.clear('Traversal needs the latent codes of the validation samples.');
  }

  private stepValue(i: number): number {
    const [min, max] = [readNumber(this.min.input, -3), readNumber(this.max.input, 3)];
    return min + ((max - min) * i) / (FRAMES - 1);
  }

  private run(): void {
    const latent = this.store.data.latent;
    if (!latent) return;
    const index = Math.trunc(readNumber(this.sample.input, -1));
    const dimension = Number(this.dimension.value);
    if (!(index >= 0 && index < latent.count) || !(dimension >= 0 && dimension < latent.latentDim)) return this.strip.clear('Choose a sample and a dimension.');
    const codes = traversalCodes(latent.codes, latent.latentDim, index, dimension, readNumber(this.min.input, -3), readNumber(this.max.input, 3));
    void this.strip.decode(codes, FRAMES, decodeShape(this.store.data));
  }
}
