// Writes 8-bit gray or RGB pixels as a PNG file, atomically.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PNG } from 'pngjs';
import { writeFileAtomic } from '../../runs/atomicWrite';

export function writePng(path: string, pixels: Uint8Array, height: number, width: number, channels: 1 | 3): void {
  const png = new PNG({ width, height, colorType: channels === 1 ? 0 : 2 });
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) png.data[p * 4 + c] = pixels[p * channels + (channels === 1 ? 0 : c)];
    png.data[p * 4 + 3] = 255;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, PNG.sync.write(png, { colorType: channels === 1 ? 0 : 2 }));
}
