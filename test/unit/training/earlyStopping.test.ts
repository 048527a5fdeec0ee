// Early stopping at a fixed seed: a run whose val_loss stops improving by more than minDelta ends before its epoch
// count, says so in the run log and summary.json, and its saved models are byte for byte those of the best epoch.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../../src/protocol/trainerMessages';
import { readBestModelManifest } from '../../../src/runs/bestModelFile';
import { checkpointEpoch } from '../../../src/runs/checkpointFiles';
import { aidsExperiment, fileBytes, trainInProcess } from './trainInProcess';

const EPOCHS = 40;
const PATIENCE = 2;
const MIN_DELTA = 0.004;

/** Keras's rule, written out independently of the trainer: the best epoch and the epoch the run should stop after. */
function expectedStop(metrics: EpochMetrics[]): { bestEpoch: number; best: number; stopEpoch: number | undefined } {
  let best = Infinity;
  let bestEpoch = 0;
  let wait = 0;
  for (const m of metrics) {
    if (m.val_loss! < best - MIN_DELTA) [best, bestEpoch, wait] = [m.val_loss!, m.epoch, 0];
    else if (++wait >= PATIENCE) return { bestEpoch, best, stopEpoch: m.epoch };
  }
  return { bestEpoch, best, stopEpoch: undefined };
}

describe('training.earlyStopping', () => {
  it('ends a plateaued run early, logs it, and saves the best epoch’s weights as the run’s models', async () => {
    const stopped = await trainInProcess(aidsExperiment('plateau', { epochs: EPOCHS, earlyStopping: { patience: PATIENCE, minDelta: MIN_DELTA } }));
    const { summary, metrics, runDir, logs } = stopped;
    const expected = expectedStop(metrics);
    expect(summary.status).toBe('completed');
    expect(expected.stopEpoch).toBe(metrics.length);
    expect(metrics.length).toBeLessThan(EPOCHS);
    expect(expected.bestEpoch).toBeLessThan(metrics.length);
    expect(summary).toMatchObject({
      epochs: metrics.length,
      epochsPlanned: EPOCHS,
      bestEpoch: expected.bestEpoch,
      modelsEpoch: expected.bestEpoch,
      stoppedEarly: { epoch: metrics.length, monitor: 'val_loss', best: expected.best, bestEpoch: expected.bestEpoch },
    });
    expect(logs).toContain(`early stopping after epoch ${metrics.length} of ${EPOCHS}: val_loss has not improved by more than ${MIN_DELTA} for ${PATIENCE} epochs (best ${expected.best} at epoch ${expected.bestEpoch})`);
    expect(logs).toContain(`restored the best weights, of epoch ${expected.bestEpoch} (val_loss ${expected.best}), as the run's saved models`);
    expect(readBestModelManifest(runDir)).toMatchObject({ epoch: expected.bestEpoch, monitor: 'val_loss', value: expected.best });

    // The same experiment trained for exactly bestEpoch epochs, without early stopping: the same weights, bit for bit.
    const reference = await trainInProcess(aidsExperiment('reference', { epochs: expected.bestEpoch }));
    expect(reference.summary).toMatchObject({ status: 'completed', epochs: expected.bestEpoch, modelsEpoch: expected.bestEpoch });
    expect(reference.summary.stoppedEarly).toBeUndefined();
    expect(reference.metrics.map((m) => m.val_loss)).toEqual(metrics.slice(0, expected.bestEpoch).map((m) => m.val_loss));
    for (const model of ['model', 'encoder', 'decoder']) {
      const saved = fileBytes(runDir, model, 'weights.bin');
      expect(saved.equals(fileBytes(reference.runDir, model, 'weights.bin')), `${model}/weights.bin`).toBe(true);
      expect(saved.equals(fileBytes(runDir, 'best', model, 'weights.bin')), `best/${model}/weights.bin`).toBe(true);
    }
    // The checkpoint keeps the last epoch's weights (a resume continues from there), which are not the best ones.
    expect(existsSync(join(runDir, 'checkpoint'))).toBe(true);
    expect(fileBytes(runDir, 'checkpoint', 'weights.bin').includes(fileBytes(runDir, 'encoder', 'weights.bin'))).toBe(false);
  }, 120_000);

  it('keeps a checkpoint of the epoch it stopped after, also between checkpointEvery epochs', async () => {
    const { summary, runDir } = await trainInProcess(aidsExperiment('sparse-checkpoints', { epochs: EPOCHS, checkpointEvery: 100, earlyStopping: { patience: PATIENCE, minDelta: MIN_DELTA } }));
    expect(summary.stoppedEarly?.epoch).toBe(summary.epochs);
    expect(checkpointEpoch(runDir)).toBe(summary.epochs);
  }, 120_000);

  it('with restoreBest false keeps the last epoch’s weights as the run’s models, and best/ beside them', async () => {
    const { summary, metrics, runDir } = await trainInProcess(aidsExperiment('last', { epochs: EPOCHS, earlyStopping: { patience: PATIENCE, minDelta: MIN_DELTA, restoreBest: false } }));
    const expected = expectedStop(metrics);
    expect(summary).toMatchObject({ status: 'completed', epochs: metrics.length, bestEpoch: expected.bestEpoch, modelsEpoch: metrics.length });
    expect(fileBytes(runDir, 'encoder', 'weights.bin').equals(fileBytes(runDir, 'best', 'encoder', 'weights.bin'))).toBe(false);
    expect(readBestModelManifest(runDir)?.epoch).toBe(expected.bestEpoch);
  }, 120_000);

  it('watches loss, saying so, when the run has no validation set', async () => {
    const { summary, metrics, logs } = await trainInProcess(
      aidsExperiment('no-validation', { epochs: 10, earlyStopping: { patience: 1, minDelta: 10 } }, { data: { source: 'builtin:mnist', validationSplit: 0, limit: 128 } }),
    );
    expect(logs).toContain('training.earlyStopping.monitor: the run has no validation set, so it watches loss instead of val_loss');
    expect(metrics.map((m) => m.val_loss)).toEqual([null, null]);
    expect(summary).toMatchObject({ status: 'completed', epochs: 2, bestEpoch: 1, modelsEpoch: 1, stoppedEarly: { epoch: 2, monitor: 'loss', best: metrics[0].loss, bestEpoch: 1 } });
  }, 60_000);
});

