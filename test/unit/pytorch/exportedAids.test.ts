// The exported script's training aids, as the run applies them (trainer/loop/trainingAids.ts): early stopping with
// the best epoch's weights restored, reduce-on-plateau, and a VAE's KL warm-up and cycles. A huge minDelta makes every epoch after the first a
// plateau, so what each must do is known epoch by epoch.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMetrics } from '../../../src/runs/metricsFile';
import { requireSummary } from '../../../src/runs/summaryFile';
import { tempWorkspace } from '../../helpers/experimentFiles';
import { editedRunCopy, exportScript, onlyRunIn, runScript, trainTfjsRun } from './exportFixture';
import { writeDigitsIdx } from './idxFixture';

const workspace = tempWorkspace('aelab-pytorch-aids-');
let runDir = '';

beforeAll(async () => {
  writeDigitsIdx(join(workspace, 'digits.idx3-ubyte'), 80, 8);
  runDir = await trainTfjsRun(
    workspace,
    {
      name: 'aids',
      kind: 'deep',
      data: { source: 'digits.idx3-ubyte', validationSplit: 0.25 },
      model: { hidden: [8], latentDim: 2 },
      training: { epochs: 1, batchSize: 20, learningRate: 0.004, seed: 5 },
    },
    join(workspace, 'runs'),
  );
}, 120_000);

/** Exports a copy of the run with `training` merged into its experiment, runs the script for `epochs`; its run folder. */
async function trainWith(name: string, training: Record<string, unknown>, epochs: number): Promise<string> {
  // As deep as the run: experiment.json names its file relative to it.
  const copy = editedRunCopy(runDir, join(workspace, 'copies', name), (experiment) => Object.assign(experiment.training, training));
  const script = join(workspace, `${name}.py`);
  await exportScript(copy, script);
  const runsDir = join(workspace, `${name}-runs`);
  await runScript([script, '--epochs', String(epochs), '--runs-dir', runsDir], workspace);
  return onlyRunIn(runsDir);
}

describe('the exported training aids', () => {
  it('early stopping ends the run after `patience` epochs without improvement and keeps the best epoch\'s weights', async () => {
    const folder = await trainWith('early', { earlyStopping: { monitor: 'val_loss', patience: 2, minDelta: 1e9, restoreBest: true } }, 10);
    expect(readMetrics(folder).map((m) => m.epoch)).toEqual([1, 2, 3]);
    const summary = requireSummary(folder);
    expect(summary).toMatchObject({ status: 'completed', epochs: 3, epochsPlanned: 10, modelsEpoch: 1 });
    expect(summary.stoppedEarly).toEqual({ epoch: 3, monitor: 'val_loss', best: readMetrics(folder)[0].val_loss, bestEpoch: 1 });
  }, 120_000);

  it.each([
    ['warm-up over 3 epochs', { klWarmup: 3 }, 5],
    ['2 cycles of 5 epochs rising over the first 0.4', { klCycle: { cycles: 2, ratio: 0.4 } }, 10],
  ])('KL %s: each epoch trains with the KL weight the run logs, epoch for epoch', async (label, schedule, epochs) => {
    // The same VAE trained by the run (tfjs) and by its script for as many epochs: both log each epoch's KL weight as `beta`.
    const experiment = { name: `kl-${epochs}`, kind: 'vae', data: { source: 'digits.idx3-ubyte', validationSplit: 0.25 }, model: { hidden: [8], latentDim: 2, beta: 2 } };
    const vaeRun = await trainTfjsRun(workspace, { ...experiment, training: { epochs, batchSize: 20, learningRate: 0.004, seed: 5, ...schedule } }, join(workspace, `kl-${epochs}-tfjs`));
    const script = join(workspace, `kl-${epochs}.py`);
    await exportScript(vaeRun, script);
    const runsDir = join(workspace, `kl-${epochs}-runs`);
    await runScript([script, '--runs-dir', runsDir], workspace);
    const scheduled = readMetrics(vaeRun).map((m) => m.beta);
    expect(scheduled[0], label).toBe(0);
    expect(new Set(scheduled).size).toBeGreaterThan(2);
    const scriptMetrics = readMetrics(onlyRunIn(runsDir));
    expect(scriptMetrics.map((m) => m.beta)).toEqual(scheduled);
    // And the loss it minimised weighed the KL term by it: loss = recon_loss + beta * kl_loss, epoch by epoch.
    for (const m of scriptMetrics) expect(Math.abs(m.loss - (m.recon_loss! + m.beta! * m.kl_loss!)), `epoch ${m.epoch}`).toBeLessThan(1e-4 * m.loss);
  }, 180_000);

  it('reduce-on-plateau multiplies the rate by factor after `patience` flat epochs, down to minLearningRate', async () => {
    const folder = await trainWith('plateau', { lrSchedule: { type: 'reduceOnPlateau', monitor: 'loss', factor: 0.5, patience: 1, minDelta: 1e9, minLearningRate: 0.0008 } }, 5);
    expect(readMetrics(folder).map((m) => m.lr)).toEqual([0.004, 0.004, 0.002, 0.001, 0.0008]);
  }, 120_000);
});
