// data.stream reads the same samples as the in-memory loader, one at a time, from disk.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleSize } from '../../../src/trainer/data/dataset';
import { loadImageFolder } from '../../../src/trainer/data/imageFolder';
import { splitDataset } from '../../../src/trainer/data/split';
import { fillBatch } from '../../../src/trainer/data/validateSamples';
import { tempWorkspace } from '../../helpers/experimentFiles';

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

  it('replaces a corrupt file found while streaming and names it once', async () => {
    const folder = join(tempWorkspace(), 'shapes');
    cpSync(FIXTURE, folder, { recursive: true });
    const png = readFileSync(join(folder, 'circle', '01.png'));
    writeFileSync(join(folder, 'circle', '01.png'), png.subarray(0, 30));
    const streamed = await loadImageFolder(folder, { ...config, stream: true });
    const out = new Float32Array(784);
    streamed.stream!.read(1, out);
    streamed.stream!.read(1, out);
    expect(streamed.dropped.files).toEqual(['circle/01.png']);
    expect(out.some((v) => v > 0)).toBe(true);
  });

  it('refuses min-max normalisation, which needs every image at once', async () => {
    await expect(loadImageFolder(FIXTURE, { ...config, normalization: 'minmax', stream: true })).rejects.toThrow(/data.normalization/);
  });
});
