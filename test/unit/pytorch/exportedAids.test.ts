// The exported script's training aids, as the run applies them (trainer/loop/trainingAids.ts): early stopping with
// the best epoch's weights restored, and reduce-on-plateau. A huge minDelta makes every epoch after the first a
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

  it('reduce-on-plateau multiplies the rate by factor after `patience` flat epochs, down to minLearningRate', async () => {
    const folder = await trainWith('plateau', { lrSchedule: { type: 'reduceOnPlateau', monitor: 'loss', factor: 0.5, patience: 1, minDelta: 1e9, minLearningRate: 0.0008 } }, 5);
    expect(readMetrics(folder).map((m) => m.lr)).toEqual([0.004, 0.004, 0.002, 0.001, 0.0008]);
  }, 120_000);
});
