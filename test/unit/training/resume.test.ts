// A resumed run continues its training aids from metrics.jsonl: the reduce-on-plateau rate and its patience, early
// stopping's patience and best value, and the best weights kept in best/ before the resume.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempWorkspace } from '../../helpers/experimentFiles';
import { aidsExperiment, fileBytes, trainInProcess } from './trainInProcess';

// minDelta far above any change: epoch 1 is the only improvement, so every later epoch adds to both patiences.
const plateau = aidsExperiment(
  'resumed',
  { epochs: 10, lrSchedule: { type: 'reduceOnPlateau', factor: 0.5, patience: 2, minDelta: 10 }, earlyStopping: { patience: 4, minDelta: 10 } },
  { data: { source: 'builtin:mnist', validationSplit: 0.25, limit: 128 } },
);

describe('resuming a run with training aids', () => {
  it('continues the schedule and the early-stopping state where the first part left them', async () => {
    const whole = await trainInProcess(plateau);
    // Uninterrupted: the rate halves after epochs 3 and 5; early stopping ends the run after epoch 5 (4 epochs without improvement).
    expect(whole.metrics.map((m) => m.lr)).toEqual([0.01, 0.01, 0.01, 0.005, 0.005]);
    expect(whole.summary).toMatchObject({ status: 'completed', epochs: 5, bestEpoch: 1, modelsEpoch: 1, stoppedEarly: { epoch: 5, bestEpoch: 1 } });

    const workspace = tempWorkspace('aelab-aids-resume-');
    const first = await trainInProcess(plateau, { workspace, epochs: 3 });
    expect(first.summary).toMatchObject({ status: 'completed', epochs: 3, modelsEpoch: 1 });
    expect(first.summary.stoppedEarly).toBeUndefined();
    const resumed = await trainInProcess(plateau, { workspace, resumeRunDir: first.runDir, epochs: 10 });
    expect(resumed.metrics.map((m) => m.lr)).toEqual(whole.metrics.map((m) => m.lr));
    expect(resumed.metrics.map((m) => m.val_loss)).toEqual(whole.metrics.map((m) => m.val_loss));
    expect(resumed.summary).toMatchObject({ status: 'completed', epochs: 5, epochsPlanned: 10, bestEpoch: 1, modelsEpoch: 1, stoppedEarly: { epoch: 5, bestEpoch: 1 } });
    // Epoch 1's weights, kept in best/ before the resume, are the saved models after it.
    expect(fileBytes(resumed.runDir, 'encoder', 'weights.bin').equals(fileBytes(whole.runDir, 'encoder', 'weights.bin'))).toBe(true);
  }, 120_000);

  it('keeps the last weights, saying why, when best/ is not of the best epoch any more (resumed from an older checkpoint)', async () => {
    const workspace = tempWorkspace('aelab-aids-stale-');
    const first = await trainInProcess(plateau, { workspace, epochs: 2 });
    expect(first.summary).toMatchObject({ bestEpoch: 1, modelsEpoch: 1 });
    // As if best/ had been written after the checkpoint the resume starts from.
    const manifest = join(first.runDir, 'best', 'best.json');
    writeFileSync(manifest, JSON.stringify({ ...JSON.parse(readFileSync(manifest, 'utf8')), epoch: 3 }));
    const resumed = await trainInProcess(plateau, { workspace, resumeRunDir: first.runDir, epochs: 3 });
    expect(resumed.summary).toMatchObject({ status: 'completed', epochs: 3, bestEpoch: 1, modelsEpoch: 3 });
    expect(resumed.logs).toContain("earlyStopping.restoreBest: the weights of epoch 1 were not kept (the run resumed from an older checkpoint); the saved models are from the last epoch, 3");
    expect(existsSync(join(first.runDir, 'best'))).toBe(false);
  }, 120_000);
});

