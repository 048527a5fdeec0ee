// The tensor-leak tests' loop: trains an autoencoder for its training.epochs as a run does (the optimizer a run would
// make, freed afterwards) and records after each epoch, once the test's own per-epoch work is done, how many tensors
// and wasm data ids are alive. The test keeps its assertions; a count that grows from epoch to epoch is a leak.
import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../src/protocol/experiment';
import type { EpochMetrics } from '../../src/protocol/trainerMessages';
import type { Dataset } from '../../src/trainer/data/dataset';
import { createOptimizer } from '../../src/trainer/loop/optimizer';
import { trainLoop } from '../../src/trainer/loop/trainLoop';
import type { Autoencoder } from '../../src/trainer/models/types';
import { liveDataIds } from '../../src/trainer/wasm';

export interface CountedTraining {
  autoencoder: Autoencoder;
  train: Dataset;
  validation: Dataset;
  training: TrainingConfig;
  /** What a run computes after each epoch (previews, latent codes, samples): counted with the epoch. */
  afterEpoch?: (metrics: EpochMetrics) => void;
}

export interface EpochCounts {
  /** tf.memory().numTensors after each epoch. */
  numTensors: number[];
  /** The wasm backend's live data ids after each epoch; empty on any other backend. */
  dataIds: number[];
  /** Each epoch's metrics, as trainLoop reported them. */
  metrics: EpochMetrics[];
}

/** Trains `autoencoder` (which stays the caller's to use and dispose) and returns the per-epoch counts. */
export async function trainCountingTensors({ autoencoder, train, validation, training, afterEpoch }: CountedTraining): Promise<EpochCounts> {
  const counts: EpochCounts = { numTensors: [], dataIds: [], metrics: [] };
  const onWasm = tf.getBackend() === 'wasm';
  const optimizer = createOptimizer(training);
  try {
    await trainLoop({
      autoencoder,
      optimizer,
      train,
      validation,
      training,
      epochs: training.epochs,
      shouldStop: () => false,
      onEpoch: (metrics) => {
        afterEpoch?.(metrics);
        counts.numTensors.push(tf.memory().numTensors);
        if (onWasm) counts.dataIds.push(liveDataIds(tf.backend()));
        counts.metrics.push(metrics);
      },
    });
  } finally {
    optimizer.dispose();
  }
  return counts;
}
