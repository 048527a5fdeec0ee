// Under a KL warm-up, epochs trained with a KL weight below full β report a loss with a smaller KL term: they must not
// become the best epoch (whose weights restoreBest saves) nor count towards early stopping's patience.
import { describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import type { EpochMetrics } from '../../../src/protocol/trainerMessages';
import { TrainingAids } from '../../../src/trainer/loop/trainingAids';

const training = experimentSchema.parse({
  name: 'kl',
  kind: 'vae',
  data: { source: 'builtin:mnist' },
  training: { epochs: 10, klWarmup: 3, earlyStopping: { patience: 2 } },
}).training;

const epoch = (n: number, valLoss: number): EpochMetrics => ({ epoch: n, loss: valLoss, val_loss: valLoss, seconds: 1, samples_per_second: 1 });

describe('best epoch and early stopping under a KL warm-up', () => {
  it('ignores the warm-up epochs, whose lower loss only lacks KL weight', () => {
    const aids = new TrainingAids({ training, epochs: 10, beta: 1, hasValidation: true, history: [] });
    expect(aids.settingsFor(1).klWeight).toBe(0);
    // Epochs 1-3 train with weights 0, 1/3, 2/3: their losses are lower but not comparable.
    expect(aids.afterEpoch(epoch(1, 50)).improved).toBe(false);
    expect(aids.afterEpoch(epoch(2, 60)).improved).toBe(false);
    expect(aids.afterEpoch(epoch(3, 70)).stop).toBeUndefined();
    expect(aids.bestSoFar).toBeUndefined();
    // From epoch 4 the weight is β: those epochs are judged.
    expect(aids.afterEpoch(epoch(4, 100)).improved).toBe(true);
    expect(aids.afterEpoch(epoch(5, 99)).improved).toBe(true);
    expect(aids.bestSoFar).toMatchObject({ epoch: 5, value: 99 });
    expect(aids.afterEpoch(epoch(6, 101)).stop).toBeUndefined();
    expect(aids.afterEpoch(epoch(7, 102)).stop).toMatchObject({ epoch: 7, bestEpoch: 5 });
  });
});
