// Draws samples (float [0,1] or uint8 pixels, [H,W,C] with C 1 or 3) onto canvases. One pixel per value; CSS scales
// the canvas up with image-rendering: pixelated, so thumbnails stay sharp and cheap.
export type Pixels = ArrayLike<number> & { readonly length: number };

export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

export function imageShape(sampleShape: readonly number[] | undefined): ImageShape | undefined {
  if (!sampleShape || sampleShape.length !== 3) return undefined;
  const [height, width, channels] = sampleShape;
  return channels === 1 || channels === 3 ? { height, width, channels } : undefined;
}

export function sampleSize(sampleShape: readonly number[]): number {
  return sampleShape.reduce((a, b) => a * b, 1);
}

/** Writes one sample into `target` at (x, y); `offset` indexes into a buffer that holds many samples. */
export function putSample(target: ImageData, x: number, y: number, values: Pixels, shape: ImageShape, offset = 0): void {
  const bytes = values instanceof Uint8Array;
  const { height, width, channels } = shape;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const source = offset + (row * width + col) * channels;
      const dest = ((y + row) * target.width + x + col) * 4;
      for (let c = 0; c < 3; c++) {
        const v = values[source + (channels === 3 ? c : 0)];
        target.data[dest + c] = bytes ? v : Math.max(0, Math.min(255, Math.round(v * 255)));
      }
      target.data[dest + 3] = 255;
    }
  }
}

/** A canvas of the image's own pixels, drawn at `cssSize` wide (crisp, as the stylesheet scales sample images). */
export function pixelCanvas(shape: ImageShape, cssSize: number, className: string, draw: (image: ImageData) => void): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = shape.width;
  canvas.height = shape.height;
  canvas.className = className;
  canvas.style.width = `${cssSize}px`;
  canvas.style.height = `${Math.round((cssSize * shape.height) / shape.width)}px`;
  const context = canvas.getContext('2d')!;
  const image = context.createImageData(shape.width, shape.height);
  draw(image);
  context.putImageData(image, 0, 0);
  return canvas;
}

export function sampleCanvas(values: Pixels, shape: ImageShape, cssSize: number, offset = 0): HTMLCanvasElement {
  return pixelCanvas(shape, cssSize, 'sample-image', (image) => putSample(image, 0, 0, values, shape, offset));
}

/** Many samples tiled row-major into one canvas, e.g. the 15x15 manifold. */
export function tiledCanvas(images: Pixels[], shape: ImageShape, columns: number, cssWidth: number): HTMLCanvasElement {
  const rows = Math.ceil(images.length / columns);
  const canvas = document.createElement('canvas');
  canvas.width = columns * shape.width;
  canvas.height = rows * shape.height;
  canvas.className = 'sample-image tiled';
  canvas.style.width = `${cssWidth}px`;
  const context = canvas.getContext('2d')!;
  const image = context.createImageData(canvas.width, canvas.height);
  images.forEach((values, i) => putSample(image, (i % columns) * shape.width, Math.floor(i / columns) * shape.height, values, shape));
  context.putImageData(image, 0, 0);
  return canvas;
}
