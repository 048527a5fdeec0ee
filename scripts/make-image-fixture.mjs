// Writes test/fixtures/images-small/{circle,square}/NN.png: 12 + 12 grayscale 28x28 PNGs of one filled
// shape each, placed and sized by a seeded RNG, so tests and the e2e "train on a folder" have a tiny,
// labelled image folder. Re-run to regenerate: node scripts/make-image-fixture.mjs [outDir]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import seedrandom from 'seedrandom';

const outDir = process.argv[2] ?? 'test/fixtures/images-small';
const SIZE = 28;
const PER_CLASS = 12;
const random = seedrandom('images-small');
const between = (lo, hi) => lo + random() * (hi - lo);

const shapes = {
  circle: (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r,
  square: (cx, cy, r) => (x, y) => Math.abs(x - cx) <= r && Math.abs(y - cy) <= r,
};

rmSync(outDir, { recursive: true, force: true });
for (const [name, makeShape] of Object.entries(shapes)) {
  mkdirSync(join(outDir, name), { recursive: true });
  for (let i = 0; i < PER_CLASS; i++) {
    const r = between(5, 9);
    const inside = makeShape(between(r + 1, SIZE - r - 2), between(r + 1, SIZE - r - 2), r);
    const ink = Math.round(between(180, 255));
    const png = new PNG({ width: SIZE, height: SIZE });
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        const v = inside(x + 0.5, y + 0.5) ? ink : 0;
        png.data.set([v, v, v, 255], (y * SIZE + x) * 4);
      }
    }
    writeFileSync(join(outDir, name, `${String(i).padStart(2, '0')}.png`), PNG.sync.write(png, { colorType: 0 }));
  }
}
console.log(`wrote ${2 * PER_CLASS} images to ${outDir}`);
