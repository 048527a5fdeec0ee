// Scaling of the deep AE: samples/s and µs per sample over thread counts and dataset sizes, full epochs of the
// whole set (a warm-up epoch, then the median of three), through the same timed epochs as the throughput rows.
import type { Dataset } from '../../src/trainer/data/dataset';
import { median } from './stats';
import { benchExperiment, firstSamples, timedEpochs, withAutoencoder } from './trainingThroughput';

const TIMED_EPOCHS = 3;

export interface ScalingPoint {
  samples: number;
  threads: number;
  samples_per_second: number;
  us_per_sample: number;
}

export async function measureScaling(data: Dataset, threads: number, workerScript: string | undefined): Promise<ScalingPoint> {
  const experiment = benchExperiment('deep')!;
  const parallel = threads > 1 && workerScript ? { workerScript, replicas: threads } : undefined;
  const run = await withAutoencoder(experiment, data.sampleShape, (autoencoder) => timedEpochs(autoencoder, experiment, firstSamples(data, data.count), TIMED_EPOCHS + 1, parallel));
  const speed = median(run.seconds.slice(1).map((s) => data.count / s));
  return { samples: data.count, threads: run.replicas, samples_per_second: Math.round(speed), us_per_sample: Math.round((1e6 / speed) * 100) / 100 };
}
