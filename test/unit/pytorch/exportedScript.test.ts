// `aelab export-pytorch` end to end: tiny runs trained by the CLI (tfjs, --backend cpu) are exported and their scripts
// run with Debian's torch, alone and under torchrun with two processes (gloo); the run folders they write are read with
// our own readers. --init-from --epochs 0 must find the tfjs run's validation loss (weights converted, same split).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRunExperiment } from '../../../src/runs/experimentFile';
import { readMetrics } from '../../../src/runs/metricsFile';
import { requireSummary } from '../../../src/runs/summaryFile';
import { findTorchPython } from '../../../src/templates/python/torchPython';
import { tempWorkspace } from '../../helpers/experimentFiles';
import { exportScript, onlyRunIn, runScript, torchPython, trainTfjsRun } from './exportFixture';
import { writeDigitsIdx } from './idxFixture';

const reasons: string[] = [];
const torch = findTorchPython(reasons);
const workspace = tempWorkspace('aelab-pytorch-');
const tfjsRuns = join(workspace, 'tfjs-runs');

/** Four tiny runs: the dense one on the bundled MNIST digits (so the export copies them), conv, VAE and one with batch
 * normalisation on 8x8 images. */
const RUNS = {
  deep: { kind: 'deep', data: { source: 'builtin:mnist', validationSplit: 0.2, limit: 200 }, model: { hidden: [32], latentDim: 8 } },
  conv: { kind: 'conv', data: { source: 'digits.idx3-ubyte', validationSplit: 0.25, limit: 160 }, model: { filters: [4, 8], activation: 'relu', outputActivation: 'sigmoid' } },
  vae: { kind: 'vae', data: { source: 'digits.idx3-ubyte', validationSplit: 0.25, limit: 160 }, model: { hidden: [24], latentDim: 3 } },
  // Batch normalisation: under torchrun each process sees half the batch, so its statistics must be the global batch's.
  bn: {
    kind: 'custom',
    data: { source: 'digits.idx3-ubyte', validationSplit: 0.25, limit: 160 },
    model: {
      latentDim: 6,
      encoder: [{ type: 'conv2d', filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }, { type: 'batchNormalization' }, { type: 'flatten' }, { type: 'dense', units: 6, activation: 'relu' }],
      decoder: [{ type: 'dense', units: 64, activation: 'relu' }, { type: 'batchNormalization' }, { type: 'reshape', targetShape: [8, 8, 1] }, { type: 'conv2d', filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid' }],
    },
  },
} as const;
type Name = keyof typeof RUNS;
const NAMES = Object.keys(RUNS) as Name[];

const exported = {} as Record<Name, { runDir: string; script: string }>;
/** Each script's one-epoch training loss in one process, which two processes on the same global batch reproduce. */
const singleProcessLoss = {} as Record<Name, number>;

beforeAll(async () => {
  torchPython();
  writeDigitsIdx(join(workspace, 'digits.idx3-ubyte'), 200, 8);
  for (const name of NAMES) {
    const runDir = await trainTfjsRun(workspace, { name, ...RUNS[name], training: { epochs: 2, batchSize: 32, learningRate: 0.003, seed: 11 } }, tfjsRuns);
    const script = join(workspace, name, 'train.py');
    const result = await exportScript(runDir, script);
    expect(result.stderr).toContain(`wrote ${script}`);
    exported[name] = { runDir, script };
  }
}, 300_000);

describe('the exported PyTorch script', () => {
  it('finds a Python with torch', () => {
    expect(torch, reasons.join('; ')).toBeDefined();
  });

  it('copies the bundled MNIST digits beside a builtin:mnist run\'s script and reads them by default', () => {
    expect(readdirSync(join(workspace, 'deep')).sort()).toEqual(['mnist-10k-images.idx3-ubyte.gz', 'train.py']);
    expect(readFileSync(exported.deep.script, 'utf8')).toMatch(/^HERE = os\.path\.dirname\(os\.path\.abspath\(__file__\)\)[^\n]*\n(.*\n)*DEFAULT_DATA = os\.path\.join\(HERE, "mnist-10k-images\.idx3-ubyte\.gz"\)/m);
  });

  it.each(NAMES)('trains the %s run for one epoch in one process and writes a run folder our readers take', async (name) => {
    const runsDir = join(workspace, `${name}-single`);
    await runScript([exported[name].script, '--epochs', '1', '--runs-dir', runsDir], workspace);
    checkRunFolder(onlyRunIn(runsDir), name, 1);
    singleProcessLoss[name] = readMetrics(onlyRunIn(runsDir))[0].loss;
  }, 120_000);

  it.each(NAMES)('trains the %s run under torchrun with two processes (gloo), rank 0 writing one run folder', async (name) => {
    const runsDir = join(workspace, `${name}-torchrun`);
    // --redirects/--tee: torch 1.13's torchrun cannot parse its default "0" on Python 3.11 (Debian 12); any torch takes them.
    const launch = ['-m', 'torch.distributed.run', '--nproc_per_node', '2', '--standalone', '--redirects', '1', '--tee', '1'];
    await runScript([...launch, exported[name].script, '--epochs', '1', '--runs-dir', runsDir], workspace);
    checkRunFolder(onlyRunIn(runsDir), name, 2);
    // Each process takes half of every global batch and DDP averages the gradients: the same steps as one process,
    // up to float rounding. The VAE's sampling noise differs per process, so only the deterministic kinds compare.
    if (name !== 'vae') {
      const loss = readMetrics(onlyRunIn(runsDir))[0].loss;
      console.log(`${name}: one-epoch loss ${singleProcessLoss[name]} in one process, ${loss} in two`);
      // 1e-4: per-process batch-norm statistics (not the global batch's) already move the loss by 1.2e-3.
      expect(Math.abs(loss - singleProcessLoss[name]) / singleProcessLoss[name]).toBeLessThan(1e-4);
    }
  }, 180_000);

  it.each(NAMES)('with --init-from the %s run and --epochs 0, evaluates its validation split to within 1%% of its val_loss', async (name) => {
    const runsDir = join(workspace, `${name}-init`);
    const { runDir, script } = exported[name];
    await runScript([script, '--epochs', '0', '--init-from', runDir, '--runs-dir', runsDir], workspace);
    const summary = requireSummary(onlyRunIn(runsDir));
    const tfjs = requireSummary(runDir);
    expect(summary).toMatchObject({ status: 'completed', backend: 'pytorch', epochs: 0, epochsPlanned: 0, validationSamples: tfjs.validationSamples });
    expect(summary.final?.epoch).toBe(tfjs.modelsEpoch ?? tfjs.epochs);
    const expected = tfjs.final!.val_loss!;
    const measured = summary.final!.val_loss!;
    const relative = Math.abs(measured - expected) / Math.abs(expected);
    console.log(`${name}: tfjs val_loss ${expected}, PyTorch --init-from ${measured}, relative difference ${relative.toExponential(2)}`);
    expect(relative).toBeLessThan(0.01);
  }, 120_000);
});

function checkRunFolder(runDir: string, name: Name, processes: number): void {
  const tfjs = requireSummary(exported[name].runDir);
  const summary = requireSummary(runDir);
  expect(summary).toMatchObject({ status: 'completed', backend: 'pytorch', kind: RUNS[name].kind, epochs: 1, epochsPlanned: 1, error: null });
  expect(summary.owner).toBeUndefined();
  expect(summary.trainSamples).toBe(tfjs.trainSamples);
  expect(summary.validationSamples).toBe(tfjs.validationSamples);
  const metrics = readMetrics(runDir);
  expect(metrics).toHaveLength(1);
  expect(metrics[0].threads).toBe(processes);
  expect(Number.isFinite(metrics[0].loss) && Number.isFinite(metrics[0].val_loss!)).toBe(true);
  expect(summary.final).toEqual(metrics[0]);
  if (name === 'vae') expect(Object.keys(metrics[0])).toEqual(expect.arrayContaining(['recon_loss', 'kl_loss', 'val_recon_loss', 'val_kl_loss']));
  expect(readRunExperiment(runDir).experiment).toEqual(readRunExperiment(exported[name].runDir).experiment);
  const source = JSON.parse(readFileSync(join(runDir, 'pytorch', 'source.json'), 'utf8'));
  expect(source.world_size).toBe(processes);
  expect(readdirSync(join(runDir, 'pytorch')).sort()).toEqual(['autoencoder.pt', 'source.json']);
}
