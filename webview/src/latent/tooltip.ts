// The hover card: the sample's input thumbnail (or feature plot), its label and where it came from.
import type { ValidationSamples } from '../../../src/protocol/dashboardMessages';
import { h, replaceChildren } from '../shared/dom';
import { featurePlot } from '../shared/featurePlot';
import { imageShape, sampleCanvas, sampleSize } from '../shared/sampleImage';

export class Tooltip {
  readonly element = h('div', { className: 'latent-tooltip' });
  private shown = -1;

  constructor() {
    this.element.hidden = true;
  }

  show(index: number, samples: ValidationSamples | null, labelName: string | undefined, x: number, y: number, bounds: { width: number; height: number }): void {
    if (index !== this.shown) this.fill(index, samples, labelName);
    this.shown = index;
    this.element.hidden = false;
    // Keep the card inside the canvas: flip to the other side of the cursor near the right and bottom edges.
    const width = this.element.offsetWidth;
    const height = this.element.offsetHeight;
    this.element.style.left = `${x + 14 + width > bounds.width ? x - 14 - width : x + 14}px`;
    this.element.style.top = `${y + 14 + height > bounds.height ? Math.max(0, y - 14 - height) : y + 14}px`;
  }

  private fill(index: number, samples: ValidationSamples | null, labelName: string | undefined): void {
    replaceChildren(this.element, thumbnail(index, samples), h('div', { className: 'tooltip-label', text: labelName ?? `#${index}` }), h('div', { className: 'tooltip-source', text: samples?.sourceNames?.[index] ?? `validation sample ${index + 1}` }));
  }

  hide(): void {
    this.shown = -1;
    this.element.hidden = true;
  }
}

function thumbnail(index: number, samples: ValidationSamples | null): HTMLElement | undefined {
  if (!samples || index >= samples.count) return undefined;
  const size = sampleSize(samples.sampleShape);
  const shape = imageShape(samples.sampleShape);
  return shape ? sampleCanvas(samples.values, shape, 84, index * size) : featurePlot([{ values: samples.values, offset: index * size, length: size }], 160, 60);
}
