// Scaling of the deep AE: samples/s and µs per sample over thread counts and dataset sizes, full epochs of the
// whole set (a warm-up epoch, then the median of three), through the project's trainLoop.
import type { Dataset } from '../../src/trainer/data/dataset';
import { createOptimizer } from '../../src/trainer/loop/optimizer';
import { trainLoop } from '../../src/trainer/loop/trainLoop';
import { buildAutoencoder } from '../../src/trainer/models/buildAutoencoder';
import { median } from './stats';
import { benchExperiment } from './trainingThroughput';

const TIMED_EPOCHS = 3;

export interface ScalingPoint {
  samples: number;
  threads: number;
  samples_per_second: number;
  us_per_sample: number;
}

export async function measureScaling(data: Dataset, threads: number, workerScript: string | undefined): Promise<ScalingPoint> {
  const experiment = benchExperiment('deep')!;
  const autoencoder = buildAutoencoder(experiment, data.sampleShape);
  const optimizer = createOptimizer(experiment.training);
  const seconds: number[] = [];
  let used = 1;
  try {
    await trainLoop({
      autoencoder,
      optimizer,
      train: { ...data, labels: undefined, sourceNames: undefined },
      validation: { ...data, x: data.x.subarray(0, 0), count: 0, labels: undefined, sourceNames: undefined },
      training: experiment.training,
      epochs: TIMED_EPOCHS + 1,
      shouldStop: () => false,
      onEpoch: (metrics) => {
        seconds.push(metrics.seconds);
        used = metrics.threads ?? 1;
      },
      parallel: threads > 1 && workerScript ? { experiment, sampleShape: data.sampleShape, workerScript, replicas: threads } : undefined,
    });
  } finally {
    optimizer.dispose();
    autoencoder.encoder.dispose();
    autoencoder.decoder.dispose();
  }
  const speed = median(seconds.slice(1).map((s) => data.count / s));
  return { samples: data.count, threads: used, samples_per_second: Math.round(speed), us_per_sample: Math.round((1e6 / speed) * 100) / 100 };
}
