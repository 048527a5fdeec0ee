// A small IDX image file for the PyTorch export tests: `count` grayscale size x size images of a bright square whose
// place and size vary with the index, so a tiny conv or dense network learns something in an epoch or two.
import { writeFileSync } from 'node:fs';

export function writeDigitsIdx(file: string, count: number, size: number): void {
  const header = Buffer.alloc(16);
  header.set([0, 0, 0x08, 3]);
  header.writeInt32BE(count, 4);
  header.writeInt32BE(size, 8);
  header.writeInt32BE(size, 12);
  const pixels = Buffer.alloc(count * size * size);
  for (let n = 0; n < count; n++) {
    const side = 2 + (n % 4);
    const top = (n * 7) % (size - side + 1);
    const left = (n * 3) % (size - side + 1);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const inside = y >= top && y < top + side && x >= left && x < left + side;
        pixels[n * size * size + y * size + x] = inside ? 255 : (n * 13 + y * 5 + x * 3) % 40;
      }
    }
  }
  writeFileSync(file, Buffer.concat([header, pixels]));
}
