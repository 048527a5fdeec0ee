// Loaders refuse what they cannot read safely: non-regular files, headers that declare more than memory holds,
// absurd labels, and data that BCE would turn into a meaningless negative loss.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCsvDataset } from '../../../src/trainer/data/csv';
import { readImageHeader } from '../../../src/trainer/data/decodeImage';
import { readIdxFile } from '../../../src/trainer/data/idx';
import { loadIdxDataset } from '../../../src/trainer/data/idxDataset';
import { loadImageFolder } from '../../../src/trainer/data/imageFolder';
import { loadDataset } from '../../../src/trainer/data/loadDataset';
import { readNpyFile } from '../../../src/trainer/data/npy';
import { blackGrayPng, float32Npy, idxBytes, makeFifo, npyBytes, withJpegSize } from '../../helpers/hostileFiles';
import { dataConfig, experimentIn, inputError, rejectedInputError, removeTempDirs, tempDir, writeGrayPng, writeJpeg, writeTemp } from './helpers';

afterAll(removeTempDirs);

const UINT8 = 0x08;
const FLOAT32 = 0x0d;

function int32Labels(values: number[]): Buffer {
  const data = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => data.writeInt32BE(v, 4 * i));
  return idxBytes(0x0c, [values.length], data);
}

describe('only regular files are opened', () => {
  it('refuses a FIFO as data.source from its stat, naming the path and the field', async () => {
    const dir = tempDir();
    makeFifo(join(dir, 'pipe.npy'));
    const error = await rejectedInputError(() => loadDataset(dataConfig({ source: 'pipe.npy' }), experimentIn(dir)));
    expect(error.field).toBe('data.source');
    expect(error.message).toContain(`${join(dir, 'pipe.npy')}) is a FIFO (named pipe), not a regular file`);
  });

  it('refuses a FIFO as an IDX labels file and as a CSV, naming it', () => {
    const dir = tempDir();
    const images = join(dir, 'images.idx3-ubyte');
    writeFileSync(images, idxBytes(UINT8, [1, 1, 1], Buffer.from([1])));
    const labels = makeFifo(join(dir, 'labels.idx1-ubyte'));
    expect(inputError(() => loadIdxDataset(images, labels)).message).toBe(`${labels}: is a FIFO (named pipe), not a regular file; data is only read from regular files; copy the data into a file first`);
    const csv = makeFifo(join(dir, 'table.csv'));
    expect(inputError(() => loadCsvDataset(csv, dataConfig())).file).toBe(csv);
  });

  it('skips a FIFO inside an image folder with a note', async () => {
    const dir = tempDir();
    writeGrayPng(join(dir, 'a', 'one.png'), 2, 2, () => 10);
    makeFifo(join(dir, 'a', 'two.png'));
    const data = await loadImageFolder(dir, dataConfig());
    expect(data.sourceNames).toEqual(['a/one.png']);
    expect(data.notes.join('\n')).toContain('skipped 1 entries that are not regular files (FIFOs, sockets or devices): a/two.png');
  });
});

describe('labels are checked before any class list is built', () => {
  const images = () => writeTemp('images.idx3-ubyte', idxBytes(UINT8, [3, 1, 1], Buffer.from([1, 2, 3])));

  it('refuses an IDX label of 2^31 - 1 naming the file, the value and the sample', () => {
    const labels = writeTemp('labels.idx1-ubyte', int32Labels([0, 2 ** 31 - 1, 1]));
    const error = inputError(() => loadIdxDataset(images(), labels));
    expect(error.message).toBe(`${labels}: label 2147483647 (sample 1) is 10000 or more; labels must be class ids 0..9999`);
  });

  it('refuses negative and non-integer labels, and labels that are not one-dimensional', () => {
    expect(inputError(() => loadIdxDataset(images(), writeTemp('l.idx1-ubyte', int32Labels([0, -3, 1])))).message).toContain('label -3 (sample 1) is negative');
    const floats = Buffer.alloc(12);
    [0, 1.5, 2].forEach((v, i) => floats.writeFloatBE(v, 4 * i));
    expect(inputError(() => loadIdxDataset(images(), writeTemp('f.idx1-ubyte', idxBytes(FLOAT32, [3], floats)))).message).toContain('label 1.5 (sample 1) is not an integer');
    expect(inputError(() => loadIdxDataset(images(), writeTemp('m.idx2-ubyte', idxBytes(UINT8, [3, 1], Buffer.from([0, 1, 2]))))).message).toContain(
      'labels must be one-dimensional [N], got dimensions [3, 1]',
    );
  });

  it('refuses a CSV label column with more than 10,000 distinct values, naming data.labelColumn', () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => `${i},0.5`).join('\n');
    const file = writeTemp('ids.csv', `id,x\n${rows}\n`);
    const error = inputError(() => loadCsvDataset(file, dataConfig({ labelColumn: 'id' })));
    expect(error.field).toBe('data.labelColumn');
    expect(error.message).toContain('the label column has 10001 distinct labels, more than the 10000 classes supported');
  });
});

describe('decoded sizes are estimated from headers and capped before decoding', () => {
  it('IDX: a header declaring 10^12 values is refused with the estimate, without reading the data', () => {
    const file = writeTemp('huge.idx3-ubyte', idxBytes(UINT8, [1_000_000, 1000, 1000], Buffer.alloc(16)));
    expect(inputError(() => readIdxFile(file)).message).toBe(
      `${file}: loading an IDX array of dimensions 1000000x1000x1000 as float32 needs about 4000.0 GB of memory, more than the 4.3 GB limit; ` +
        'save a smaller part of the data (fewer samples) to a new file, or export the images to a folder and set data.stream to true',
    );
  });

  it('IDX gzip: the header is read from the start of the stream, and gunzip stops at the size the header declares', () => {
    const huge = writeTemp('huge.idx3-ubyte.gz', gzipSync(idxBytes(UINT8, [100_000, 1000, 1000], Buffer.alloc(1000))));
    expect(inputError(() => readIdxFile(huge)).message).toContain('dimensions 100000x1000x1000 as float32 needs about 400.0 GB');
    // A bomb: declares 2 values but inflates to 50 MB.
    const bomb = writeTemp('bomb.idx1-ubyte.gz', gzipSync(idxBytes(UINT8, [2], Buffer.alloc(50_000_000))));
    expect(inputError(() => readIdxFile(bomb)).message).toBe(`${bomb}: decompresses to more than the 10 bytes its header declares (dimensions 2); the file is corrupt`);
    // The cap is the declared size: an honest gzipped file still reads.
    const honest = writeTemp('ok.idx1-ubyte.gz', gzipSync(idxBytes(UINT8, [3], Buffer.from([7, 8, 9]))));
    expect(Array.from(readIdxFile(honest).data)).toEqual([7, 8, 9]);
  });

  it('IDX gzip: a long stored file name in the gzip header still leaves the IDX header readable', () => {
    const idx = idxBytes(UINT8, [2, 1, 1], Buffer.from([5, 6]));
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc32(idx), 0);
    trailer.writeUInt32LE(idx.length, 4);
    const header = Buffer.from([0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3]); // FNAME flag
    const file = writeTemp('named.idx3-ubyte.gz', Buffer.concat([header, Buffer.from(`${'n'.repeat(3000)}\0`), deflateRawSync(idx), trailer]));
    expect(Array.from(readIdxFile(file).data)).toEqual([5, 6]);
  });

  it('IDX: the budget is one parameter, and the message is the one image folders give', () => {
    const file = writeTemp('small.idx3-ubyte', idxBytes(UINT8, [10, 10, 10], Buffer.alloc(1000)));
    expect(inputError(() => readIdxFile(file, 1000)).message).toMatch(/needs about 4 kB of memory, more than the 1 kB limit/);
  });

  it('NPY: the shape in the header is checked before the data is read', () => {
    const file = writeTemp('huge.npy', npyBytes('<f4', [1_000_000, 100_000], Buffer.alloc(64)));
    expect(inputError(() => readNpyFile(file)).message).toContain(`${file}: loading an array of shape (1000000, 100000) as float32 needs about 400.0 GB of memory, more than the 4.3 GB limit`);
    const small = writeTemp('small.npy', float32Npy([4, 100], () => 0.5));
    expect(inputError(() => readNpyFile(small, 1000)).message).toContain('needs about 2 kB of memory, more than the 1 kB limit');
  });

  it('CSV: rows x columns are estimated from the text before parsing, and gunzip is capped', () => {
    const text = `a,b,c,d\n${'1,2,3,4\n'.repeat(1000)}`;
    const file = writeTemp('t.csv', text);
    expect(inputError(() => loadCsvDataset(file, dataConfig(), 12_000)).message).toContain(`${file}: loading a table of about 1002 rows x 4 columns as float32 needs about 17 kB of memory, more than the 12 kB limit`);
    const gz = writeTemp('t.csv.gz', gzipSync(text));
    expect(inputError(() => loadCsvDataset(gz, dataConfig(), 4000)).message).toContain('the decompressed CSV text is larger than the 4 kB limit for one CSV file');
    expect(loadCsvDataset(gz, dataConfig()).count).toBe(1000);
  });

  it('PNG: a 62 kB file declaring 8000x8000 pixels is refused from its header, naming the file and both dimensions', async () => {
    const png = blackGrayPng(8000, 8000);
    expect(png.length).toBeLessThan(70_000);
    expect(() => readImageHeader(png)).toThrow('the image declares 8000x8000 pixels (width x height), 64.0 megapixels, more than the 50-megapixel limit per image');
    const dir = tempDir();
    writeGrayPng(join(dir, 'small.png'), 4, 4, () => 100);
    writeFileSync(join(dir, 'big.png'), png);
    const error = await rejectedInputError(() => loadImageFolder(dir, dataConfig({ onBadFile: 'error' })));
    expect(error.file).toBe(join(dir, 'big.png'));
    expect(error.message).toContain('8000x8000');
    // Skipped by default, counted under its own reason, and the other image keeps its own size.
    const data = await loadImageFolder(dir, dataConfig());
    expect(data.sampleShape).toEqual([4, 4, 1]);
    expect(data.dropped).toEqual({ count: 1, reasons: { 'image larger than 50 megapixels': 1 }, files: ['big.png'] });
  });

  it('JPEG: the SOF frame size is checked the same way', () => {
    const dir = tempDir();
    const jpeg = writeJpeg(join(dir, 'a.jpg'), 8, 8, () => [10, 20, 30]);
    expect(() => readImageHeader(withJpegSize(jpeg, 9000, 9000))).toThrow('the image declares 9000x9000 pixels');
    expect(readImageHeader(withJpegSize(jpeg, 5000, 5000))).toMatchObject({ width: 5000, height: 5000 });
  });
});

describe('BCE never trains on data outside [0, 1]', () => {
  const npyFolder = (values: (i: number) => number, shape = [6, 4, 4]) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.npy'), float32Npy(shape, values));
    return dir;
  };

  it('"auto" divides float images in 0..255 by their maximum and says so', async () => {
    const dir = npyFolder((i) => i % 256);
    const data = await loadDataset(dataConfig({ source: 'x.npy' }), experimentIn(dir), 'bce');
    expect(data.normalization).toEqual({ kind: 'scale', divisor: 95 });
    expect(Math.max(...data.x)).toBe(1);
    expect(data.notes.join('\n')).toContain('data.normalization "auto": the values span [0, 95] but training.loss "bce" needs them in [0, 1], so it divided them by 95');
  });

  it('"auto" min-max scales data with negative values', async () => {
    const dir = npyFolder((i) => (i % 7) - 3);
    const data = await loadDataset(dataConfig({ source: 'x.npy' }), experimentIn(dir), 'bce');
    expect(data.normalization.kind).toBe('minmax');
    expect(Math.min(...data.x)).toBe(0);
    expect(Math.max(...data.x)).toBe(1);
  });

  it('leaves data alone for mse, and data already in [0, 1] for bce', async () => {
    const raw = await loadDataset(dataConfig({ source: 'x.npy' }), experimentIn(npyFolder((i) => i)), 'mse');
    expect(raw.normalization).toEqual({ kind: 'none' });
    const unit = await loadDataset(dataConfig({ source: 'x.npy' }), experimentIn(npyFolder((i) => (i % 2) / 2)), 'bce');
    expect(unit.notes.join('\n')).not.toContain('training.loss');
  });

  it('"none" (and "zscore") with bce are refused naming training.loss, data.normalization and what to change', async () => {
    const dir = npyFolder((i) => i);
    for (const normalization of ['none', 'zscore'] as const) {
      const error = await rejectedInputError(() => loadDataset(dataConfig({ source: 'x.npy', normalization }), experimentIn(dir), 'bce'));
      expect(error.field).toBe('training.loss');
      expect(error.message).toContain(`with data.normalization "${normalization}" the data spans`);
      expect(error.message).toContain('set data.normalization to "minmax" (or "auto") to scale it, or training.loss to "mse"');
    }
  });

  it('a streamed folder of raw pixels ("none") is refused for bce', async () => {
    const dir = tempDir();
    writeGrayPng(join(dir, 'imgs', 'a.png'), 2, 2, () => 200);
    mkdirSync(join(dir, 'imgs', 'sub'));
    const error = await rejectedInputError(() => loadDataset(dataConfig({ source: 'imgs', stream: true, normalization: 'none' }), experimentIn(dir), 'bce'));
    expect(error.message).toContain('the data spans [0, 255] (8-bit pixels)');
  });
});

describe('IDX files follow data.normalization', () => {
  it('"none" keeps raw uint8 pixels (then refused for bce), "minmax" scales them', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'images.idx3-ubyte'), idxBytes(UINT8, [2, 1, 2], Buffer.from([0, 200, 100, 50])));
    const raw = await loadDataset(dataConfig({ source: 'images.idx3-ubyte', normalization: 'none' }), experimentIn(dir), 'mse');
    expect(Array.from(raw.x)).toEqual([0, 200, 100, 50]);
    const error = await rejectedInputError(() => loadDataset(dataConfig({ source: 'images.idx3-ubyte', normalization: 'none' }), experimentIn(dir), 'bce'));
    expect(error.message).toContain('with data.normalization "none" the data spans [0, 200]');
    const minmax = await loadDataset(dataConfig({ source: 'images.idx3-ubyte', normalization: 'minmax' }), experimentIn(dir), 'bce');
    expect(Array.from(minmax.x)).toEqual([0, 1, 1, 0]);
  });
});
