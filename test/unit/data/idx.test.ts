import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIdxDataset } from '../../../src/trainer/data/idxDataset';
import { removeTempDirs, inputError, writeTemp } from './helpers';

const BUNDLED = resolve(__dirname, '../../../dist/data');
const bundledImages = join(BUNDLED, 'mnist-10k-images.idx3-ubyte.gz');
const bundledLabels = join(BUNDLED, 'mnist-10k-labels.idx1-ubyte.gz');

// The bundled files come from `npm run build`; make them here too (a no-op when present) so this file runs alone.
beforeAll(() => {
  execFileSync(process.execPath, [resolve(__dirname, '../../../scripts/build-mnist.mjs'), BUNDLED]);
});
afterAll(removeTempDirs);

/** An IDX uint8 file: magic 0x00000800 | ndims, big-endian dims, then the bytes. */
function idxBytes(dims: number[], data: number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(0x0800 | dims.length, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(data)]);
}

describe('loadIdxDataset', () => {
  it('round-trips gzipped images and labels with known bytes', () => {
    const pixels = [0, 51, 102, 153, 204, 255, 1, 2, 3, 4, 5, 6];
    const images = writeTemp('images.idx3-ubyte.gz', gzipSync(idxBytes([2, 2, 3], pixels)));
    const labels = writeTemp('labels.idx1-ubyte.gz', gzipSync(idxBytes([2], [7, 3])));
    const data = loadIdxDataset(images, labels);
    expect(data.count).toBe(2);
    expect(data.sampleShape).toEqual([2, 3, 1]);
    expect(Array.from(data.x)).toEqual(pixels.map((v) => Math.fround(v / 255)));
    expect(Array.from(data.labels!)).toEqual([7, 3]);
    expect(data.labelNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    expect(data.normalization).toEqual({ kind: 'scale', divisor: 255 });
  });

  it('reads the bundled 10k MNIST digits with labels 0..9', () => {
    const data = loadIdxDataset(bundledImages, bundledLabels);
    expect(data.count).toBe(10_000);
    expect(data.sampleShape).toEqual([28, 28, 1]);
    expect(new Set(data.labels)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(data.labelNames).toHaveLength(10);
    expect(Math.max(...data.x.subarray(0, 784))).toBeLessThanOrEqual(1);
  });
});

describe('loadIdxDataset bad input', () => {
  it('refuses a wrong magic number, naming the file', () => {
    const file = writeTemp('images.idx3-ubyte', Buffer.concat([Buffer.from([0x12, 0x34, 0x08, 0x03]), Buffer.alloc(12)]));
    const error = inputError(() => loadIdxDataset(file));
    expect(error.file).toBe(file);
    expect(error.message).toContain(`${file}: wrong magic number 0x12340803`);
  });

  it('refuses a truncated real gzipped IDX file', () => {
    const bytes = readFileSync(bundledImages);
    const file = writeTemp('cut.idx3-ubyte.gz', bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = inputError(() => loadIdxDataset(file));
    expect(error.message).toContain(`${file}: the file starts like gzip but does not decompress`);
  });

  it('refuses truncated data inside a real IDX file, with both sizes', () => {
    const raw = gunzipSync(readFileSync(bundledImages));
    const file = writeTemp('cut.idx3-ubyte', raw.subarray(0, 16 + 784 * 3 + 100));
    const error = inputError(() => loadIdxDataset(file));
    expect(error.message).toContain(`${file}: truncated data: dimensions 10000x28x28 of uint8 need 7840016 bytes, file has 2468`);
  });

  it('refuses images and labels of different lengths, naming the labels file', () => {
    const images = writeTemp('images.idx3-ubyte', idxBytes([3, 1, 1], [1, 2, 3]));
    const labels = writeTemp('labels.idx1-ubyte', idxBytes([2], [0, 1]));
    const error = inputError(() => loadIdxDataset(images, labels));
    expect(error.file).toBe(labels);
    expect(error.message).toMatch(/has 2 labels but .*images.idx3-ubyte has 3 images/);
  });
});
