// data.stream reads the same samples as the in-memory loader, one at a time, from disk.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleSize } from '../../../src/trainer/data/dataset';
import { loadImageFolder } from '../../../src/trainer/data/imageFolder';
import { seededPermutation, splitDataset } from '../../../src/trainer/data/split';
import { fillBatch } from '../../../src/trainer/data/validateSamples';
import { tempWorkspace } from '../../helpers/experimentFiles';
import { writeGrayPng } from './helpers';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'images-small');
const config = { mixedSizes: 'resize', normalization: 'auto', onBadFile: 'skip' } as const;

describe('streamed image folders', () => {
  it('hold no pixels up front and read the same values as the in-memory loader', async () => {
    const inMemory = await loadImageFolder(FIXTURE, config);
    const streamed = await loadImageFolder(FIXTURE, { ...config, stream: true });
    expect(streamed.x).toHaveLength(0);
    expect(streamed.count).toBe(inMemory.count);
    expect(streamed.labelNames).toEqual(inMemory.labelNames);
    const size = sampleSize(streamed);
    const out = new Float32Array(size);
    for (const index of [0, 7, 23]) {
      streamed.stream!.read(index, out);
      expect(Array.from(out)).toEqual(Array.from(inMemory.x.subarray(index * size, (index + 1) * size)));
    }
  });

  it('split keeps the training set streamed and loads the validation set', async () => {
    const streamed = await loadImageFolder(FIXTURE, { ...config, stream: true });
    const { train, validation } = splitDataset(streamed, 0.25, 3);
    expect(train.stream).toBeDefined();
    expect(train.x).toHaveLength(0);
    expect(validation.stream).toBeUndefined();
    expect(validation.x).toHaveLength(6 * 784);
    const batch = new Float32Array(4 * 784);
    fillBatch(train, [0, 1, 2, 3], 0, 4, batch);
    expect(batch.some((v) => v > 0)).toBe(true);
    expect(batch.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('drops a corrupt file before training, counts it once, and reads every good image exactly once per epoch', async () => {
    // Each image is one flat gray value, so a streamed sample names the file it came from.
    const folder = tempWorkspace();
    const values = [10, 20, 30, 40, 50, 60, 70];
    values.forEach((v, i) => writeGrayPng(join(folder, i < 4 ? 'a' : 'b', `${i}.png`), 3, 3, () => v));
    writeFileSync(join(folder, 'a', '1x.png'), readFileSync(join(folder, 'a', '1.png')).subarray(0, 30)); // sorts between 1 and 2
    const streamed = await loadImageFolder(folder, { ...config, stream: true });
    expect(streamed.dropped).toEqual({ count: 1, reasons: { 'corrupt image': 1 }, files: ['a/1x.png'] });
    expect(streamed.count).toBe(values.length);
    expect(streamed.sourceNames).not.toContain('a/1x.png');

    const { train } = splitDataset(streamed, 0, 5);
    const batch = new Float32Array(train.count * 9);
    fillBatch(train, seededPermutation(train.count, 11), 0, train.count, batch);
    const seen = Array.from({ length: train.count }, (_, i) => Math.round(batch[i * 9] * 255));
    expect(seen.sort((a, b) => a - b)).toEqual(values);
    // And each slot holds the file its name says.
    for (let i = 0; i < train.count; i++) {
      const out = new Float32Array(9);
      train.stream!.read(i, out);
      expect(Math.round(out[0] * 255)).toBe(values[Number(/(\d+)\.png$/.exec(train.sourceNames![i])![1])]);
    }
  });

  it('stops naming the file when an image turns bad during training, instead of training a neighbour twice', async () => {
    const folder = join(tempWorkspace(), 'shapes');
    cpSync(FIXTURE, folder, { recursive: true });
    const streamed = await loadImageFolder(folder, { ...config, stream: true });
    const index = streamed.sourceNames!.indexOf('circle/01.png');
    writeFileSync(join(folder, 'circle', '01.png'), 'gone');
    expect(() => streamed.stream!.read(index, new Float32Array(784))).toThrow(`${join(folder, 'circle', '01.png')}: the image was readable when training started but cannot be decoded now`);
  });

  it('refuses min-max normalisation, which needs every image at once', async () => {
    await expect(loadImageFolder(FIXTURE, { ...config, normalization: 'minmax', stream: true })).rejects.toThrow(/data.normalization/);
  });
});
