// A row of decoded frames. A newer request supersedes an older one still in flight.
import { h, replaceChildren } from '../shared/dom';
import { featurePlot } from '../shared/featurePlot';
import { imageShape, sampleCanvas } from '../shared/sampleImage';
import { decodeCodes } from '../decoder';

export class DecodedStrip {
  readonly element: HTMLElement;
  private readonly frames = h('div', { className: 'decoded-frames' });
  private readonly status = h('div', { className: 'decoded-status' });
  private latest: Promise<Float32Array[]> | undefined;

  constructor(className: string, private readonly captions: (i: number) => string) {
    this.element = h('div', { className: `decoded-strip ${className}` }, this.status, this.frames);
  }

  /** `labels`: one class per code, for a conditional run's decoder. */
  async decode(codes: Float32Array, count: number, sampleShape: number[], labels?: number[]): Promise<void> {
    const request = decodeCodes(codes, count, labels);
    this.latest = request;
    this.status.textContent = 'Decoding…';
    try {
      const images = await request;
      if (request !== this.latest) return;
      this.status.textContent = '';
      const shape = imageShape(sampleShape);
      const frame = (values: Float32Array) => (shape ? sampleCanvas(values, shape, 64) : featurePlot([{ values, length: values.length }], 120, 60));
      replaceChildren(this.frames, ...images.map((values, i) => h('figure', { className: 'decoded-frame' }, frame(values), h('figcaption', { text: this.captions(i) }))));
    } catch (error) {
      if (request === this.latest) this.status.textContent = error instanceof Error ? error.message : String(error);
    }
  }

  clear(message: string): void {
    this.latest = undefined;
    this.status.textContent = message;
    replaceChildren(this.frames);
  }
}
