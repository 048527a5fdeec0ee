// Hostile inputs through the real CLI and trainer (issue 11, items 4, 5 and the stream part of 7): each ends with
// exit 2 and a message naming the file and field, a failed run marked error.reason "input", and no trainer left
// blocked; the cases that should train do, with the data made fit for the loss and the run log saying so.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ExperimentInput } from '../../../src/protocol/experiment';
import type { RunSummary } from '../../../src/protocol/trainerMessages';
import { CLI_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { blackGrayPng, float32Npy, idxBytes, makeFifo, npyBytes } from '../../helpers/hostileFiles';
import { runNode } from '../../helpers/runNode';
import { writeGrayPng } from '../data/helpers';

const tiny = { model: { hidden: [8], latentDim: 2 }, training: { epochs: 1, batchSize: 4, learningRate: 0.01, seed: 1 } };

async function train(workspace: string, experiment: Partial<ExperimentInput> & { name: string }, text = JSON.stringify({ kind: 'deep', ...tiny, ...experiment })) {
  writeFileSync(join(workspace, `${experiment.name}.ae.json`), text);
  return trainFile(workspace, `${experiment.name}.ae.json`);
}

async function trainFile(workspace: string, file: string) {
  // A trainer blocked on a FIFO would never exit: the timeout kills it and the status is then null, not 2.
  const result = await runNode([CLI_SCRIPT, 'train', file, '--runs-dir', 'runs', '--backend', 'cpu'], { cwd: workspace, timeout: 60_000 });
  const runs = readdirSafe(join(workspace, 'runs'));
  const runDir = runs.length ? join(workspace, 'runs', runs[0]) : undefined;
  const summary = runDir ? (JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as RunSummary) : undefined;
  const log = runDir ? readFileSync(join(runDir, 'log.txt'), 'utf8') : '';
  return { ...result, summary, log };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function expectInputFailure(result: Awaited<ReturnType<typeof trainFile>>, ...mentions: string[]) {
  expect(result.status, result.stderr).toBe(2);
  for (const text of mentions) expect(result.stderr).toContain(text);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  if (result.summary) {
    expect(result.summary.status).toBe('failed');
    expect(result.summary.error?.reason).toBe('input');
  }
}

describe('loaders refuse what they cannot read safely (aelab train)', () => {
  it('a FIFO as data.source is refused at once, naming the path', async () => {
    const ws = tempWorkspace();
    makeFifo(join(ws, 'pipe.npy'));
    const result = await train(ws, { name: 'fifo', data: { source: 'pipe.npy' } });
    expectInputFailure(result, join(ws, 'pipe.npy'), 'is a FIFO (named pipe), not a regular file', 'data.source');
    expect(result.summary).toBeDefined();
  });

  it('a FIFO as data.labels is refused, naming it', async () => {
    const ws = tempWorkspace();
    writeFileSync(join(ws, 'images.idx3-ubyte'), idxBytes(0x08, [8, 2, 2], Buffer.alloc(32, 100)));
    makeFifo(join(ws, 'labels.idx1-ubyte'));
    expectInputFailure(await train(ws, { name: 'fifolabels', data: { source: 'images.idx3-ubyte', labels: 'labels.idx1-ubyte' } }), join(ws, 'labels.idx1-ubyte'), 'is a FIFO');
  });

  it('a FIFO as the experiment file is refused', async () => {
    const ws = tempWorkspace();
    makeFifo(join(ws, 'pipe.ae.json'));
    expectInputFailure(await trainFile(ws, 'pipe.ae.json'), 'pipe.ae.json', 'is not a regular file');
  });

  it('an IDX labels file with the label 2^31 - 1 is refused, naming the file and the value', async () => {
    const ws = tempWorkspace();
    writeFileSync(join(ws, 'images.idx3-ubyte'), idxBytes(0x08, [8, 2, 2], Buffer.alloc(32, 100)));
    const labels = Buffer.alloc(32);
    labels.writeInt32BE(2 ** 31 - 1, 12);
    writeFileSync(join(ws, 'labels.idx1-ubyte'), idxBytes(0x0c, [8], labels));
    expectInputFailure(await train(ws, { name: 'biglabel', data: { source: 'images.idx3-ubyte', labels: 'labels.idx1-ubyte' } }), 'labels.idx1-ubyte', 'label 2147483647 (sample 3)');
  });

  it('a 62 kB PNG declaring 8000x8000 pixels is refused before decoding, naming the file and both dimensions', async () => {
    const ws = tempWorkspace();
    writeFileSync(join(ws, 'huge.png'), blackGrayPng(8000, 8000));
    expectInputFailure(await train(ws, { name: 'bigpng', data: { source: 'huge.png', onBadFile: 'error' } }), 'huge.png', '8000x8000 pixels', 'megapixel limit');
  });

  it('a gzipped IDX whose header declares 400 GB is refused with the memory estimate', async () => {
    const ws = tempWorkspace();
    writeFileSync(join(ws, 'images.idx3-ubyte.gz'), gzipSync(idxBytes(0x08, [100_000, 1000, 1000], Buffer.alloc(64))));
    expectInputFailure(await train(ws, { name: 'bigidx', data: { source: 'images.idx3-ubyte.gz' } }), 'images.idx3-ubyte.gz', 'needs about 400.0 GB of memory, more than the 4.3 GB limit');
  });

  it('an NPY whose header declares 400 GB is refused with the memory estimate', async () => {
    const ws = tempWorkspace();
    writeFileSync(join(ws, 'x.npy'), npyBytes('<f4', [1_000_000, 100_000], Buffer.alloc(64)));
    expectInputFailure(await train(ws, { name: 'bignpy', data: { source: 'x.npy' } }), 'x.npy', 'shape (1000000, 100000) as float32 needs about 400.0 GB');
  });

  it('hidden: [1e8] is refused before the model is built, naming model.hidden[0]', async () => {
    const ws = tempWorkspace();
    const result = await train(ws, { name: 'wide', data: { source: 'builtin:mnist', limit: 64 }, model: { hidden: [100_000_000], latentDim: 8 } });
    expectInputFailure(result, 'field "model.hidden[0]"', 'the model would need about');
    expect(result.stderr).not.toContain('Invalid typed array length');
  });

  it('filters: [1e6] is refused, naming model.filters[0]', async () => {
    const ws = tempWorkspace();
    expectInputFailure(await train(ws, { name: 'filters', kind: 'conv', data: { source: 'builtin:mnist', limit: 64 }, model: { filters: [1_000_000] } }), 'field "model.filters[0]"');
  });

  it('JSON nested 50,000 deep is refused with the file and line, without a stack overflow', async () => {
    const ws = tempWorkspace();
    const deep = `{\n"name": "deep",\n"comment": ${'['.repeat(50_000)}${']'.repeat(50_000)}\n}`;
    const result = await train(ws, { name: 'deep' }, deep);
    expectInputFailure(result, 'deep.ae.json:3:', 'nested deeper than 64 levels');
    expect(result.stderr).not.toContain('Maximum call stack size exceeded');
  });

  it('a UTF-8 BOM before a valid experiment is accepted', async () => {
    const ws = tempWorkspace();
    const result = await train(ws, { name: 'bom' }, `\uFEFF${JSON.stringify({ name: 'bom', kind: 'deep', data: { source: 'builtin:mnist', limit: 64 }, ...tiny })}`);
    expect(result.status, result.stderr).toBe(0);
    expect(result.summary?.status).toBe('completed');
  });
});

describe('no silent wrong results (aelab train)', () => {
  const pixels = () => float32Npy([32, 4, 4], (i) => (i * 37) % 256); // float32 images in 0..255

  it('float data in 0..255 with BCE and normalization "auto" is scaled, trains to a loss >= 0, and the log says so', async () => {
    const ws = tempWorkspace();
    writeFileSync(join(ws, 'x.npy'), pixels());
    const result = await train(ws, { name: 'auto', data: { source: 'x.npy' } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.summary?.status).toBe('completed');
    expect(result.summary?.final?.loss).toBeGreaterThanOrEqual(0);
    expect(result.log).toContain('the values span [0, 255] but training.loss "bce" needs them in [0, 1], so it divided them by 255');
  });

  it('the same data with normalization "none" is refused before training, naming training.loss and data.normalization', async () => {
    const ws = tempWorkspace();
    writeFileSync(join(ws, 'x.npy'), pixels());
    const result = await train(ws, { name: 'none', data: { source: 'x.npy', normalization: 'none' } });
    expectInputFailure(result, 'none.ae.json', 'field "training.loss"', 'data.normalization "none"', 'training.loss to "mse"');
    expect(result.summary?.epochs).toBe(0);
  });
});

describe('stream mode names and counts bad files exactly (aelab train)', () => {
  it('a corrupt image is named in the run log, and droppedSamples.count equals the sum of its reasons', async () => {
    const ws = tempWorkspace();
    for (let i = 0; i < 8; i++) writeGrayPng(join(ws, 'imgs', i < 4 ? 'a' : 'b', `${i}.png`), 4, 4, () => 20 * i);
    writeFileSync(join(ws, 'imgs', 'a', 'broken.png'), blackGrayPng(4, 4).subarray(0, 40));
    const result = await train(ws, { name: 'stream', data: { source: 'imgs', stream: true, validationSplit: 0.25 } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.log).toContain('skipped bad file: a/broken.png');
    const dropped = result.summary!.droppedSamples;
    expect(dropped.count).toBe(1);
    expect(Object.values(dropped.reasons).reduce((a, b) => a + b, 0)).toBe(dropped.count);
    expect(result.summary!.trainSamples + result.summary!.validationSamples).toBe(8);
  });
});
