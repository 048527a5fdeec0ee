// The bundled builtin:mnist digits (dist/data, written by npm run build) as plain arrays, and writers that turn them
// into the inputs the apply commands read: PNG folders, NPY arrays. For scripts/measure-apply.mjs and the tests.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { PNG } from 'pngjs';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'data');

/** { images: Uint8Array (count x 784), labels: Uint8Array, count } */
export function readMnist() {
  const images = gunzipSync(readFileSync(join(DATA, 'mnist-10k-images.idx3-ubyte.gz')));
  const labels = gunzipSync(readFileSync(join(DATA, 'mnist-10k-labels.idx1-ubyte.gz')));
  const count = images.readUInt32BE(4);
  return { images: new Uint8Array(images.buffer, images.byteOffset + 16, count * 784), labels: new Uint8Array(labels.buffer, labels.byteOffset + 8, count), count };
}

/** Digit `index` as 784 bytes, optionally with gaussian noise of standard deviation `noise` (in [0, 1] units, clipped). */
export function digit(mnist, index, noise = 0, random = Math.random) {
  const pixels = mnist.images.slice(index * 784, (index + 1) * 784);
  if (noise === 0) return pixels;
  return pixels.map((p) => Math.min(255, Math.max(0, Math.round(p + 255 * noise * gaussian(random)))));
}

function gaussian(random) {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function pngBytes(pixels, width = 28, height = 28) {
  const png = new PNG({ width, height, colorType: 0 });
  for (let p = 0; p < width * height; p++) {
    png.data.fill(pixels[p], p * 4, p * 4 + 3);
    png.data[p * 4 + 3] = 255;
  }
  return PNG.sync.write(png, { colorType: 0 });
}

/** Writes digits as <dir>/<label>/<index>.png (labels become sub-folders, as Train on Folder reads them). */
export function writeDigitFolder(dir, mnist, indices, { noise = 0, random = Math.random } = {}) {
  for (const index of indices) {
    const file = join(dir, String(mnist.labels[index]), `${index}.png`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, pngBytes(digit(mnist, index, noise, random)));
  }
}

/** A uint8 NPY array of shape (N, 28, 28). */
export function writeDigitNpy(file, mnist, indices, { noise = 0, random = Math.random } = {}) {
  const dict = `{'descr': '|u1', 'fortran_order': False, 'shape': (${indices.length}, 28, 28), }`;
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const header = Buffer.from(`${dict.padEnd(total - 11, ' ')}\n`, 'latin1');
  const preamble = Buffer.from([0x93, ...Buffer.from('NUMPY'), 1, 0, 0, 0]);
  preamble.writeUInt16LE(header.length, 8);
  const data = Buffer.alloc(indices.length * 784);
  indices.forEach((index, i) => data.set(digit(mnist, index, noise, random), i * 784));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, Buffer.concat([preamble, header, data]));
}
