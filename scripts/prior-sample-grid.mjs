#!/usr/bin/env node
// Writes a run's prior samples (views/generated.json, the Generate view's 16 decoded N(0, I) draws of its last epoch)
// as one small grayscale PNG grid, for the README's sample grids of the kinds that generate from a prior.
//
//   node scripts/prior-sample-grid.mjs <run-dir> <out.png> [columns=8] [scale=2]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

const [runDir, out, columnsArg = '8', scaleArg = '2'] = process.argv.slice(2);
if (!runDir || !out) {
  console.error('usage: node scripts/prior-sample-grid.mjs <run-dir> <out.png> [columns=8] [scale=2]');
  process.exit(2);
}
const file = join(runDir, 'views', 'generated.json');
const generated = JSON.parse(readFileSync(file, 'utf8'));
const [height, width, channels = 1] = generated.sampleShape;
if (channels !== 1 || !width) {
  console.error(`${file}: samples of shape [${generated.sampleShape}] are not grayscale images`);
  process.exit(2);
}
// Little-endian float32 bytes, as the run's view files store typed arrays ({"$f32": base64}).
const samples = generated.prior.map(({ $f32 }) => {
  const bytes = Buffer.from($f32, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
});
const columns = Math.min(Number(columnsArg), samples.length);
const rows = Math.ceil(samples.length / columns);
const scale = Number(scaleArg);
const gap = 1;
const png = new PNG({ width: columns * (width * scale + gap) - gap, height: rows * (height * scale + gap) - gap });
png.data.fill(255);
samples.forEach((values, i) => {
  const [left, top] = [(i % columns) * (width * scale + gap), Math.floor(i / columns) * (height * scale + gap)];
  for (let y = 0; y < height * scale; y++) {
    for (let x = 0; x < width * scale; x++) {
      const value = values[Math.floor(y / scale) * width + Math.floor(x / scale)];
      const grey = Math.round(255 * Math.min(1, Math.max(0, value)));
      const at = ((top + y) * png.width + left + x) * 4;
      png.data[at] = png.data[at + 1] = png.data[at + 2] = grey;
      png.data[at + 3] = 255;
    }
  }
});
writeFileSync(out, PNG.sync.write(png));
console.log(`${out}: ${samples.length} prior samples of epoch ${generated.epoch}, ${png.width}x${png.height}`);
