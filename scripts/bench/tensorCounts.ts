// tf.memory().numTensors after each epoch of a real-size run (the data-parallel path included): it must stay flat.
import * as tf from '@tensorflow/tfjs';
import { experimentSchema } from '../../src/protocol/experiment';
import { loadDataset } from '../../src/trainer/data/loadDataset';
import { splitDataset } from '../../src/trainer/data/split';
import { createOptimizer } from '../../src/trainer/loop/optimizer';
import { trainLoop } from '../../src/trainer/loop/trainLoop';
import { buildAutoencoder } from '../../src/trainer/models/buildAutoencoder';

export async function tensorCountsPerEpoch(experimentInput: object, experimentFile: string, epochs: number, workerScript: string | undefined): Promise<{ num_tensors: number[]; rss_mb: number[] }> {
  const experiment = experimentSchema.parse(experimentInput);
  const dataset = await loadDataset(experiment.data, experimentFile);
  const { train, validation } = splitDataset(dataset, experiment.data.validationSplit, experiment.training.seed);
  const autoencoder = buildAutoencoder(experiment, dataset.sampleShape);
  const optimizer = createOptimizer(experiment.training);
  const counts: number[] = [];
  const rss: number[] = [];
  await trainLoop({
    autoencoder,
    optimizer,
    train,
    validation,
    training: experiment.training,
    epochs,
    shouldStop: () => false,
    onEpoch: () => {
      counts.push(tf.memory().numTensors);
      rss.push(Math.round(process.memoryUsage().rss / 2 ** 20));
    },
    parallel: workerScript ? { experiment, sampleShape: dataset.sampleShape, workerScript } : undefined,
  });
  optimizer.dispose();
  return { num_tensors: counts, rss_mb: rss };
}
