// Which runs Apply Autoencoder offers for a file: its shape is read from real headers (PNG, JPEG, CSV, NPY, gzipped IDX,
// a folder's first image), and a run fits when its data.json input spec takes that shape.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFileRegex } from '../../../src/extension/apply/applyMenu';
import { defaultOutput, unusedPath } from '../../../src/extension/apply/applyOutput';
import { inputShapeOf, InputShapeError } from '../../../src/extension/apply/inputShape';
import { channelConversion, noRunFitsMessage, runTakes } from '../../../src/extension/apply/runFit';
import type { InputSpec } from '../../../src/runs/dataFile';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const apply = (name: string) => join(FIXTURES, 'apply', name);
const npy = (name: string) => join(FIXTURES, 'data', name);
const shape = (path: string, isDirectory = false) => inputShapeOf(path, isDirectory);

const grayImages: InputSpec = { kind: 'images', height: 28, width: 28, channels: 1, resize: 'bilinear' };
const rgbImages: InputSpec = { kind: 'images', height: 32, width: 32, channels: 3, resize: 'bilinear' };
const threeColumns: InputSpec = { kind: 'table', columns: ['temp', 'pressure', 'humidity'], labelColumn: 'label' };

describe('the shape of an input, from its header', () => {
  it('reads the channels of PNG and JPEG images and of a folder\'s first image', () => {
    expect(shape(join(FIXTURES, 'images-small', 'circle', '00.png'))).toEqual({ kind: 'images', channels: 1, format: 'images' });
    expect(shape(apply('rgb.png'))).toEqual({ kind: 'images', channels: 3, format: 'images' });
    expect(shape(apply('rgb.jpg'))).toEqual({ kind: 'images', channels: 3, format: 'images' });
    expect(shape(join(FIXTURES, 'images-small'), true)).toEqual({ kind: 'images', channels: 1, format: 'images' });
  });

  it('reads a CSV header, or counts the values of a header-less first row', () => {
    expect(shape(apply('readings.csv'))).toEqual({ kind: 'table', values: 4, header: ['temp', 'pressure', 'humidity', 'label'], format: 'csv', firstRow: ['temp', 'pressure', 'humidity', 'label'] });
    expect(shape(apply('readings-noheader.csv'))).toEqual({ kind: 'table', values: 3, header: null, format: 'csv', firstRow: ['1', '2', '3'] });
  });

  it('splits a CSV header by the separator the loaders sniff (a semicolon CSV has its columns too)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aelab-semicolon-'));
    writeFileSync(join(dir, 'eu.csv'), 'temp;pressure;humidity\n1,5;2;3\n');
    expect(shape(join(dir, 'eu.csv'))).toEqual({ kind: 'table', values: 3, header: ['temp', 'pressure', 'humidity'], format: 'csv', firstRow: ['temp', 'pressure', 'humidity'] });
  });

  it('reads NPY and gzipped IDX dimensions: (N, D) is a table, (N, H, W[, C]) images', () => {
    expect(shape(npy('table_f8.npy'))).toEqual({ kind: 'table', values: 3, header: null, format: 'npy' });
    expect(shape(npy('gray_u1.npy'))).toEqual({ kind: 'images', channels: 1, format: 'npy' });
    expect(shape(npy('rgb_f4.npy'))).toEqual({ kind: 'images', channels: 3, format: 'npy' });
    expect(shape(apply('digits-idx3-ubyte.gz'))).toEqual({ kind: 'images', channels: 1, format: 'idx' });
  });

  it('refuses what no run can take, naming the file and what was expected', () => {
    expect(() => shape(npy('rgba_u1.npy'))).toThrow(InputShapeError);
    expect(() => shape(npy('rgba_u1.npy'))).toThrow(/rgba_u1\.npy: an array of shape \(2, 2, 2, 4\); expected \(N, D\) table rows/);
    expect(() => shape(npy('rank1_f4.npy'))).toThrow(/rank1_f4\.npy: an array of shape \(5\)/);
    expect(() => shape(apply('README.md'))).toThrow(/README\.md is not an image, an image folder, a WAV file or folder, or an IDX, CSV or NPY file/);
    expect(() => shape(apply('readings.csv').replace('readings.csv', 'rgb.png.csv'))).toThrow(); // missing file
  });
});

describe('which runs take an input', () => {
  it('takes images of any size and of either channel count, saying when the channels are converted', () => {
    const gray = shape(join(FIXTURES, 'images-small', 'circle', '00.png'));
    expect(runTakes(grayImages, gray)).toBe(true);
    expect(channelConversion(grayImages, gray)).toBeUndefined();
    expect(runTakes(grayImages, shape(apply('rgb.png')))).toBe(true);
    expect(channelConversion(grayImages, shape(apply('rgb.png')))).toBe('converts RGB to gray');
    expect(channelConversion(rgbImages, gray)).toBe('converts gray to RGB');
    expect(runTakes(rgbImages, shape(apply('rgb.png')))).toBe(true); // 6x5, resized to 32x32 by the trainer
    expect(channelConversion(threeColumns, shape(apply('readings.csv')))).toBeUndefined();
    expect(runTakes(grayImages, shape(apply('digits-idx3-ubyte.gz')))).toBe(true);
    expect(runTakes(threeColumns, shape(apply('rgb.png')))).toBe(false);
  });

  it('matches tables by feature columns, not counting the run\'s label column', () => {
    expect(runTakes(threeColumns, shape(apply('readings.csv')))).toBe(true); // 4 columns, one of them the label
    expect(runTakes(threeColumns, shape(apply('readings-noheader.csv')))).toBe(true);
    expect(runTakes(threeColumns, shape(npy('table_f8.npy')))).toBe(true);
    expect(runTakes({ ...threeColumns, labelColumn: null }, shape(apply('readings.csv')))).toBe(false);
    expect(runTakes({ kind: 'table', columns: ['0', '1'], labelColumn: null }, shape(npy('table_f8.npy')))).toBe(false);
    expect(runTakes(grayImages, shape(npy('table_f8.npy')))).toBe(false);
  });

  it('says why none fits', () => {
    expect(noRunFitsMessage(shape(apply('rgb.png')), { completed: 3, applicable: 2 })).toBe('no finished run takes images; train one first on data like this.');
    expect(noRunFitsMessage(shape(npy('table_f8.npy')), { completed: 1, applicable: 1 })).toBe('no finished run takes tables of 3 values per row; train one first on data like this.');
    expect(noRunFitsMessage(shape(apply('rgb.png')), { completed: 0, applicable: 0 })).toBe('no run has finished yet; train one first.');
    expect(noRunFitsMessage(shape(apply('rgb.png')), { completed: 2, applicable: 0 })).toMatch(/^the finished runs were trained before runs kept what applying them needs \(data\.json "input"\)/);
  });
});

describe('default outputs', () => {
  it('puts results next to the input, named after it and the job, never over an existing file', () => {
    const png = apply('rgb.png');
    expect(defaultOutput(png, false, shape(png), 'reconstruct', true)).toMatchObject({ path: apply('rgb-denoised.png'), isFolder: false });
    expect(defaultOutput(png, false, shape(png), 'reconstruct', false).path).toBe(apply('rgb-reconstructed.png'));
    const folder = join(FIXTURES, 'images-small');
    expect(defaultOutput(folder, true, shape(folder, true), 'reconstruct', false)).toMatchObject({ path: join(FIXTURES, 'images-small-reconstructed'), isFolder: true });
    expect(defaultOutput(apply('readings.csv'), false, shape(apply('readings.csv')), 'score', false).path).toBe(apply('readings.scores.csv'));
    expect(defaultOutput(npy('table_f8.npy'), false, shape(npy('table_f8.npy')), 'reconstruct', false).path).toBe(npy('table_f8-reconstructed.npy'));
    expect(defaultOutput(png, false, shape(png), 'neighbors', false).path).toBeUndefined();
    const taken = new Set(['/d/x.scores.csv', '/d/x-2.scores.csv']);
    expect(unusedPath('/d/x.scores.csv', (p) => taken.has(p))).toBe('/d/x-3.scores.csv');
    expect(unusedPath('/d/out', (p) => p === '/d/out')).toBe('/d/out-2');
  });
});

describe('the explorer menu', () => {
  it('is offered on folders and exactly the files of every data format, images included', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    const entry = manifest.contributes.menus['explorer/context'].find((e: { command: string }) => e.command === 'autoencoderLab.applyAutoencoder');
    expect(entry?.when).toBe(`explorerResourceIsFolder || resourceFilename =~ /${applyFileRegex()}/i`);
    const menu = new RegExp(applyFileRegex(), 'i');
    for (const name of ['a.png', 'b.JPG', 'c.jpeg', 'train-images-idx3-ubyte', 'x.idx1.gz', 'a.csv', 'a.tsv.gz', 'a.npy']) expect(menu.test(name), name).toBe(true);
    for (const name of ['a.ae.json', 'a.npz', 'a.gif', 'a.png.bak']) expect(menu.test(name), name).toBe(false);
  });
});
