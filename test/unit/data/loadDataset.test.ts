import { copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat, loadDataset } from '../../../src/trainer/data/loadDataset';
import { dataConfig, experimentIn, rejectedInputError, removeTempDirs, tempDir, writeGrayPng } from './helpers';

const FIXTURES = resolve(__dirname, '../../fixtures');

afterAll(removeTempDirs);

describe('loadDataset', () => {
  it('loads the fixture image folder relative to the experiment file', async () => {
    const data = await loadDataset(dataConfig({ source: 'images-small' }), experimentIn(FIXTURES));
    expect(data.count).toBe(24);
    expect(data.sampleShape).toEqual([28, 28, 1]);
    expect(data.labelNames).toEqual(['circle', 'square']);
  });

  it('detects csv, npy, idx and image files by name and folders as images', () => {
    const dir = tempDir();
    expect(detectFormat(dir)).toBe('images');
    for (const [name, format] of [
      ['a.csv', 'csv'],
      ['a.tsv.gz', 'csv'],
      ['a.npy', 'npy'],
      ['train-images-idx3-ubyte.gz', 'idx'],
      ['a.PNG', 'images'],
      ['a.jpeg', 'images'],
      ['a.parquet', undefined],
    ] as const) {
      writeFileSync(join(dir, name), '');
      expect(detectFormat(join(dir, name))).toBe(format);
    }
  });

  it('loads a CSV and drops its NaN/Inf rows with reason counts', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'table.csv'), 'a,b\n1,2\nnan,1\n3,-inf\n4,5\n');
    const data = await loadDataset(dataConfig({ source: 'table.csv' }), experimentIn(dir));
    expect(data.count).toBe(2);
    expect(data.dropped).toEqual({ count: 2, reasons: { 'NaN value': 1, 'infinite value': 1 }, files: [] });
  });

  it('loads an NPY file and a single image file', async () => {
    const dir = tempDir();
    copyFileSync(join(FIXTURES, 'data', 'gray_u1.npy'), join(dir, 'x.npy'));
    writeGrayPng(join(dir, 'one.png'), 3, 3, () => 255);
    expect((await loadDataset(dataConfig({ source: 'x.npy' }), experimentIn(dir))).sampleShape).toEqual([4, 5, 1]);
    expect((await loadDataset(dataConfig({ source: 'one.png' }), experimentIn(dir))).count).toBe(1);
  });

  it('notes options that the format does not use', async () => {
    const data = await loadDataset(dataConfig({ source: 'images-small', labelColumn: 'y', header: true, sampleRate: 8000 }), experimentIn(FIXTURES));
    expect(data.notes).toContain('data.sampleRate was ignored: it applies to the "audio" format, and this data is "images"');
    expect(data.notes).toContain('data.labelColumn was ignored: it applies to the "csv" format, and this data is "images"');
    expect(data.notes).toContain('data.header was ignored: it applies to the "csv" format, and this data is "images"');
  });
});

describe('loadDataset bad input', () => {
  it('refuses a path that does not exist, naming the experiment file and field', async () => {
    const dir = tempDir();
    const error = await rejectedInputError(() => loadDataset(dataConfig({ source: 'nope/missing.csv' }), experimentIn(dir)));
    expect(error).toMatchObject({ file: experimentIn(dir), field: 'data.source' });
    expect(error.message).toMatch(/data.source "nope\/missing.csv" does not exist \(resolved to .*missing.csv\)/);
  });

  it('refuses an unknown extension with format "auto"', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'data.parquet'), 'x');
    const error = await rejectedInputError(() => loadDataset(dataConfig({ source: 'data.parquet' }), experimentIn(dir)));
    expect(error).toMatchObject({ field: 'data.format' });
  });

  it('refuses a folder given with a single-file format', async () => {
    const error = await rejectedInputError(() => loadDataset(dataConfig({ source: 'images-small', format: 'csv' }), experimentIn(FIXTURES)));
    expect(error).toMatchObject({ field: 'data.source' });
    expect(error.message).toMatch(/is a folder, but data.format "csv" reads one file/);
  });
});
