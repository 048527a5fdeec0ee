// Fixtures in test/fixtures/data/*.npy were written by numpy (see the README there for the script).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadNpyDataset } from '../../../src/trainer/data/npyDataset';
import { readNpyFile } from '../../../src/trainer/data/npy';
import { dataConfig, removeTempDirs, tempDir, inputError } from './helpers';

const FIXTURES = resolve(__dirname, '../../fixtures/data');
const fixture = (name: string) => join(FIXTURES, name);

afterAll(removeTempDirs);

describe('readNpyFile', () => {
  it('reads format version 1 uint8 data', () => {
    const array = readNpyFile(fixture('gray_u1.npy'));
    expect(array.descr).toBe('|u1');
    expect(array.shape).toEqual([3, 4, 5]);
    expect(Array.from(array.data)).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it('reads format version 2 (int64) and version 3 (float32) headers', () => {
    expect(readNpyFile(fixture('table_i8_v2.npy'))).toMatchObject({ descr: '<i8', shape: [2, 2] });
    expect(Array.from(readNpyFile(fixture('table_i8_v2.npy')).data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(readNpyFile(fixture('table_f4_v3.npy')).data)).toEqual([0.5, 1.5, 2.5, 3.5]);
  });

  it('reads int32 data', () => {
    expect(Array.from(readNpyFile(fixture('table_i4.npy')).data)).toEqual([0, -4, 10, 4, 5, 0]);
  });
});

describe('loadNpyDataset', () => {
  it('reads (N, H, W) uint8 as grayscale images scaled by 1/255', () => {
    const data = loadNpyDataset(fixture('gray_u1.npy'), dataConfig());
    expect(data.count).toBe(3);
    expect(data.sampleShape).toEqual([4, 5, 1]);
    expect(data.normalization).toEqual({ kind: 'scale', divisor: 255 });
    expect(data.x[59]).toBeCloseTo(59 / 255, 6);
    expect(data.sourceNames).toEqual(['gray_u1.npy #0', 'gray_u1.npy #1', 'gray_u1.npy #2']);
  });

  it('keeps (N, H, W, C) float images as they are by default', () => {
    const data = loadNpyDataset(fixture('rgb_f4.npy'), dataConfig());
    expect(data.count).toBe(2);
    expect(data.sampleShape).toEqual([3, 4, 3]);
    expect(data.normalization).toEqual({ kind: 'none' });
    expect(data.x[71]).toBeCloseTo(0.71, 6);
  });

  it('min-max scales an (N, D) float64 table and records the parameters', () => {
    const data = loadNpyDataset(fixture('table_f8.npy'), dataConfig());
    expect(data.sampleShape).toEqual([3]);
    expect(data.count).toBe(4);
    expect(data.normalization).toEqual({ kind: 'minmax', min: [1, 10, 5], max: [5, 40, 5] });
    expect(Array.from(data.x.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(data.x[9]).toBe(1);
  });

  it('z-scores a table when asked', () => {
    const data = loadNpyDataset(fixture('table_i4.npy'), dataConfig({ normalization: 'zscore' }));
    expect(data.normalization.kind).toBe('zscore');
    if (data.normalization.kind === 'zscore') expect(data.normalization.mean).toEqual([5, 0]);
  });
});

describe('loadNpyDataset bad input', () => {
  it.each([
    ['complex_c8.npy', /dtype '<c8' is not supported; supported dtypes are float32 \('<f4'\), float64 \('<f8'\), uint8 \('\|u1'\), int32 \('<i4'\)/],
    ['strings_u5.npy', /dtype '<U5' is not supported/],
    ['big_endian_f4.npy', /dtype '>f4' is big-endian/],
  ])('refuses the unsupported dtype of %s, naming the file', (name, message) => {
    const error = inputError(() => loadNpyDataset(fixture(name), dataConfig()));
    expect(error.file).toBe(fixture(name));
    expect(error.message).toMatch(message);
  });

  it.each([
    ['rank1_f4.npy', 'shape (5,) (rank 1)'],
    ['rank5_u1.npy', 'shape (1, 2, 2, 2, 1) (rank 5)'],
    ['rgba_u1.npy', 'shape (2, 2, 2, 4) (rank 4)'],
  ])('refuses the unsupported shape of %s', (name, shape) => {
    const error = inputError(() => loadNpyDataset(fixture(name), dataConfig()));
    expect(error.file).toBe(fixture(name));
    expect(error.message).toContain(`array has ${shape}; supported shapes are (N, D) for a table`);
  });

  it('refuses Fortran-ordered arrays with the fix', () => {
    const error = inputError(() => loadNpyDataset(fixture('fortran_f8.npy'), dataConfig()));
    expect(error.message).toMatch(/shape \(3, 2\)\) is stored in Fortran order; .*ascontiguousarray/);
  });

  it('refuses truncated data, naming the file and both sizes', () => {
    const bytes = readFileSync(fixture('table_f8.npy'));
    const file = join(tempDir(), 'cut.npy');
    writeFileSync(file, bytes.subarray(0, bytes.length - 10));
    const error = inputError(() => loadNpyDataset(file, dataConfig()));
    expect(error.file).toBe(file);
    expect(error.message).toMatch(/truncated data: shape \(4, 3\) of float64 needs 96 bytes after the header, the file has 86/);
  });

  it('refuses a truncated header', () => {
    const file = join(tempDir(), 'head.npy');
    writeFileSync(file, readFileSync(fixture('table_f8.npy')).subarray(0, 40));
    expect(inputError(() => loadNpyDataset(file, dataConfig())).message).toMatch(/truncated NPY header/);
  });

  it('refuses a file that is not NPY', () => {
    const file = join(tempDir(), 'arrays.npy');
    writeFileSync(file, Buffer.from('PK\x03\x04 zip archive', 'latin1'));
    expect(inputError(() => loadNpyDataset(file, dataConfig())).message).toMatch(/not an NPY file.*\.npz/);
  });
});
