// A resumed run continues its training aids from metrics.jsonl: the reduce-on-plateau rate and its patience, early
// stopping's patience and best value, and the best weights kept in best/ before the resume.
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
});
