// Correctness on real MNIST bytes, small enough for a shared 2-core machine: a denoising run denoises digits it never
// saw, and a run trained on one digit scores the other digits higher.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseNpy } from '../../../src/trainer/data/npy';
import { CLI_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';
// @ts-expect-error -- plain .mjs modules of the scripts, without types
import { digit, readMnist, writeDigitNpy } from '../../../scripts/apply/mnistDigits.mjs';
// @ts-expect-error -- plain .mjs modules of the scripts, without types
import { auroc } from '../../../scripts/apply/auroc.mjs';

const mnist = readMnist();
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const HELD_OUT = range(9500, 9700); // never in a training file below
let work: string;

const aelab = (...args: string[]) => runNode([CLI_SCRIPT, ...args], { cwd: work });

async function train(name: string, body: object): Promise<string> {
  writeFileSync(join(work, `${name}.ae.json`), JSON.stringify({ name, ...body }));
  const result = await aelab('train', `${name}.ae.json`, '--json');
  expect(result.status, result.stderr).toBe(0);
  return join(work, '.aelab', 'runs', JSON.parse(result.stdout).runId);
}

function psnr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return 10 * Math.log10((255 * 255) / (sum / a.length));
}

beforeAll(() => {
  work = tempWorkspace('aelab-apply-real-');
});

describe('applying runs to digits they never saw', () => {
  it('a denoising run lowers the error of noisy held-out digits (PSNR of denoised vs clean above noisy vs clean)', async () => {
    writeDigitNpy(join(work, 'train.npy'), mnist, range(0, 2000));
    const runDir = await train('denoiser', {
      kind: 'denoising',
      data: { source: 'train.npy', validationSplit: 0.1 },
      model: { hidden: [128], latentDim: 32, noise: { type: 'gaussian', sigma: 0.5 } },
      training: { epochs: 3, batchSize: 64, learningRate: 0.002, seed: 7 },
    });
    writeDigitNpy(join(work, 'noisy.npy'), mnist, HELD_OUT, { noise: 0.5, random: seedrandom('noise') });
    const result = await aelab('reconstruct', runDir, 'noisy.npy', '--out', 'denoised.npy');
    expect(result.status, result.stderr).toBe(0);
    const denoised = parseNpy(readFileSync(join(work, 'denoised.npy')), 'denoised.npy').data;
    const random = seedrandom('noise'); // the same noise again
    let noisySum = 0;
    let denoisedSum = 0;
    HELD_OUT.forEach((index, i) => {
      const clean = digit(mnist, index);
      noisySum += psnr(digit(mnist, index, 0.5, random), clean);
      denoisedSum += psnr(denoised.subarray(i * 784, (i + 1) * 784), clean);
    });
    expect(denoisedSum / HELD_OUT.length).toBeGreaterThan(noisySum / HELD_OUT.length + 0.5);
  });

  it('a run trained on zeros scores the other digits higher (AUROC well above chance)', async () => {
    const zeros = range(0, 4000).filter((i) => mnist.labels[i] === 0);
    writeDigitNpy(join(work, 'zeros.npy'), mnist, zeros);
    const runDir = await train('zeros', {
      kind: 'deep',
      data: { source: 'zeros.npy', validationSplit: 0.1 },
      model: { hidden: [64], latentDim: 8 },
      training: { epochs: 10, batchSize: 32, learningRate: 0.002, seed: 7 },
    });
    writeDigitNpy(join(work, 'held-out.npy'), mnist, HELD_OUT);
    const result = await aelab('score', runDir, 'held-out.npy', '--out', 'scores.csv', '--json');
    expect(result.status, result.stderr).toBe(0);
    const rows = readFileSync(join(work, 'scores.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    expect(rows.map((row) => row[0])).toEqual(HELD_OUT.map((_, i) => `held-out.npy #${i}`));
    const errors = rows.map((row) => Number(row[2]));
    const other = HELD_OUT.map((index) => mnist.labels[index] !== 0);
    expect(other.filter((o) => !o).length).toBeGreaterThan(10); // enough zeros among the held-out digits
    expect(auroc(errors, other)).toBeGreaterThan(0.85);
    const mean = (pick: boolean) => errors.filter((_, i) => other[i] === pick).reduce((a, b) => a + b, 0) / other.filter((o) => o === pick).length;
    expect(mean(true)).toBeGreaterThan(mean(false));
  });
});
