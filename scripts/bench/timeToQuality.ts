// Time to quality: wall-clock seconds for the deep AE on builtin:mnist to reach a validation BCE, through the
// project's trainLoop on the trainer's own split (validation every epoch, as a run does). The PyTorch peer uses
// the same recipe and split (QUALITY is shared with scripts/bench/peerEntry.ts).
import { createOptimizer } from '../../src/trainer/loop/optimizer';
import { trainLoop } from '../../src/trainer/loop/trainLoop';
import { splitDataset } from '../../src/trainer/data/split';
import type { Dataset } from '../../src/trainer/data/dataset';
import { benchExperiment, withAutoencoder } from './trainingThroughput';

export const QUALITY = { template: 'deep', target: 0.14, maxEpochs: 30, validationSplit: 0.1, seed: 42 };

export interface TimeToQuality {
  reached: boolean;
  /** Seconds from the start of training to the end of the epoch that reached the target (or of the last epoch). */
  seconds: number;
  epochs: number;
  val_loss: number | null;
  threads: number;
  train_samples: number;
  validation_samples: number;
}

export async function measureTimeToQuality(data: Dataset, workerScript: string | undefined, recipe = QUALITY): Promise<TimeToQuality> {
  const experiment = benchExperiment(recipe.template)!;
  experiment.training.seed = recipe.seed;
  const { train, validation } = splitDataset(data, recipe.validationSplit, recipe.seed);
  let result: TimeToQuality | undefined;
  let last = { epochs: 0, val_loss: null as number | null, threads: 1 };
  let started = 0;
  await withAutoencoder(experiment, data.sampleShape, async (autoencoder) => {
    const optimizer = createOptimizer(experiment.training);
    started = performance.now(); // the clock starts with training, after the build
    try {
      await trainLoop({
        autoencoder,
        optimizer,
        train,
        validation,
        training: experiment.training,
        epochs: recipe.maxEpochs,
        shouldStop: () => result !== undefined,
        onEpoch: (metrics) => {
          last = { epochs: metrics.epoch, val_loss: metrics.val_loss, threads: metrics.threads ?? 1 };
          if (metrics.val_loss !== null && metrics.val_loss <= recipe.target) result = { reached: true, seconds: elapsed(started), ...last, train_samples: train.count, validation_samples: validation.count };
        },
        parallel: workerScript ? { experiment, sampleShape: data.sampleShape, workerScript } : undefined,
      });
    } finally {
      optimizer.dispose();
    }
  });
  return result ?? { reached: false, seconds: elapsed(started), ...last, train_samples: train.count, validation_samples: validation.count };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) / 10) / 100;
}
