// The Generate view's by-label variant, for kinds whose row generates 'label' (cvae): a row per class of prior samples
// decoded with that class (the same codes in every row, so a column keeps its style while the class changes), and an
// interpolation between two prior samples with the class held fixed. Each decode request carries the labels.
import { isModelKind, KINDS } from '../../../src/protocol/kinds';
import { button, h, replaceChildren, section } from '../shared/dom';
import type { Store } from '../store';
import { DecodedStrip } from './decodedStrip';
import { decodeShape } from './decodeShape';
import { FRAMES, interpolationCodes } from './latentMath';

export const SAMPLES_PER_CLASS = 8;

/** Whether the shown run's kind generates by label (its row in the kinds table). */
export function generatesByLabel(kind: string | undefined): boolean {
  return kind !== undefined && isModelKind(kind) && KINDS[kind].generates === 'label';
}

/** `count` codes of standard normal draws from a seeded stream (mulberry32 + Box–Muller): a seed always gives the same codes. */
export function priorCodes(count: number, dim: number, seed: number): Float32Array {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float32Array(count * dim);
  for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return out;
}

export class ByLabelPanel {
  readonly element: HTMLElement;
  private readonly rows = h('div', { className: 'label-rows' });
  private readonly classSelect = h('vscode-single-select', { className: 'interpolation-class', attrs: { 'aria-label': 'Class' } });
  private readonly interpolation = new DecodedStrip('label-interpolation-strip', (i) => (i === 0 ? 'A' : i === FRAMES - 1 ? 'B' : `${Math.round((100 * i) / (FRAMES - 1))}%`));
  private strips: DecodedStrip[] = [];
  private seed = 1;
  private lastKey = '';
  private lastClasses = '';

  constructor(private readonly store: Store) {
    const redraw = button('New samples', 'refresh', () => {
      this.seed++;
      this.refresh();
    });
    this.classSelect.addEventListener('change', () => this.interpolate());
    const rowsSection = section('Samples by label', h('div', { className: 'toolbar' }, redraw), this.rows);
    const interpolationSection = section('Interpolation within a class', h('div', { className: 'toolbar' }, h('label', { className: 'field' }, h('span', { text: 'Class' }), this.classSelect)), this.interpolation.element);
    this.element = h('div', { className: 'by-label' }, rowsSection, interpolationSection);
  }

  private classNames(): string[] {
    // A live run's start message names the classes; a run opened from disk has them with its validation samples.
    return this.store.data.run?.labelNames ?? this.store.data.samples?.labelNames ?? [];
  }

  /** Called when the view renders: decodes again for a new epoch, run or seed, not for every render. */
  refresh(): void {
    const names = this.classNames();
    const latent = this.store.data.latent;
    if (names.length === 0 || !latent) {
      this.strips = [];
      replaceChildren(this.rows, h('p', { className: 'empty-note', text: 'Samples by label need the run\'s class names and its code size (after the first epoch).' }));
      return;
    }
    const key = `${this.store.data.run?.runId}:${latent.epoch}:${this.seed}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    if (this.lastClasses !== names.join('\n')) {
      this.lastClasses = names.join('\n');
      this.strips = names.map((_, label) => new DecodedStrip('label-row-strip', (i) => (label === 0 ? `z${i + 1}` : '')));
      replaceChildren(this.rows, ...names.map((name, label) => h('div', { className: 'label-row' }, h('span', { className: 'label-name', text: name }), this.strips[label].element)));
      this.classSelect.replaceChildren(...names.map((name, label) => h('vscode-option', { text: name, attrs: { value: String(label) } })));
      this.classSelect.value = '0';
    }
    const codes = priorCodes(SAMPLES_PER_CLASS, latent.latentDim, this.seed);
    const shape = decodeShape(this.store.data);
    this.strips.forEach((strip, label) => void strip.decode(codes, SAMPLES_PER_CLASS, shape, new Array<number>(SAMPLES_PER_CLASS).fill(label)));
    this.interpolate();
  }

  private interpolate(): void {
    const latent = this.store.data.latent;
    const label = Number(this.classSelect.value);
    if (!latent || !Number.isInteger(label) || label < 0 || label >= this.classNames().length) return;
    // Two prior samples (their own seed stream), the straight line between them, every frame with the chosen class.
    const ends = priorCodes(2, latent.latentDim, 1_000_003 * this.seed);
    void this.interpolation.decode(interpolationCodes(ends, latent.latentDim, 0, 1), FRAMES, decodeShape(this.store.data), new Array<number>(FRAMES).fill(label));
  }
}
