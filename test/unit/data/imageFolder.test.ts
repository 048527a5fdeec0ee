import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadImageFolder } from '../../../src/trainer/data/imageFolder';
import { dataConfig, rejectedInputError, removeTempDirs, tempDir, writeGrayPng, writeJpeg, writeRgbPng } from './helpers';

const FIXTURE = resolve(__dirname, '../../fixtures/images-small');

afterAll(removeTempDirs);

describe('loadImageFolder on real files', () => {
  it('reads the committed fixture folder with sub-folder labels', async () => {
    const data = await loadImageFolder(FIXTURE, dataConfig());
    expect(data.count).toBe(24);
    expect(data.sampleShape).toEqual([28, 28, 1]);
    expect(data.x.length).toBe(24 * 28 * 28);
    expect(data.labelNames).toEqual(['circle', 'square']);
    expect(Array.from(data.labels!)).toEqual([...Array(12).fill(0), ...Array(12).fill(1)]);
    expect(data.sourceNames![0]).toBe('circle/00.png');
    expect(data.sourceNames![12]).toBe('square/00.png');
    expect(data.normalization).toEqual({ kind: 'scale', divisor: 255 });
    expect(Math.min(...data.x)).toBe(0);
    expect(Math.max(...data.x)).toBeGreaterThan(0.5);
    expect(Math.max(...data.x)).toBeLessThanOrEqual(1);
    expect(data.dropped.count).toBe(0);
  });

  it('decodes known grayscale PNG pixel values to value / 255', async () => {
    const dir = tempDir();
    writeGrayPng(join(dir, 'a.png'), 3, 2, (x, y) => 10 * x + 100 * y);
    const data = await loadImageFolder(dir, dataConfig());
    expect(data.sampleShape).toEqual([2, 3, 1]);
    expect(Array.from(data.x)).toEqual([0, 10, 20, 100, 110, 120].map((v) => Math.fround(v / 255)));
    expect(data.labels).toBeUndefined(); // no sub-folders, no labels
    expect(data.sourceNames).toEqual(['a.png']);
  });

  it('decodes RGB PNGs to 3 channels in HWC order', async () => {
    const dir = tempDir();
    writeRgbPng(join(dir, 'c.png'), 2, 1, (x) => (x === 0 ? [255, 128, 0] : [0, 0, 51]));
    const data = await loadImageFolder(dir, dataConfig());
    expect(data.sampleShape).toEqual([1, 2, 3]);
    expect(Array.from(data.x)).toEqual([255, 128, 0, 0, 0, 51].map((v) => Math.fround(v / 255)));
  });

  it('drops the alpha channel of RGBA PNGs and says so', async () => {
    const dir = tempDir();
    writeRgbPng(join(dir, 'rgba.png'), 1, 1, () => [10, 20, 30], 7);
    const data = await loadImageFolder(dir, dataConfig());
    expect(data.sampleShape).toEqual([1, 1, 3]);
    expect(Array.from(data.x)).toEqual([10, 20, 30].map((v) => Math.fround(v / 255)));
    expect(data.notes.join('\n')).toMatch(/ignored the alpha channel of 1 image$/);
  });

  it('decodes a JPEG written by jpeg-js (lossy, so within a few levels)', async () => {
    const dir = tempDir();
    writeJpeg(join(dir, 'flat.jpg'), 16, 8, () => [200, 100, 50]);
    const data = await loadImageFolder(dir, dataConfig());
    expect(data.sampleShape).toEqual([8, 16, 3]);
    for (let p = 0; p < 16 * 8; p++) {
      expect(data.x[3 * p] * 255).toBeCloseTo(200, -1);
      expect(data.x[3 * p + 1] * 255).toBeCloseTo(100, -1);
      expect(data.x[3 * p + 2] * 255).toBeCloseTo(50, -1);
    }
  });

  it('accepts a single image file', async () => {
    const dir = tempDir();
    writeGrayPng(join(dir, 'one.png'), 2, 2, () => 255);
    const data = await loadImageFolder(join(dir, 'one.png'), dataConfig());
    expect(data.count).toBe(1);
    expect(Array.from(data.x)).toEqual([1, 1, 1, 1]);
    expect(data.sourceNames).toEqual(['one.png']);
    expect(data.labels).toBeUndefined();
  });

  it('labels images lying next to class folders "(root)"', async () => {
    const dir = tempDir();
    writeGrayPng(join(dir, 'loose.png'), 2, 2, () => 0);
    writeGrayPng(join(dir, 'b', 'x.png'), 2, 2, () => 0);
    writeGrayPng(join(dir, 'a', 'deeper', 'y.png'), 2, 2, () => 0);
    const data = await loadImageFolder(dir, dataConfig());
    expect(data.labelNames).toEqual(['(root)', 'a', 'b']);
    expect(data.sourceNames).toEqual(['a/deeper/y.png', 'b/x.png', 'loose.png']);
    expect(Array.from(data.labels!)).toEqual([1, 2, 0]);
  });

  it('reads data.limit files spread over all classes', async () => {
    const data = await loadImageFolder(FIXTURE, dataConfig({ limit: 4 }));
    expect(data.count).toBe(4);
    expect(new Set(data.labels)).toEqual(new Set([0, 1]));
    expect(data.notes.join('\n')).toMatch(/read 4 of 24 images/);
  });

  it('resizes everything to data.imageSize', async () => {
    const dir = tempDir();
    writeGrayPng(join(dir, 'a.png'), 4, 4, () => 51);
    const data = await loadImageFolder(dir, dataConfig({ imageSize: [2, 3] }));
    expect(data.sampleShape).toEqual([2, 3, 1]);
    for (const v of data.x) expect(v).toBeCloseTo(0.2, 6);
    expect(data.notes.join('\n')).toMatch(/resized 1 image to 3x2 \(width x height\), as data.imageSize asks/);
  });

  it('honours data.normalization "none" (raw 0..255 values)', async () => {
    const dir = tempDir();
    writeGrayPng(join(dir, 'a.png'), 1, 1, () => 77);
    const data = await loadImageFolder(dir, dataConfig({ normalization: 'none' }));
    expect(Array.from(data.x)).toEqual([77]);
    expect(data.normalization).toEqual({ kind: 'none' });
  });
});

describe('loadImageFolder with mixed images', () => {
  it('converts colour images to the first image\'s grayscale, with a note', async () => {
    const dir = tempDir();
    writeGrayPng(join(dir, 'a.png'), 1, 1, () => 90);
    writeRgbPng(join(dir, 'b.png'), 1, 1, () => [255, 0, 0]);
    const data = await loadImageFolder(dir, dataConfig());
    expect(data.sampleShape).toEqual([1, 1, 1]);
    expect(data.x[0]).toBeCloseTo(90 / 255, 6);
    expect(data.x[1]).toBeCloseTo((0.299 * 255) / 255, 6); // BT.601 luma of pure red
    expect(data.notes.join('\n')).toMatch(/converted 1 colour image to grayscale to match the first image, a.png/);
  });

  it('converts grayscale images to RGB when data.channels is 3', async () => {
    const dir = tempDir();
    writeGrayPng(join(dir, 'a.png'), 1, 1, () => 90);
    const data = await loadImageFolder(dir, dataConfig({ channels: 3 }));
    expect(data.sampleShape).toEqual([1, 1, 3]);
    expect(Array.from(data.x)).toEqual([90, 90, 90].map((v) => Math.fround(v / 255)));
    expect(data.notes.join('\n')).toMatch(/converted 1 grayscale image to RGB to match data.channels/);
  });

  it('resizes images of other sizes to the first image\'s size with mixedSizes "resize"', async () => {
    const dir = tempDir();
    writeGrayPng(join(dir, 'a.png'), 4, 4, () => 0);
    writeGrayPng(join(dir, 'b.png'), 2, 2, () => 255);
    writeGrayPng(join(dir, 'c.png'), 8, 6, () => 255);
    const data = await loadImageFolder(dir, dataConfig({ mixedSizes: 'resize' }));
    expect(data.sampleShape).toEqual([4, 4, 1]);
    expect(Array.from(data.x.subarray(16))).toEqual(Array(32).fill(1));
    expect(data.notes.join('\n')).toMatch(/resized 2 images to 4x4 \(width x height\), the size of the first image, a.png/);
  });

  it('refuses mixed sizes with mixedSizes "error", naming the file and both sizes', async () => {
    const dir = tempDir();
    writeGrayPng(join(dir, 'a.png'), 4, 4, () => 0);
    writeGrayPng(join(dir, 'b.png'), 3, 2, () => 0);
    const error = await rejectedInputError(() => loadImageFolder(dir, dataConfig({ mixedSizes: 'error' })));
    expect(error.file).toBe(join(dir, 'b.png'));
    expect(error.message).toContain(join(dir, 'b.png'));
    expect(error.message).toMatch(/is 3x2 .* a.png, is 4x4/);
    expect(error.message).toMatch(/data.mixedSizes/);
  });
});

describe('loadImageFolder bad input', () => {
  it('refuses an empty folder', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty-sub'));
    const error = await rejectedInputError(() => loadImageFolder(dir, dataConfig()));
    expect(error.message).toContain(dir);
    expect(error.message).toMatch(/folder is empty/);
  });

  it('refuses a folder without images, listing what it found and what is supported', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    writeFileSync(join(dir, 'b.txt'), 'hello');
    writeFileSync(join(dir, 'table.csv'), '1,2');
    const error = await rejectedInputError(() => loadImageFolder(dir, dataConfig()));
    expect(error.message).toContain(dir);
    expect(error.message).toMatch(/found \.txt \(2\), \.csv \(1\); supported image types are \.png, \.jpg, \.jpeg/);
  });

  function folderWithTruncatedPng(): string {
    const dir = tempDir();
    writeGrayPng(join(dir, 'cls', 'good.png'), 4, 4, () => 9);
    const png = writeGrayPng(join(dir, 'cls', 'bad.png'), 4, 4, () => 9);
    writeFileSync(join(dir, 'cls', 'bad.png'), png.subarray(0, Math.floor(png.length / 2)));
    return dir;
  }

  it('skips a truncated PNG with onBadFile "skip", counting and naming it', async () => {
    const data = await loadImageFolder(folderWithTruncatedPng(), dataConfig({ onBadFile: 'skip' }));
    expect(data.count).toBe(1);
    expect(data.sourceNames).toEqual(['cls/good.png']);
    expect(data.dropped).toEqual({ count: 1, reasons: { 'corrupt image': 1 }, files: ['cls/bad.png'] });
  });

  it('stops on a truncated PNG with onBadFile "error", naming the file and the decoder message', async () => {
    const dir = folderWithTruncatedPng();
    const error = await rejectedInputError(() => loadImageFolder(dir, dataConfig({ onBadFile: 'error' })));
    expect(error.file).toBe(join(dir, 'cls', 'bad.png'));
    expect(error.message).toMatch(/cannot decode image: .*read requests/);
  });

  function folderWithGarbageJpeg(): string {
    const dir = tempDir();
    writeJpeg(join(dir, 'fine.jpg'), 8, 8, () => [1, 2, 3]);
    // A JPEG start-of-image marker followed by noise, as a half-overwritten download would look.
    const noise = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 256));
    writeFileSync(join(dir, 'garbage.jpg'), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), noise]));
    return dir;
  }

  it('skips a garbage JPEG with onBadFile "skip"', async () => {
    const data = await loadImageFolder(folderWithGarbageJpeg(), dataConfig());
    expect(data.count).toBe(1);
    expect(data.dropped.reasons).toEqual({ 'corrupt image': 1 });
    expect(data.dropped.files).toEqual(['garbage.jpg']);
  });

  it('stops on a garbage JPEG with onBadFile "error"', async () => {
    const dir = folderWithGarbageJpeg();
    const error = await rejectedInputError(() => loadImageFolder(dir, dataConfig({ onBadFile: 'error' })));
    expect(error.file).toBe(join(dir, 'garbage.jpg'));
    expect(error.message).toContain('garbage.jpg: cannot decode image');
  });

  it('reports when no image at all can be decoded', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.png'), 'not really a png');
    const error = await rejectedInputError(() => loadImageFolder(dir, dataConfig()));
    expect(error.message).toMatch(/none of the 1 image could be read \(first: a.png: not a PNG or JPEG file/);
  });

  it('refuses a folder whose float32 samples would exceed the memory limit, with the estimate', async () => {
    // 24 images * 28 * 28 * 1 * 4 bytes = 75,264 bytes.
    const error = await rejectedInputError(() => loadImageFolder(FIXTURE, dataConfig(), { maxBytes: 50_000 }));
    expect(error.message).toContain(FIXTURE);
    expect(error.message).toMatch(/needs about 76 kB of memory, more than the 50 kB limit; set data.stream to true .* data.limit .* data.imageSize/);
  });

  it('refuses a huge data.imageSize against the default 4 GiB limit before decoding anything', async () => {
    const error = await rejectedInputError(() => loadImageFolder(FIXTURE, dataConfig({ imageSize: 20_000 })));
    expect(error.message).toMatch(/24 images of 20000x20000x1 \(width x height x channels\) as float32 needs about 38.4 GB of memory, more than the 4.3 GB limit/);
  });

  it('skips a symbolic link loop with a note instead of walking forever', async () => {
    const dir = tempDir();
    writeGrayPng(join(dir, 'digits', 'one.png'), 2, 2, () => 1);
    symlinkSync(dir, join(dir, 'digits', 'loop'), 'dir');
    const data = await loadImageFolder(dir, dataConfig());
    expect(data.sourceNames).toEqual(['digits/one.png']);
    expect(data.notes.join('\n')).toMatch(/skipped digits\/loop: it is the same folder as \. \(through a symbolic link\), which was already read/);
  });

  it('the fixture generator wrote real grayscale PNGs', () => {
    const bytes = readFileSync(join(FIXTURE, 'square', '11.png'));
    expect(bytes[25]).toBe(0); // IHDR colour type 0 = grayscale
  });
});
