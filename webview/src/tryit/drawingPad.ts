// A canvas to draw a sample on with mouse, pen or touch: white ink on black, like the grayscale digits the runs train
// on. After each stroke the drawing is scaled down to the run's sample size (area averaging) and handed on.
import { button, h } from '../shared/dom';

const PAD_PX = 224;

export class DrawingPad {
  readonly element: HTMLElement;
  readonly canvas = h('canvas', { className: 'drawing-pad', attrs: { width: String(PAD_PX), height: String(PAD_PX) } });
  private readonly brush = h('input', { className: 'brush-size', attrs: { type: 'range', min: '1', max: '6', step: '0.5', value: '2.5', 'aria-label': 'Brush size' } });
  private readonly brushLabel = h('span', { className: 'brush-label' });
  private shape: { height: number; width: number } = { height: 28, width: 28 };
  private last: { x: number; y: number } | undefined;
  private inked = false;

  constructor(private readonly onStroke: (pixels: Float32Array) => void) {
    const clear = button('Clear', 'clear-all', () => this.clear(), true);
    this.element = h('div', { className: 'drawing' }, this.canvas, h('div', { className: 'toolbar' }, h('label', { className: 'brush' }, this.brushLabel, this.brush), clear));
    this.brush.addEventListener('input', () => this.showBrush());
    this.attachPointer();
    this.showBrush();
    this.clear();
  }

  /** The sample size the drawing is scaled to (the run's height and width). */
  setShape(height: number, width: number): void {
    this.shape = { height, width };
    this.showBrush();
  }

  clear(): void {
    const context = this.context();
    context.fillStyle = '#000';
    context.fillRect(0, 0, PAD_PX, PAD_PX);
    this.inked = false;
  }

  /** The drawing at the sample's size, row-major, values in [0, 1]. */
  pixels(): Float32Array {
    const { height, width } = this.shape;
    const small = document.createElement('canvas');
    small.width = width;
    small.height = height;
    const context = small.getContext('2d')!;
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(this.canvas, 0, 0, width, height);
    const { data } = context.getImageData(0, 0, width, height);
    const values = new Float32Array(width * height);
    for (let i = 0; i < values.length; i++) values[i] = data[4 * i] / 255;
    return values;
  }

  private showBrush(): void {
    this.brushLabel.textContent = `Brush ${this.brush.value} px`;
  }

  private attachPointer(): void {
    const at = (event: PointerEvent) => {
      const box = this.canvas.getBoundingClientRect();
      return { x: ((event.clientX - box.left) * PAD_PX) / box.width, y: ((event.clientY - box.top) * PAD_PX) / box.height };
    };
    this.canvas.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      this.canvas.setPointerCapture(event.pointerId);
      this.last = at(event);
      this.stroke(this.last, event);
    });
    this.canvas.addEventListener('pointermove', (event) => {
      if (!this.last) return;
      const point = at(event);
      this.stroke(point, event);
      this.last = point;
    });
    const end = () => {
      if (!this.last) return;
      this.last = undefined;
      if (this.inked) this.onStroke(this.pixels());
    };
    this.canvas.addEventListener('pointerup', end);
    this.canvas.addEventListener('pointercancel', end);
  }

  private stroke(to: { x: number; y: number }, event: PointerEvent): void {
    const from = this.last ?? to;
    const context = this.context();
    // The brush is measured in sample pixels; a pen's pressure widens or narrows it.
    const pressure = event.pointerType === 'pen' && event.pressure > 0 ? 0.5 + event.pressure : 1;
    context.lineWidth = (Number(this.brush.value) * pressure * PAD_PX) / this.shape.width;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.strokeStyle = '#fff';
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x + 0.01, to.y);
    context.stroke();
    this.inked = true;
  }

  private context(): CanvasRenderingContext2D {
    return this.canvas.getContext('2d', { willReadFrequently: true })!;
  }
}
