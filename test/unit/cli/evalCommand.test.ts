// aelab eval through the built CLI and trainer (run `npm run build` first): a run writes evaluation.json when training
// ends, `aelab eval --json` recomputes the same sections from the saved models, `--input` evaluates a PNG folder or a
// CSV without touching evaluation.json, and bad input or a damaged run folder exits 2 naming the file.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluationJsonReviver, evaluationSchema, type Evaluation } from '../../../src/protocol/evaluation';
import { readEvaluation } from '../../../src/runs/evaluationFile';
import { CLI_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';
import { trainWithCli } from '../../helpers/trainWithCli';
// @ts-expect-error -- a plain .mjs module of the scripts, without types
import { readMnist, writeDigitFolder } from '../../../scripts/apply/mnistDigits.mjs';

let work: string;
let imageRun: string;
let tableRun: string;

const aelab = (...args: string[]) => runNode([CLI_SCRIPT, ...args], { cwd: work });

const train = (name: string, experiment: object) => trainWithCli(work, name, experiment);

const parsed = (stdout: string): Evaluation => evaluationSchema.parse(JSON.parse(stdout, evaluationJsonReviver));
/** What an evaluation computes, without when and how long. */
const sections = ({ createdAt: _createdAt, seconds: _seconds, ...rest }: Evaluation) => rest;

beforeAll(async () => {
  work = tempWorkspace('aelab-eval-');
  // One-class: trained on ones, evaluated on every digit.
  imageRun = await train('ones', {
    kind: 'deep',
    data: { source: 'builtin:mnist', limit: 400, validationSplit: 0.25, includeLabels: [1] },
    model: { hidden: [16], latentDim: 4 },
    training: { epochs: 1, batchSize: 16, learningRate: 0.005, seed: 7 },
  });
  const rows = Array.from({ length: 80 }, (_, i) => `${i % 5},${(i * 3) % 7},${i % 2 ? 'odd' : 'even'}`);
  writeFileSync(join(work, 'table.csv'), `a,b,kind\n${rows.join('\n')}\n`);
  tableRun = await train('table', {
    kind: 'deep',
    data: { source: 'table.csv', validationSplit: 0.25, labelColumn: 'kind' },
    model: { hidden: [4], latentDim: 2 },
    training: { epochs: 1, batchSize: 16, learningRate: 0.01, seed: 7, loss: 'mse' },
  });
}, 120_000);

describe('evaluation.json at the end of training', () => {
  it('is written with the one-class anomaly section, and summarised in the run log', () => {
    const evaluation = readEvaluation(imageRun)!;
    expect(evaluation.set).toEqual({ kind: 'validation', path: null, samples: 100, trainSamples: expect.any(Number) });
    expect(evaluation.anomaly).toMatchObject({ metric: 'bce', normalLabels: ['1'] });
    expect(evaluation.anomaly!.normalCount + evaluation.anomaly!.anomalyCount).toBe(100);
    expect(evaluation.reconstruction.pca).not.toBeNull();
    expect(evaluation.reconstruction.model.psnr).toBeGreaterThan(0);
    expect(readFileSync(join(imageRun, 'log.txt'), 'utf8')).toMatch(/INFO evaluation: PSNR [\d.]+ dB \(PCA [\d.]+\), AUROC [\d.]+ \(PCA [\d.]+\)/);
  });
});

describe('aelab eval', () => {
  it('--json recomputes the same evaluation from the saved models and rewrites evaluation.json', async () => {
    const before = readEvaluation(imageRun)!;
    const result = await aelab('eval', imageRun, '--json', '--backend', 'cpu');
    expect(result.status, result.stderr).toBe(0);
    const evaluation = parsed(result.stdout);
    expect(sections(evaluation)).toEqual(sections(before));
    expect(readEvaluation(imageRun)!.createdAt).toBe(evaluation.createdAt);
  });

  it('prints a table of each metric beside its baselines', async () => {
    const result = await aelab('eval', imageRun, '--backend', 'cpu');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/reconstruction\s+model\s+PCA\s+noisy input/);
    expect(result.stdout).toMatch(/PSNR \(dB\)\s+[\d.]+\s+[\d.]+\s+–/);
    expect(result.stdout).toMatch(/AUROC\s+[\d.]+\s+[\d.]+/);
  });

  it('--input evaluates a PNG folder (labels from its subfolders) and writes only --out', async () => {
    const mnist = readMnist();
    writeDigitFolder(join(work, 'digits'), mnist, Array.from({ length: 40 }, (_, i) => 9000 + i));
    const file = join(imageRun, 'evaluation.json');
    const kept = readFileSync(file, 'utf8');
    const result = await aelab('eval', imageRun, '--input', 'digits', '--out', 'digits-eval.json', '--json', '--backend', 'cpu');
    expect(result.status, result.stderr).toBe(0);
    const evaluation = parsed(result.stdout);
    expect(evaluation.set).toMatchObject({ kind: 'input', path: join(work, 'digits'), samples: 40 });
    expect(evaluation.anomaly!.normalCount).toBe(Array.from({ length: 40 }, (_, i) => mnist.labels[9000 + i]).filter((l: number) => l === 1).length);
    expect(parsed(readFileSync(join(work, 'digits-eval.json'), 'utf8'))).toEqual(evaluation);
    expect(readFileSync(file, 'utf8')).toBe(kept);
  });

  it('--input evaluates a CSV with its label column', async () => {
    writeFileSync(join(work, 'new.csv'), `a,b,kind\n${Array.from({ length: 12 }, (_, i) => `${i % 5},${i % 7},${i % 3 ? 'odd' : 'even'}`).join('\n')}\n`);
    const result = await aelab('eval', tableRun, '--input', 'new.csv', '--json', '--backend', 'cpu');
    expect(result.status, result.stderr).toBe(0);
    const evaluation = parsed(result.stdout);
    expect(evaluation.set).toMatchObject({ kind: 'input', samples: 12 });
    expect(evaluation.reconstruction.model.psnr).toBeNull();
    expect(evaluation.features).toMatchObject({ classes: 2, validationSamples: 12 });
  });

  it('exits 2 naming the file for input that does not fit and for a damaged run folder', async () => {
    const missing = await aelab('eval', imageRun, '--input', 'nothing-here.png', '--backend', 'cpu');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(join(work, 'nothing-here.png'));
    const table = await aelab('eval', imageRun, '--input', 'table.csv', '--backend', 'cpu');
    expect(table.status).toBe(2);
    expect(table.stderr).toMatch(/table\.csv.*28x28x1 images/s);
    const damaged = join(work, 'damaged');
    cpSync(imageRun, damaged, { recursive: true });
    rmSync(join(damaged, 'decoder'), { recursive: true });
    const result = await aelab('eval', damaged, '--backend', 'cpu');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(join(damaged, 'decoder', 'model.json'));
    expect(existsSync(join(work, 'nothing-here.png'))).toBe(false);
  });
});
