// Every bad-input case through the real CLI and trainer: exit code 2, stderr naming the file/field/line,
// summary.json marked failed (never left "running"), and the user's files untouched.
import { PNG } from 'pngjs';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ExperimentInput } from '../../../src/protocol/experiment';
import type { RunSummary } from '../../../src/protocol/trainerMessages';
import { runNode } from '../../helpers/runNode';
import { CLI_SCRIPT, tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const tiny = { model: { hidden: [16], latentDim: 4 }, training: { epochs: 1, batchSize: 4, learningRate: 0.001, seed: 1 } };

async function train(workspace: string, experiment: Partial<ExperimentInput> & { name: string }) {
  writeExperiment(workspace, { ...tiny, ...experiment });
  const result = await runNode([CLI_SCRIPT, 'train', `${experiment.name}.ae.json`, '--runs-dir', 'runs'], { cwd: workspace, timeout: 60_000 });
  const runs = readdirSafe(join(workspace, 'runs'));
  const summary = runs.length ? (JSON.parse(readFileSync(join(workspace, 'runs', runs[0], 'summary.json'), 'utf8')) as RunSummary) : undefined;
  return { ...result, summary };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function expectInputFailure(result: Awaited<ReturnType<typeof train>>, ...mentions: string[]) {
  expect(result.status, result.stderr).toBe(2);
  for (const text of mentions) expect(result.stderr).toContain(text);
  if (result.summary) {
    expect(result.summary.status).toBe('failed');
    expect(result.summary.error?.reason).toBe('input');
  }
}

function idx(magic: number, dims: number[], data: Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(data)]);
}

describe('bad input, end to end through aelab train', () => {
  it('an empty folder', async () => {
    const ws = tempWorkspace();
    mkdirSync(join(ws, 'empty'));
    expectInputFailure(await train(ws, { name: 'empty', data: { source: 'empty' } }), 'empty', 'is empty');
  });

  it('a folder with no images in it', async () => {
    const ws = tempWorkspace();
    mkdirSync(join(ws, 'docs'));
    writeFileSync(join(ws, 'docs', 'notes.txt'), 'hello');
    expectInputFailure(await train(ws, { name: 'noimages', data: { source: 'docs' } }), 'docs', '.txt', '.png');
  });

  it('a truncated real PNG: skipped and named in the log by default, fatal with onBadFile "error"', async () => {
    const ws = tempWorkspace();
    cpSync(join(FIXTURES, 'images-small'), join(ws, 'shapes'), { recursive: true });
    const png = readFileSync(join(FIXTURES, 'images-small', 'circle', '00.png'));
    writeFileSync(join(ws, 'shapes', 'circle', 'broken.png'), png.subarray(0, png.length - 40));
    const skipped = await train(ws, { name: 'skip', data: { source: 'shapes' } });
    expect(skipped.status, skipped.stderr).toBe(0);
    expect(skipped.stderr).toContain('circle/broken.png');
    expect(skipped.summary?.droppedSamples.count).toBe(1);

    const strict = tempWorkspace();
    cpSync(join(ws, 'shapes'), join(strict, 'shapes'), { recursive: true });
    expectInputFailure(await train(strict, { name: 'strict', data: { source: 'shapes', onBadFile: 'error' } }), 'broken.png');
  });

  it('mixed image sizes with mixedSizes "error"', async () => {
    const ws = tempWorkspace();
    cpSync(join(FIXTURES, 'images-small'), join(ws, 'shapes'), { recursive: true });
    const big = new PNG({ width: 40, height: 40 });
    writeFileSync(join(ws, 'shapes', 'square', 'big.png'), PNG.sync.write(big));
    expectInputFailure(await train(ws, { name: 'mixed', data: { source: 'shapes', mixedSizes: 'error' } }), 'big.png', '40');
  });

  it('a CSV with a non-numeric cell names the line and column', async () => {
    const ws = tempWorkspace();
    writeFileSync(join(ws, 'table.csv'), 'a,b,c\n1,2,3\n4,five,6\n7,8,9\n');
    expectInputFailure(await train(ws, { name: 'csvcell', data: { source: 'table.csv' } }), 'table.csv', 'five', '3');
  });

  it('a CSV with ragged rows, and an empty CSV', async () => {
    const ws = tempWorkspace();
    writeFileSync(join(ws, 'ragged.csv'), '1,2,3\n4,5\n');
    expectInputFailure(await train(ws, { name: 'ragged', data: { source: 'ragged.csv' } }), 'ragged.csv', '2');
    writeFileSync(join(ws, 'empty.csv'), '');
    expectInputFailure(await train(ws, { name: 'emptycsv', data: { source: 'empty.csv' } }), 'empty.csv');
  });

  it('an NPY file with an unsupported dtype or shape', async () => {
    const ws = tempWorkspace();
    copyFileSync(join(FIXTURES, 'data', 'complex_c8.npy'), join(ws, 'complex.npy'));
    expectInputFailure(await train(ws, { name: 'npydtype', data: { source: 'complex.npy' } }), 'complex.npy', '<c8');
    copyFileSync(join(FIXTURES, 'data', 'rank5_u1.npy'), join(ws, 'rank5.npy'));
    expectInputFailure(await train(ws, { name: 'npyshape', data: { source: 'rank5.npy' } }), 'rank5.npy');
  });

  it('an IDX file with a wrong magic number, truncated data, or labels of another length', async () => {
    const ws = tempWorkspace();
    const pixels = new Uint8Array(20 * 4 * 4).fill(100);
    writeFileSync(join(ws, 'bad-magic.idx'), idx(0x00000903 + 0x01000000, [20, 4, 4], pixels));
    expectInputFailure(await train(ws, { name: 'magic', data: { source: 'bad-magic.idx' } }), 'bad-magic.idx', 'magic');
    writeFileSync(join(ws, 'short.idx.gz'), gzipSync(idx(0x00000803, [20, 4, 4], pixels.subarray(0, 100))));
    expectInputFailure(await train(ws, { name: 'short', data: { source: 'short.idx.gz' } }), 'short.idx.gz', 'truncated');
    writeFileSync(join(ws, 'images.idx'), idx(0x00000803, [20, 4, 4], pixels));
    writeFileSync(join(ws, 'labels.idx'), idx(0x00000801, [19], new Uint8Array(19)));
    expectInputFailure(await train(ws, { name: 'lengths', data: { source: 'images.idx', labels: 'labels.idx' } }), 'labels.idx', '19', '20');
  });

  it('invalid JSON, an unknown kind, and a non-positive epoch count', async () => {
    const ws = tempWorkspace();
    writeFileSync(join(ws, 'broken.ae.json'), '{\n  "name": "broken",\n  "kind": "deep",\n}\n');
    const broken = await runNode([CLI_SCRIPT, 'train', 'broken.ae.json'], { cwd: ws });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/broken\.ae\.json:4:1/);
    expectInputFailure(await train(ws, { name: 'kind', kind: 'gan' as never }), 'kind.ae.json', 'field "kind"');
    expectInputFailure(await train(ws, { name: 'epochs', training: { epochs: 0 } }), 'epochs.ae.json', 'training.epochs');
  });

  it('a latent size not smaller than the input for undercomplete is a warning naming the field', async () => {
    const ws = tempWorkspace();
    const result = await train(ws, { name: 'wide', kind: 'undercomplete', data: { source: 'builtin:mnist', limit: 60 }, model: { latentDim: 800 }, training: { epochs: 1, batchSize: 16 } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: .*wide\.ae\.json: field "model\.latentDim": 800 is not smaller than the input size 784/);
  });

  it('a batch larger than the data', async () => {
    const ws = tempWorkspace();
    expectInputFailure(await train(ws, { name: 'batch', data: { source: 'builtin:mnist', limit: 50 }, training: { epochs: 1, batchSize: 500 } }), 'training.batchSize', '45');
  });

  it('NaN or Inf in the data are dropped and counted, and training goes on', async () => {
    const ws = tempWorkspace();
    const rows = Array.from({ length: 40 }, (_, i) => (i === 3 ? 'NaN,1,2' : i === 7 ? '1,inf,2' : `${i},${i % 5},${i % 3}`));
    writeFileSync(join(ws, 'values.csv'), `${rows.join('\n')}\n`);
    const result = await train(ws, { name: 'nan', data: { source: 'values.csv' }, model: { hidden: [4], latentDim: 2 } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.summary?.droppedSamples).toEqual({ count: 2, reasons: { 'NaN value': 1, 'infinite value': 1 } });
    expect(result.stderr).toMatch(/dropped 2 samples/);
  });

  it('a dataset too large for memory is refused with an estimate', async () => {
    const ws = tempWorkspace();
    cpSync(join(FIXTURES, 'images-small'), join(ws, 'shapes'), { recursive: true });
    expectInputFailure(await train(ws, { name: 'huge', data: { source: 'shapes', imageSize: [20000, 20000] } }), 'shapes', 'GB');
  });

  it('a path that does not exist', async () => {
    const ws = tempWorkspace();
    expectInputFailure(await train(ws, { name: 'nowhere', data: { source: 'no/such/folder' } }), 'nowhere.ae.json', 'data.source', 'no/such/folder');
  });

  it('a symlink loop in a folder is skipped with a note, not followed forever', async () => {
    const ws = tempWorkspace();
    cpSync(join(FIXTURES, 'images-small'), join(ws, 'shapes'), { recursive: true });
    symlinkSync(join(ws, 'shapes'), join(ws, 'shapes', 'circle', 'loop'));
    const result = await train(ws, { name: 'loop', data: { source: 'shapes' } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/loop/);
  });
});
