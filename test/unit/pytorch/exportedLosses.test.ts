// The exported script's losses beyond plain reconstruction: sparse (L1 on the code), contractive (the Jacobian
// penalty), denoising (gaussian corruption, validation noise fixed) and conv-VAE. With --init-from --epochs 0 each
// evaluates the tfjs run's weights on its validation split: the same val_loss and parts to within 1% (denoising draws
// its noise from torch, not from tfjs, so its inputs differ by the noise realisation only).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMetrics } from '../../../src/runs/metricsFile';
import { requireSummary } from '../../../src/runs/summaryFile';
import { tempWorkspace } from '../../helpers/experimentFiles';
import { exportScript, onlyRunIn, runScript as runExported, trainTfjsRun } from './exportFixture';
import { writeDigitsIdx } from './idxFixture';

const workspace = tempWorkspace('aelab-pytorch-losses-');
const KINDS = {
  sparse: { model: { hidden: [16], latentDim: 4, l1: 0.01 }, parts: ['recon_loss', 'sparsity_penalty'] },
  contractive: { model: { hidden: [16], latentDim: 4, contractiveWeight: 0.01 }, parts: ['recon_loss', 'contractive_penalty'] },
  denoising: { model: { hidden: [16], latentDim: 4, noise: { type: 'gaussian', sigma: 0.3 } }, parts: [] },
  'conv-vae': { model: { filters: [4, 8], latentDim: 2 }, parts: ['recon_loss', 'kl_loss'] },
} as const;
type Kind = keyof typeof KINDS;
const runs = {} as Record<Kind, { runDir: string; script: string }>;

/** Runs an exported script into a fresh runs folder; the run folder it wrote. */
async function runScript(args: string[]): Promise<string> {
  const runsDir = join(workspace, `out-${Object.keys(runs).length}-${Date.now()}`);
  await runExported([...args, '--runs-dir', runsDir], workspace);
  return onlyRunIn(runsDir);
}

beforeAll(async () => {
  writeDigitsIdx(join(workspace, 'digits.idx3-ubyte'), 160, 8);
  const runsDir = join(workspace, 'runs');
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const experiment = { name: kind, kind, data: { source: 'digits.idx3-ubyte', validationSplit: 0.25 }, model: KINDS[kind].model, training: { epochs: 2, batchSize: 32, learningRate: 0.003, seed: 4 } };
    const runDir = await trainTfjsRun(workspace, experiment, runsDir);
    const script = join(workspace, kind, 'train.py');
    await exportScript(runDir, script);
    runs[kind] = { runDir, script };
  }
}, 300_000);

describe('the exported losses', () => {
  it.each(Object.keys(KINDS) as Kind[])('%s: --init-from --epochs 0 gives the tfjs run\'s val_loss and its parts to within 1%%', async (kind) => {
    const folder = await runScript([runs[kind].script, '--init-from', runs[kind].runDir, '--epochs', '0']);
    const tfjs = requireSummary(runs[kind].runDir).final!;
    const final = requireSummary(folder).final!;
    for (const name of ['val_loss', ...KINDS[kind].parts.map((part) => `val_${part}`)]) {
      const relative = Math.abs(final[name]! - tfjs[name]!) / Math.abs(tfjs[name]!);
      console.log(`${kind} ${name}: tfjs ${tfjs[name]}, PyTorch ${final[name]}, relative difference ${relative.toExponential(2)}`);
      expect(relative, name).toBeLessThan(0.01);
    }
  }, 120_000);

  it.each(['contractive', 'denoising'] as Kind[])('%s trains an epoch (its second-order penalty or corruption in the loop)', async (kind) => {
    const folder = await runScript([runs[kind].script, '--epochs', '1']);
    expect(requireSummary(folder).status).toBe('completed');
    const [metrics] = readMetrics(folder);
    for (const name of ['loss', 'val_loss', ...KINDS[kind].parts]) expect(Number.isFinite(metrics[name]), name).toBe(true);
  }, 120_000);
});
