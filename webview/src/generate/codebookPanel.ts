// Codebook kinds (vq-vae): the code grid of a validation sample, each cell its code number on the code's colour. A click
// on a cell selects it; a code picked below replaces its code; the edited grid goes to the run's decoder. "Sample"
// fills the grid uniformly from the codes the validation samples use (no learned prior over codes).
import { button, h, replaceChildren, section } from '../shared/dom';
import { imageShape, sampleCanvas } from '../shared/sampleImage';
import { labelColor } from '../shared/theme';
import type { Store } from '../store';
import { gridVectors, uniformGrid, usedCodes } from './codeGrid';
import { DecodedStrip } from './decodedStrip';
import { decodeShape } from './decodeShape';
import { numberField, readNumber } from './fields';

export class CodebookPanel {
  readonly element: HTMLElement;
  private readonly sampleField = numberField('Sample', 0, () => this.load(true));
  private readonly original = h('div', { className: 'codebook-original' });
  private readonly grid = h('div', { className: 'code-grid' });
  private readonly picker = h('div', { className: 'code-picker' });
  private readonly note = h('p', { className: 'caption' });
  private readonly strip = new DecodedStrip('codebook-strip', () => 'decoded');
  private codes: number[] = [];
  private selected: number | undefined;
  private loadedKey = '';

  constructor(private readonly store: Store) {
    const toolbar = h(
      'div',
      { className: 'toolbar' },
      this.sampleField.element,
      button('Sample', 'debug-restart', () => this.sampleCodes()),
      button('Reset', 'discard', () => this.load(true), true),
    );
    this.element = section('Codes of a sample', toolbar, h('div', { className: 'codebook-editor' }, this.original, this.grid, this.strip.element), this.note, this.picker);
  }

  /** Called when the view renders: a new epoch's codebook reloads the sample's codes; edits otherwise stay. */
  refresh(): void {
    const codebook = this.store.data.codebook;
    this.element.hidden = !codebook;
    if (codebook) this.load(false);
  }

  private load(force: boolean): void {
    const codebook = this.store.data.codebook;
    if (!codebook || codebook.codes.length === 0) return;
    const index = Math.trunc(readNumber(this.sampleField.input, 0));
    if (index < 0 || index >= codebook.codes.length) return this.strip.clear(`Pick a sample between 0 and ${codebook.codes.length - 1}.`);
    const key = `${index}:${codebook.epoch}`;
    if (key === this.loadedKey && !force) return;
    this.loadedKey = key;
    this.codes = [...codebook.codes[index]];
    this.selected = undefined;
    this.showOriginal(index);
    this.render();
  }

  private sampleCodes(): void {
    const codebook = this.store.data.codebook;
    if (!codebook) return;
    this.codes = uniformGrid(usedCodes(codebook.usage), codebook.grid[0] * codebook.grid[1]);
    this.selected = undefined;
    replaceChildren(this.original, h('p', { className: 'caption', text: 'uniform from used codes' }));
    this.render();
  }

  private showOriginal(index: number): void {
    const samples = this.store.data.samples;
    const shape = imageShape(samples?.sampleShape);
    replaceChildren(this.original, samples && shape && index < samples.count ? sampleCanvas(samples.values, shape, 112, index * shape.width * shape.height * shape.channels) : null, h('p', { className: 'caption', text: `sample ${index}` }));
  }

  private render(): void {
    const codebook = this.store.data.codebook!;
    const [rows, cols] = codebook.grid;
    this.grid.style.gridTemplateColumns = `repeat(${cols}, 1fr)`;
    replaceChildren(
      this.grid,
      ...this.codes.map((code, cell) => {
        const element = h('button', { className: `code-cell${cell === this.selected ? ' selected' : ''}`, text: String(code), title: `row ${Math.floor(cell / cols)}, column ${cell % cols}: code ${code}`, attrs: { 'data-cell': String(cell) } });
        element.style.backgroundColor = labelColor(code);
        element.addEventListener('click', () => this.select(cell));
        return element;
      }),
    );
    const used = usedCodes(codebook.usage);
    this.note.textContent = `${rows}×${cols} codes of ${codebook.usage.length} (${used.length} used by the validation samples, epoch ${codebook.epoch}). Click a cell, then a code.`;
    this.renderPicker();
    void this.strip.decode(gridVectors(codebook, this.codes), 1, decodeShape(this.store.data));
  }

  private select(cell: number): void {
    this.selected = cell;
    this.grid.querySelectorAll('.code-cell').forEach((element, i) => element.classList.toggle('selected', i === cell));
    this.renderPicker();
  }

  private renderPicker(): void {
    const codebook = this.store.data.codebook!;
    if (this.selected === undefined) return replaceChildren(this.picker);
    const cell = this.selected;
    replaceChildren(
      this.picker,
      ...codebook.usage.map((count, code) => {
        const element = h('button', { className: `code-choice${count === 0 ? ' unused' : ''}`, text: String(code), title: `code ${code}: ${count} uses in the validation grids`, attrs: { 'data-code': String(code) } });
        element.style.backgroundColor = labelColor(code);
        element.addEventListener('click', () => {
          this.codes[cell] = code;
          this.selected = undefined;
          this.render();
        });
        return element;
      }),
    );
  }
}
