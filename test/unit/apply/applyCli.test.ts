// aelab reconstruct / score / encode / neighbors on real MNIST bytes through the real CLI and trainer, each bad input
// with exit code 2 and a message naming what the run expects; in-process: no tensor leaks across batches, and probes.
import * as tf from '@tensorflow/tfjs';
import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseNpy } from '../../../src/trainer/data/npy';
import { readDataJson } from '../../../src/runs/dataFile';
import { readSearchCodes } from '../../../src/runs/searchCodes';
import { openApplyInput } from '../../../src/trainer/apply/applyInput';
import { eachBatch } from '../../../src/trainer/apply/eachBatch';
import { loadRun } from '../../../src/trainer/apply/loadRun';
import { servedRunProbe } from '../../../src/trainer/inference/servedRunProbe';
import { parse as parseCsv } from 'csv-parse/sync';
import { float32Npy, idxBytes, makeFifo, npyBytes } from '../../helpers/hostileFiles';
import { readViewSnapshot } from '../../../src/runs/viewFiles';
import { CLI_SCRIPT, TRAINER_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { TrainerProcess } from '../../../src/host/trainerProcess';
import { runNode } from '../../helpers/runNode';
import { trainWithCli } from '../../helpers/trainWithCli';
// @ts-expect-error -- a plain .mjs module of the scripts, without types
import { digit, pngBytes, readMnist, writeDigitFolder, writeDigitNpy } from '../../../scripts/apply/mnistDigits.mjs';

const mnist = readMnist();
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
let work: string;
let imageRun: string;
let tableRun: string;

const aelab = (...args: string[]) => runNode([CLI_SCRIPT, ...args], { cwd: work });

const train = (name: string, experiment: object) => trainWithCli(work, name, experiment);

function tableCsv(rows: number, header = 'a,b,c,kind'): string {
  const lines = range(0, rows).map((i) => `${i % 7},${(i * 3) % 11},${i % 2 === 0 ? 1.5 : -2},${i % 2 === 0 ? 'even' : 'odd'}`);
  return `${header}\n${lines.join('\n')}\n`;
}

function readPng(file: string): PNG {
  return PNG.sync.read(readFileSync(file));
}

beforeAll(async () => {
  work = tempWorkspace('aelab-apply-');
  writeDigitNpy(join(work, 'train.npy'), mnist, range(0, 600));
  imageRun = await train('digits', {
    kind: 'deep',
    data: { source: 'train.npy', validationSplit: 0.1 },
    model: { hidden: [32], latentDim: 8 },
    training: { epochs: 1, batchSize: 64, learningRate: 0.002, seed: 7 },
  });
  writeFileSync(join(work, 'table.csv'), tableCsv(120));
  tableRun = await train('table', {
    kind: 'deep',
    data: { source: 'table.csv', validationSplit: 0.1, labelColumn: 'kind' },
    model: { hidden: [8], latentDim: 2 },
    training: { epochs: 1, batchSize: 16, learningRate: 0.01, seed: 7, loss: 'mse' },
  });
  writeDigitFolder(join(work, 'new'), mnist, range(9000, 9030));
  // query.png: the training sample saved fourth in the run's search codes.
  writeFileSync(join(work, 'query.png'), pngBytes(digit(mnist, trainingIndex(3))));
});

/** The MNIST index of the run's n-th saved training sample ("train.npy #i" is digit i). */
function trainingIndex(n: number): number {
  return Number(/#(\d+)$/.exec(readSearchCodes(imageRun).sources[n])![1]);
}

describe('what a run keeps', () => {
  it('data.json has the input spec and a percentile threshold; search/ has one code per training sample', () => {
    const data = readDataJson(imageRun)!;
    expect(data.input).toEqual({ kind: 'images', height: 28, width: 28, channels: 1, resize: 'bilinear', pixelRange: '0-255' });
    expect(data.threshold).toMatchObject({ method: 'percentile', percentile: 99, metric: 'bce', samples: 540 });
    expect(data.threshold!.value).toBeGreaterThan(0);
    const search = readSearchCodes(imageRun);
    expect(search).toMatchObject({ count: 540, dim: 8 });
    expect(search.sources[0]).toMatch(/^train\.npy #\d+$/);
    expect(readDataJson(tableRun)!.input).toEqual({ kind: 'table', columns: ['a', 'b', 'c'], labelColumn: 'kind' });
  });
});

describe('aelab reconstruct', () => {
  it('writes one PNG per image at the same relative path, and one PNG for one image, resized to the run', async () => {
    const result = await aelab('reconstruct', imageRun, 'new', '--out', 'out', '--json');
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ count: 30, out: join(work, 'out') });
    const label = String(mnist.labels[9000]);
    const png = readPng(join(work, 'out', label, '9000.png'));
    expect([png.width, png.height]).toEqual([28, 28]);

    // A 32x32 image is resized to the run's 28x28, not refused.
    const big = new PNG({ width: 32, height: 32 });
    big.data.fill(255);
    writeFileSync(join(work, 'big.png'), PNG.sync.write(big));
    const single = await aelab('reconstruct', imageRun, 'big.png', '--out', 'big-out.png');
    expect(single.status, single.stderr).toBe(0);
    const out = readPng(join(work, 'big-out.png'));
    expect([out.width, out.height]).toEqual([28, 28]);
  });

  it('turns an NPY into a float32 NPY in pixel units, and a CSV into a CSV with the same header and labels', async () => {
    writeDigitNpy(join(work, 'few.npy'), mnist, range(9000, 9005));
    const npy = await aelab('reconstruct', imageRun, 'few.npy', '--out', 'few-out.npy');
    expect(npy.status, npy.stderr).toBe(0);
    const array = parseNpy(readFileSync(join(work, 'few-out.npy')), 'few-out.npy');
    expect(array.shape).toEqual([5, 28, 28, 1]);
    expect(Math.max(...array.data)).toBeGreaterThan(1); // 0..255 like the input, not the run's [0, 1]
    expect(Math.max(...array.data)).toBeLessThanOrEqual(255);

    const csv = await aelab('reconstruct', tableRun, 'table.csv', '--out', 'table-out.csv');
    expect(csv.status, csv.stderr).toBe(0);
    const lines = readFileSync(join(work, 'table-out.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('a,b,c,kind');
    expect(lines).toHaveLength(121);
    expect(lines[1].split(',')[3]).toBe('even');
    expect(lines[1].split(',').slice(0, 3).every((cell) => Number.isFinite(Number(cell)))).toBe(true);

    // Gzipped CSV, and columns in another order than the run's: found by name.
    writeFileSync(join(work, 'shuffled.csv.gz'), gzipSync('kind,c,a,b\neven,1.5,0,0\nodd,-2,1,3\n'));
    const encoded = await aelab('encode', tableRun, 'shuffled.csv.gz', '--out', 'table-codes.csv', '--json');
    expect(encoded.status, encoded.stderr).toBe(0);
    const codes = readFileSync(join(work, 'table-codes.csv'), 'utf8').trim().split('\n');
    expect(codes).toEqual([expect.stringMatching(/^source,label,z0,z1$/), expect.stringMatching(/^row 2,even,/), expect.stringMatching(/^row 3,odd,/)]);
    // Its first row is table.csv's first row (a 0, b 0, c 1.5): the same code.
    expect((await aelab('encode', tableRun, 'table.csv', '--out', 'table-codes-all.csv')).status).toBe(0);
    const same = readFileSync(join(work, 'table-codes-all.csv'), 'utf8').split('\n')[1];
    expect(codes[1]).toBe(same);
  });
});

describe('aelab score', () => {
  it("flags errors above the run's threshold by default, a given one, or a percentile of the scored errors", async () => {
    const byDefault = await aelab('score', imageRun, 'new', '--out', 'scores.csv', '--json');
    expect(byDefault.status, byDefault.stderr).toBe(0);
    const answer = JSON.parse(byDefault.stdout);
    expect(answer).toMatchObject({ count: 30, threshold: readDataJson(imageRun)!.threshold!.value });
    expect(answer.method).toMatch(/percentile 99 of 540 training errors/);
    const rows = readFileSync(join(work, 'scores.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('source,label,error,flagged');
    const label = String(mnist.labels[9000]);
    expect(rows).toContain(rows.find((row) => row.startsWith(`${label}/9000.png,${label},`)));
    expect(rows.slice(1).filter((row) => row.endsWith(',1'))).toHaveLength(answer.flagged);

    const all = JSON.parse((await aelab('score', imageRun, 'new', '--out', 'all.csv', '--threshold', '0', '--json')).stdout);
    expect(all).toMatchObject({ count: 30, flagged: 30, threshold: 0, method: 'given' });
    const half = JSON.parse((await aelab('score', imageRun, 'new', '--out', 'half.csv', '--percentile', '50', '--json')).stdout);
    expect(half.flagged).toBe(15);

    const text = await aelab('score', imageRun, 'new', '--out', 'scores.csv', '--threshold', '0');
    expect(text.stdout).toMatch(/^30 of 30 flagged above 0/);
    expect(text.stderr).toContain('score: 30/30 samples'); // plain progress lines when stderr is not a terminal
  });

  it("scores the run's own training samples as the threshold saw them: about 1% above its 99th percentile", async () => {
    const result = await aelab('score', imageRun, 'train.npy', '--out', 'train-scores.csv', '--json');
    expect(result.status, result.stderr).toBe(0);
    const training = new Set(readSearchCodes(imageRun).sources);
    const rows = readFileSync(join(work, 'train-scores.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    const trainingRows = rows.filter((row) => training.has(row[0]));
    expect(trainingRows).toHaveLength(540);
    // 540 errors: the interpolated 99th percentile lies between the 534th and 535th, so 6 are above it.
    const flagged = trainingRows.filter((row) => row[3] === '1').length;
    expect(flagged).toBeGreaterThanOrEqual(5);
    expect(flagged).toBeLessThanOrEqual(7);
  });

  it('draws a progress bar on a terminal', async () => {
    // script(1) gives the CLI a pseudo-terminal, as signals.test.ts does.
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_SCRIPT)} score ${JSON.stringify(imageRun)} new --out tty.csv`;
    const result = await new Promise<string>((resolve) => {
      const script = spawn('script', ['-qfc', command, '/dev/null'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
      let screen = '';
      script.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
      script.on('close', () => resolve(screen));
    });
    expect(result).toMatch(/score \[[█░]+\] 30\/30 samples/);
    expect(result).not.toContain('score: 30/30 samples');
  });
});

describe('aelab encode and neighbors', () => {
  it("agree with the run's saved codes: a training sample's nearest neighbour is itself, at distance ~0", async () => {
    const search = readSearchCodes(imageRun);

    const encoded = await aelab('encode', imageRun, 'query.png', '--out', 'query.npy');
    expect(encoded.status, encoded.stderr).toBe(0);
    const code = parseNpy(readFileSync(join(work, 'query.npy')), 'query.npy');
    expect(code.shape).toEqual([1, 8]);
    Array.from(code.data).forEach((v, d) => expect(v).toBeCloseTo(search.codes[3 * 8 + d], 4));
    const csv = await aelab('encode', imageRun, 'new', '--out', 'codes.csv');
    expect(csv.status, csv.stderr).toBe(0);
    expect(readFileSync(join(work, 'codes.csv'), 'utf8').split('\n')[0]).toBe('source,label,z0,z1,z2,z3,z4,z5,z6,z7');

    const near = await aelab('neighbors', imageRun, 'query.png', '-k', '3', '--json');
    expect(near.status, near.stderr).toBe(0);
    const [{ query, matches }] = JSON.parse(near.stdout);
    expect(query).toBe('query.png');
    expect(matches).toHaveLength(3);
    expect(matches[0]).toMatchObject({ index: 3, source: search.sources[3] });
    expect(matches[0].distance).toBeLessThan(1e-3);
    expect(matches[1].distance).toBeGreaterThanOrEqual(matches[0].distance);

    const hashed = JSON.parse((await aelab('neighbors', imageRun, 'query.png', '-k', '2', '--binary', '--json')).stdout);
    expect(hashed[0].matches[0].distance).toBe(0);
  });
});

describe('pixel units', () => {
  it('a run trained on float intensities in [0, 1] reads 8-bit arrays and image files as the same samples', async () => {
    const digits = range(0, 200);
    writeFileSync(join(work, 'float.npy'), float32Npy([200, 28, 28], (i) => mnist.images[i] / 255));
    const floatRun = await train('float', {
      kind: 'deep',
      data: { source: 'float.npy', validationSplit: 0.1 },
      model: { hidden: [16], latentDim: 4 },
      training: { epochs: 1, batchSize: 50, learningRate: 0.002, seed: 7 },
    });
    expect(readDataJson(floatRun)!.input).toMatchObject({ kind: 'images', pixelRange: '0-1' });
    expect(readDataJson(imageRun)!.input).toMatchObject({ kind: 'images', pixelRange: '0-255' });
    writeDigitNpy(join(work, 'bytes.npy'), mnist, digits);
    writeFileSync(join(work, 'digit0.png'), pngBytes(digit(mnist, 0)));
    const errors = async (input: string) => {
      const result = await aelab('score', floatRun, input, '--out', 'units.csv');
      expect(result.status, result.stderr).toBe(0);
      return readFileSync(join(work, 'units.csv'), 'utf8').trim().split('\n').slice(1).map((line) => Number(line.split(',')[2]));
    };
    const fromFloats = await errors('float.npy');
    const fromBytes = await errors('bytes.npy');
    fromBytes.forEach((e, i) => expect(e).toBeCloseTo(fromFloats[i], 5));
    expect((await errors('digit0.png'))[0]).toBeCloseTo(fromFloats[0], 5);
  });
});

describe('a conv run', () => {
  it('applies with its feature-map code: codes are flattened for search and reshaped back for the decoder', async () => {
    const conv = await train('conv', {
      kind: 'conv',
      data: { source: 'train.npy', validationSplit: 0.1, limit: 200 },
      model: { filters: [8, 4], activation: 'relu', outputActivation: 'sigmoid' },
      training: { epochs: 1, batchSize: 50, learningRate: 0.002, seed: 7 },
    });
    const search = readSearchCodes(conv);
    expect(search.dim).toBe(7 * 7 * 4);
    const reconstructed = await aelab('reconstruct', conv, 'new', '--out', 'conv-out', '--json');
    expect(reconstructed.status, reconstructed.stderr).toBe(0);
    expect(JSON.parse(reconstructed.stdout).count).toBe(30);
    const index = Number(/#(\d+)$/.exec(search.sources[0])![1]);
    writeFileSync(join(work, 'conv-query.png'), pngBytes(digit(mnist, index)));
    const near = await aelab('neighbors', conv, 'conv-query.png', '-k', '1', '--json');
    expect(near.status, near.stderr).toBe(0);
    expect(JSON.parse(near.stdout)[0].matches[0]).toMatchObject({ index: 0, source: search.sources[0] });
  });
});

/** Rows of a CSV output as a CSV reader reads them back. */
function readCsv(file: string): string[][] {
  return parseCsv(readFileSync(join(work, file), 'utf8')) as string[][];
}

describe('array inputs', () => {
  it('a gzipped IDX of held-out digits: reconstruct to an NPY, score and encode with "<file> #i" sources and empty labels', async () => {
    const digits = range(9100, 9110);
    const pixels = Buffer.concat(digits.map((index) => Buffer.from(digit(mnist, index))));
    writeFileSync(join(work, 'held-out-idx3-ubyte.gz'), gzipSync(idxBytes(0x08, [digits.length, 28, 28], pixels)));

    const reconstructed = await aelab('reconstruct', imageRun, 'held-out-idx3-ubyte.gz', '--out', 'idx-out.npy', '--json');
    expect(reconstructed.status, reconstructed.stderr).toBe(0);
    expect(JSON.parse(reconstructed.stdout)).toEqual({ count: 10, out: join(work, 'idx-out.npy') });
    expect(parseNpy(readFileSync(join(work, 'idx-out.npy')), 'idx-out.npy').shape).toEqual([10, 28, 28, 1]);

    const scored = await aelab('score', imageRun, 'held-out-idx3-ubyte.gz', '--out', 'idx-scores.csv');
    expect(scored.status, scored.stderr).toBe(0);
    const rows = readCsv('idx-scores.csv');
    expect(rows[0]).toEqual(['source', 'label', 'error', 'flagged']);
    expect(rows.slice(1).map((row) => row.slice(0, 2))).toEqual(digits.map((_, i) => [`held-out-idx3-ubyte.gz #${i}`, '']));
    rows.slice(1).forEach((row) => expect(Number(row[2])).toBeGreaterThan(0));

    // The same digits as an NPY give the same codes: the IDX reader brings them to the run as the NPY reader does.
    writeDigitNpy(join(work, 'held-out.npy'), mnist, digits);
    for (const input of ['held-out-idx3-ubyte.gz', 'held-out.npy']) expect((await aelab('encode', imageRun, input, '--out', `${input}.codes.csv`)).status).toBe(0);
    const fromIdx = readCsv('held-out-idx3-ubyte.gz.codes.csv');
    const fromNpy = readCsv('held-out.npy.codes.csv');
    expect(fromIdx[1].slice(0, 2)).toEqual(['held-out-idx3-ubyte.gz #0', '']);
    expect(fromIdx).toHaveLength(11);
    fromIdx.slice(1).forEach((row, i) => row.slice(2).forEach((z, d) => expect(Number(z)).toBeCloseTo(Number(fromNpy[i + 1][d + 2]), 5)));
  });

  it('an (N, D) NPY for a table run, and one whose D is not the run\'s columns (exit 2 naming them)', async () => {
    writeFileSync(join(work, 'rows.npy'), float32Npy([4, 3], (i) => [0, 0, 1.5][i % 3] + Math.floor(i / 3)));
    const scored = await aelab('score', tableRun, 'rows.npy', '--out', 'rows-scores.csv', '--json');
    expect(scored.status, scored.stderr).toBe(0);
    expect(JSON.parse(scored.stdout)).toMatchObject({ count: 4 });
    expect(readCsv('rows-scores.csv').slice(1).map((row) => row[0])).toEqual(['rows.npy #0', 'rows.npy #1', 'rows.npy #2', 'rows.npy #3']);

    writeFileSync(join(work, 'wide.npy'), float32Npy([4, 4], () => 1));
    const wide = await aelab('score', tableRun, 'wide.npy', '--out', 'wide-scores.csv');
    expect(wide.status, wide.stderr).toBe(2);
    expect(wide.stderr).toMatch(/wide\.npy: holds rows of 4 values, but the run expects a table of 3 feature columns \(a, b, c\)/);
    expect(existsSync(join(work, 'wide-scores.csv'))).toBe(false);
  });
});

describe('a denoising run', () => {
  it('adds no corruption: the same input reconstructed twice gives byte-identical outputs', async () => {
    const denoiser = await train('denoiser', {
      kind: 'denoising',
      data: { source: 'train.npy', validationSplit: 0.1, limit: 200 },
      model: { hidden: [16], latentDim: 4, noise: { type: 'gaussian', sigma: 0.5 } },
      training: { epochs: 1, batchSize: 50, learningRate: 0.002, seed: 7 },
    });
    writeDigitNpy(join(work, 'noisy.npy'), mnist, range(9200, 9220), { noise: 0.3 });
    for (const out of ['denoised-1.npy', 'denoised-2.npy']) {
      const result = await aelab('reconstruct', denoiser, 'noisy.npy', '--out', out);
      expect(result.status, result.stderr).toBe(0);
    }
    const first = readFileSync(join(work, 'denoised-1.npy'));
    expect(parseNpy(first, 'denoised-1.npy').shape).toEqual([20, 28, 28, 1]);
    expect(first.equals(readFileSync(join(work, 'denoised-2.npy')))).toBe(true);
  });
});

describe('encode and the latent view', () => {
  it("gives the validation samples the codes views/latent.json shows for them, picked by source name", async () => {
    const samples = readViewSnapshot(imageRun, 'validationSamples')!;
    const latent = readViewSnapshot(imageRun, 'latent')!;
    const names = samples.sourceNames!;
    expect(names).toHaveLength(60);
    expect(latent.count).toBe(60);
    const encoded = await aelab('encode', imageRun, 'train.npy', '--out', 'train-codes.csv');
    expect(encoded.status, encoded.stderr).toBe(0);
    const bySource = new Map(readCsv('train-codes.csv').slice(1).map((row) => [row[0], row.slice(2).map(Number)]));
    names.forEach((name, i) => {
      const code = bySource.get(name)!;
      expect(code, name).toHaveLength(latent.latentDim);
      code.forEach((z, d) => expect(Math.abs(z - latent.codes[i * latent.latentDim + d]), `${name} z${d}`).toBeLessThan(1e-4));
    });
  });
});

describe('header-less CSV', () => {
  it('a run trained on a header-less table with a text label column by index scores the same file (its first row is data)', async () => {
    writeFileSync(join(work, 'plain.csv'), tableCsv(60).split('\n').slice(1).join('\n'));
    const plain = await train('plain', {
      kind: 'deep',
      data: { source: 'plain.csv', validationSplit: 0.1, labelColumn: 3 },
      model: { hidden: [4], latentDim: 2 },
      training: { epochs: 1, batchSize: 16, learningRate: 0.01, seed: 7, loss: 'mse' },
    });
    expect(readDataJson(plain)!.input).toEqual({ kind: 'table', columns: ['0', '1', '2'], labelColumn: '3' });
    const scored = await aelab('score', plain, 'plain.csv', '--out', 'plain-scores.csv', '--json');
    expect(scored.status, scored.stderr).toBe(0);
    expect(JSON.parse(scored.stdout).count).toBe(60);
    expect(readCsv('plain-scores.csv')[1][1]).toBe('even');
  });
});

describe('CSV outputs', () => {
  it("copy the user's own header and label cells as they were (no ' prefix), and defuse names made from file names", async () => {
    const lines = range(0, 60).map((i) => `${(i % 9) - 4},${(i * 5) % 13},${i % 2 === 0 ? '+hot' : '=cold'}`);
    writeFileSync(join(work, 'temps.csv'), `-temp,b,kind\n${lines.join('\n')}\n`);
    const temps = await train('temps', {
      kind: 'deep',
      data: { source: 'temps.csv', validationSplit: 0.1, labelColumn: 'kind' },
      model: { hidden: [4], latentDim: 2 },
      training: { epochs: 1, batchSize: 16, learningRate: 0.01, seed: 7, loss: 'mse' },
    });
    const reconstructed = await aelab('reconstruct', temps, 'temps.csv', '--out', 'temps-out.csv');
    expect(reconstructed.status, reconstructed.stderr).toBe(0);
    const input = readCsv('temps.csv');
    const output = readCsv('temps-out.csv');
    expect(output[0]).toEqual(['-temp', 'b', 'kind']);
    expect(output.map((row) => row[2])).toEqual(input.map((row) => row[2])); // +hot / =cold as in the input
    expect(readFileSync(join(work, 'temps-out.csv'), 'utf8').split('\n')[0]).toBe('-temp,b,kind');

    // score: labels are cells of the user's CSV too, copied; sources are ours ("row 2"), nothing to defuse.
    expect((await aelab('score', temps, 'temps.csv', '--out', 'temps-scores.csv')).status).toBe(0);
    expect(readCsv('temps-scores.csv')[1].slice(0, 2)).toEqual(['row 2', '+hot']);

    // Names made from file and folder names are defused: +1.png and the label of -neg/2.png.
    mkdirSync(join(work, 'signs', '-neg'), { recursive: true });
    writeFileSync(join(work, 'signs', '+1.png'), pngBytes(digit(mnist, 9300)));
    writeFileSync(join(work, 'signs', '-neg', '2.png'), pngBytes(digit(mnist, 9301)));
    expect((await aelab('score', imageRun, join('signs', '+1.png'), '--out', 'sign-score.csv')).status).toBe(0);
    expect(readCsv('sign-score.csv')[1].slice(0, 2)).toEqual(["'+1.png", '']);
    expect((await aelab('score', imageRun, 'signs', '--out', 'signs-scores.csv')).status).toBe(0);
    expect(readCsv('signs-scores.csv').slice(1).map((row) => row.slice(0, 2))).toEqual([["'+1.png", ''], ["'-neg/2.png", "'-neg"]]);
    expect((await aelab('encode', imageRun, 'signs', '--out', 'signs-codes.csv')).status).toBe(0);
    expect(readCsv('signs-codes.csv').slice(1).map((row) => row[0])).toEqual(["'+1.png", "'-neg/2.png"]);
  });
});

describe('aelab neighbors without --json', () => {
  it('lists each query with its neighbours: rank, source, label and distance, as --json gives them', async () => {
    writeFileSync(join(work, 'two-rows.csv'), 'a,b,c,kind\n0,0,1.5,even\n1,3,-2,odd\n');
    const text = await aelab('neighbors', tableRun, 'two-rows.csv', '-k', '3');
    expect(text.status, text.stderr).toBe(0);
    const json = await aelab('neighbors', tableRun, 'two-rows.csv', '-k', '3', '--json');
    const answer = JSON.parse(json.stdout) as { query: string; matches: { source: string; label: string | null; distance: number }[] }[];
    expect(answer.map((q) => q.query)).toEqual(['row 2', 'row 3']);
    const expected = answer.flatMap(({ query, matches }) => [query, ...matches.map((m, rank) => `  ${rank + 1}. ${m.source} (${m.label})  ${m.distance.toFixed(4)}`)]);
    expect(text.stdout.trimEnd().split('\n')).toEqual(expected);
    expect(answer[0].matches.every((m) => /^row \d+$/.test(m.source) && (m.label === 'even' || m.label === 'odd'))).toBe(true);
    expect(text.stdout).toMatch(/^row 2\n {2}1\. row \d+ \((even|odd)\) {2}\d+\.\d{4}\n/);
  });
});

describe('bad input exits 2 naming what the run expects and what was found', () => {
  const refused = async (args: string[], message: RegExp) => {
    const result = await aelab(...args);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
  };

  it('wrong channels', async () => {
    writeFileSync(join(work, 'two-channels.npy'), npyBytes('|u1', [2, 28, 28, 2], Buffer.alloc(2 * 28 * 28 * 2)));
    await refused(['score', imageRun, 'two-channels.npy', '--out', 'x.csv'], /two-channels\.npy: holds images with 2 channels .*expects 28x28x1 images/);
  });

  it('wrong column count', async () => {
    writeFileSync(join(work, 'narrow.csv'), '1,2\n3,4\n');
    await refused(['score', tableRun, 'narrow.csv', '--out', 'x.csv'], /narrow\.csv:1: rows have 2 columns and no header row, but the run expects 3 feature columns \("a", "b", "c"\)/);
    writeFileSync(join(work, 'renamed.csv'), 'a,b,d\n1,2,3\n');
    await refused(['encode', tableRun, 'renamed.csv', '--out', 'x.csv'], /it lacks "c"; it has columns the run does not know: "d"/);
  });

  it('images for a table run, and a table for an image run', async () => {
    await refused(['reconstruct', tableRun, 'new', '--out', 'x'], /holds images, but the run was trained on a table of 3 feature columns/);
    await refused(['reconstruct', imageRun, 'table.csv', '--out', 'x.csv'], /is a table, but the run was trained on 28x28x1 images/);
  });

  it('an image that cannot be decoded, named with the folder it is in', async () => {
    cpSync(join(work, 'new'), join(work, 'with-bad'), { recursive: true });
    writeFileSync(join(work, 'with-bad', 'bad.png'), 'not a png');
    await refused(['score', imageRun, 'with-bad', '--out', 'x.csv'], /with-bad\/bad\.png: cannot decode image: not a PNG or JPEG file/);
  });

  it('missing run files', async () => {
    const broken = join(work, 'broken-run');
    cpSync(imageRun, broken, { recursive: true });
    rmSync(join(broken, 'encoder'), { recursive: true });
    await refused(['encode', broken, 'new', '--out', 'x.csv'], /encoder\/model\.json: is missing/);
    rmSync(join(broken, 'data.json'));
    await refused(['encode', broken, 'new', '--out', 'x.csv'], /data\.json: is missing/);
    await refused(['encode', join(work, 'nowhere'), 'new', '--out', 'x.csv'], /nowhere: is not a run folder/);
    cpSync(imageRun, broken, { recursive: true, force: true });
    rmSync(join(broken, 'search'), { recursive: true });
    await refused(['neighbors', broken, 'query.png'], /search\/index\.json: is missing/);
  });

  it('a FIFO, a missing input, an unknown format, and flags that contradict each other', async () => {
    makeFifo(join(work, 'pipe.npy'));
    await refused(['score', imageRun, 'pipe.npy', '--out', 'x.csv'], /pipe\.npy: is a FIFO \(named pipe\)/);
    await refused(['score', imageRun, 'missing.png', '--out', 'x.csv'], /missing\.png: does not exist/);
    writeFileSync(join(work, 'notes.txt'), 'hello');
    await refused(['score', imageRun, 'notes.txt', '--out', 'x.csv'], /notes\.txt: is not a format the run can read/);
    await refused(['score', imageRun, 'new', '--out', 'x.csv', '--threshold', '1', '--percentile', '5'], /cannot be used with/);
    await refused(['score', imageRun, 'new', '--out', 'x.csv', '--percentile', '101'], /expected a percentile from 0 to 100/);
    await refused(['neighbors', imageRun, 'query.png', '-k', '5000'], /expected a whole number from 1 to 1000/);
    expect(existsSync(join(work, 'x.csv'))).toBe(false); // nothing half-written
  });
});

describe('in the trainer process', () => {
  it('keeps the number of tensors flat across the batches of a job', async () => {
    await tf.setBackend('cpu');
    const run = await loadRun(imageRun);
    writeDigitNpy(join(work, 'many.npy'), mnist, range(0, 700)); // 3 batches
    const counts: number[] = [];
    const done = await eachBatch(run, openApplyInput(join(work, 'many.npy'), run), { progress: () => {}, shouldStop: () => false }, () => counts.push(tf.memory().numTensors));
    expect(done).toBe(700);
    expect(counts).toHaveLength(3);
    expect(new Set(counts).size).toBe(1);
    run.dispose();
  });

  it('answers a probe through a trainer process started with serve, as the dashboard does', async () => {
    const trainer = new TrainerProcess({ type: 'serve', runDir: imageRun, backend: 'cpu' }, { trainerScript: TRAINER_SCRIPT, onMessage: () => {} });
    try {
      const probed = await trainer.probe({ runDir: imageRun, sample: { kind: 'file', path: join(work, 'query.png') }, k: 2 });
      expect(probed.error).toBeUndefined();
      expect(probed.neighbors!.map((n) => n.index)[0]).toBe(3);
      expect(probed.reconstruction).toHaveLength(784);
      const decoded = await trainer.decode(new Float32Array(8), 1); // the Generate views' decoder still answers
      expect(decoded[0]).toHaveLength(784);
    } finally {
      trainer.stop();
      await trainer.exited;
    }
  });

  it("answers Try it probes for the served run, from a file or drawn pixels, with neighbours decoded by the run's decoder", async () => {
    const probe = (sample: Parameters<typeof servedRunProbe>[1]['sample'], runDir = imageRun) => servedRunProbe(imageRun, { type: 'probe', requestId: 7, runDir, sample, k: 4 });
    const fromFile = await probe({ kind: 'file', path: join(work, 'query.png') });
    expect(fromFile).toMatchObject({ type: 'probed', requestId: 7, sampleShape: [28, 28, 1], threshold: readDataJson(imageRun)!.threshold!.value });
    expect(fromFile.error).toBeUndefined();
    expect(fromFile.input).toHaveLength(784);
    expect(fromFile.reconstruction).toHaveLength(784);
    expect(fromFile.errorMap).toHaveLength(784);
    const meanError = fromFile.errorMap!.reduce((a, b) => a + b, 0) / 784;
    expect(meanError).toBeCloseTo(fromFile.score!, 4);
    expect(fromFile.flagged).toBe(fromFile.score! > fromFile.threshold!);
    expect(fromFile.neighbors).toHaveLength(4);
    expect(fromFile.neighbors![0].index).toBe(3);
    expect(fromFile.neighbors![0].image).toHaveLength(784);

    const drawn = await probe({ kind: 'pixels', values: new Float32Array(784).fill(0.5), shape: [28, 28] });
    expect(drawn.error).toBeUndefined();
    expect(Math.max(...drawn.input!)).toBeCloseTo(0.5, 2);
    const larger = await probe({ kind: 'pixels', values: new Float32Array(56 * 56).fill(1), shape: [56, 56] });
    expect(larger.error).toBeUndefined(); // resized to the run's size, like an image file
    expect(larger.input).toHaveLength(784);
    const wrong = await probe({ kind: 'pixels', values: new Float32Array(10), shape: [28, 28] });
    expect(wrong.error).toMatch(/the drawing is 28x28 \(10 values\), but the run expects 28x28x1 images/);
    const other = await probe({ kind: 'file', path: join(work, 'query.png') }, tableRun);
    expect(other.error).toMatch(/this trainer serves .*, not /);
  });
});
