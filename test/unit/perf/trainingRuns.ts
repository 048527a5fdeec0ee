// Small deterministic training runs on builtin MNIST for comparing training paths.
import * as tf from '@tensorflow/tfjs';
import { experimentSchema, type Experiment } from '../../../src/protocol/experiment';
import { findTemplate } from '../../../src/templates/templates';
import { loadBuiltinDataset } from '../../../src/trainer/data/builtin';
import type { Dataset } from '../../../src/trainer/data/dataset';
import { trainLoop, type TrainLoopOptions } from '../../../src/trainer/loop/trainLoop';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';

export function experimentFor(template: string, batchSize: number): Experiment {
  const experiment = experimentSchema.parse(findTemplate(template)!.experiment(`perf-${template}`));
  experiment.training.batchSize = batchSize;
  return experiment;
}

let mnist: Dataset | undefined;

export function firstDigits(count: number, offset = 0): Dataset {
  mnist ??= loadBuiltinDataset('builtin:mnist');
  return { ...mnist, x: mnist.x.slice(offset * 784, (offset + count) * 784), count, labels: undefined, sourceNames: undefined };
}

export interface RunResult {
  losses: number[];
  valLosses: number[];
  tensorsAfterEpoch: number[];
  logs: string[];
}

/** Trains a freshly built model (same seed each time) and returns per-epoch losses. */
export async function trainRun(experiment: Experiment, optimizer: tf.Optimizer, epochs: number, extra: Partial<TrainLoopOptions> = {}): Promise<RunResult> {
  const autoencoder = buildAutoencoder(experiment, [28, 28, 1]);
  const result: RunResult = { losses: [], valLosses: [], tensorsAfterEpoch: [], logs: [] };
  try {
    await trainLoop({
      autoencoder,
      optimizer,
      train: firstDigits(1024),
      validation: firstDigits(256, 2000),
      training: experiment.training,
      epochs,
      shouldStop: () => false,
      onEpoch: (metrics) => {
        result.losses.push(metrics.loss);
        result.valLosses.push(metrics.val_loss!);
        result.tensorsAfterEpoch.push(tf.memory().numTensors);
      },
      onLog: (level, message) => result.logs.push(`${level}: ${message}`),
      ...extra,
    });
  } finally {
    optimizer.dispose();
    autoencoder.encoder.dispose();
    autoencoder.decoder.dispose();
  }
  return result;
}

export function relativeDifference(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}
