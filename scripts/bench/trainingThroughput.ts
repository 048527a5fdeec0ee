// Training samples/s of one template on the active backend, through the project's own builders and trainLoop
// (what users run, including the data-parallel replicas on wasm): a probe epoch sizes the repetitions, then one
// warm-up epoch and five timed ones; the median of the five is reported.
import type * as tf from '@tensorflow/tfjs';
import { experimentSchema, type Experiment } from '../../src/protocol/experiment';
import { findTemplate } from '../../src/templates/templates';
import type { Dataset } from '../../src/trainer/data/dataset';
import { createOptimizer } from '../../src/trainer/loop/optimizer';
import { trainLoop } from '../../src/trainer/loop/trainLoop';
import { buildAutoencoder } from '../../src/trainer/models/buildAutoencoder';
import { MODEL_BUILDERS } from '../../src/trainer/models/registry';
import type { Autoencoder } from '../../src/trainer/models/types';
import { trainingFlopsPerSample } from './flopCount';
import { median } from './stats';

export const BATCH_SIZE = 256;
const TIMED_REPS = 5;
const SECONDS_PER_REP = 2.5;
/** A model whose single batch takes longer than this is reported as too slow rather than benched. */
const MAX_SECONDS_PER_BATCH = 20;

export interface Throughput {
  model: string;
  kind: string;
  samples_per_second: number;
  /** The same loop with replicas off, when replicas were used. */
  single_thread_samples_per_second?: number;
  gflops: number;
  flops_per_sample: number;
  replicas: number;
  batches_per_rep: number;
  note?: string;
}

export function benchExperiment(templateId: string): Experiment | undefined {
  const template = findTemplate(templateId);
  if (!template) return undefined;
  const experiment = experimentSchema.parse(template.experiment(`bench-${templateId}`));
  experiment.training.batchSize = BATCH_SIZE;
  return experiment;
}

export async function measureThroughput(templateId: string, data: Dataset, workerScript: string | undefined, log: (line: string) => void): Promise<Throughput | { model: string; note: string }> {
  const experiment = benchExperiment(templateId);
  if (!experiment || !MODEL_BUILDERS[experiment.kind]) return { model: templateId, note: 'not available in this build' };
  const parallel = workerScript ? { workerScript } : undefined;
  return withAutoencoder(experiment, data.sampleShape, async (autoencoder) => {
    const flops = trainingFlopsPerSample(autoencoder);
    const probe = await timedEpochs(autoencoder, experiment, firstSamples(data, 2 * BATCH_SIZE), 1, parallel);
    const secondsPerBatch = probe.seconds[0] / 2;
    if (secondsPerBatch > MAX_SECONDS_PER_BATCH) return { model: templateId, note: `too slow to bench here (${secondsPerBatch.toFixed(0)} s per batch)` };
    const batches = Math.max(1, Math.min(Math.floor(data.count / BATCH_SIZE), Math.round(SECONDS_PER_REP / secondsPerBatch)));
    log(`  ${templateId}: ${(secondsPerBatch * 1000).toFixed(0)} ms per batch in the probe; ${TIMED_REPS} timed reps of ${batches} batches`);
    const timed = firstSamples(data, batches * BATCH_SIZE);
    const speed = (run: { seconds: number[] }) => median(run.seconds.slice(1).map((s) => timed.count / s));
    const run = await timedEpochs(autoencoder, experiment, timed, TIMED_REPS + 1, parallel);
    const single = parallel && run.replicas > 1 ? await timedEpochs(autoencoder, experiment, timed, TIMED_REPS + 1, undefined) : undefined;
    const samplesPerSecond = speed(run);
    return {
      model: templateId,
      kind: experiment.kind,
      samples_per_second: Math.round(samplesPerSecond),
      ...(single ? { single_thread_samples_per_second: Math.round(speed(single)) } : {}),
      gflops: round2((samplesPerSecond * flops) / 1e9),
      flops_per_sample: flops,
      replicas: run.replicas,
      batches_per_rep: batches,
    };
  });
}

/** Builds the experiment's autoencoder for `use`, and disposes its weights afterwards whatever happens. */
export async function withAutoencoder<T>(experiment: Experiment, sampleShape: number[], use: (autoencoder: Autoencoder) => Promise<T>): Promise<T> {
  const autoencoder = buildAutoencoder(experiment, sampleShape);
  try {
    return await use(autoencoder);
  } finally {
    autoencoder.encoder.dispose();
    autoencoder.decoder.dispose();
  }
}

/** Data-parallel replica threads for the loop: the worker script, and how many (the loop's default when absent). */
export interface BenchParallel {
  workerScript: string;
  replicas?: number;
}

/** `epochs` epochs over `train` with no validation and a fresh optimizer: each epoch's seconds and the threads used. */
export async function timedEpochs(autoencoder: Autoencoder, experiment: Experiment, train: Dataset, epochs: number, parallel: BenchParallel | undefined): Promise<{ seconds: number[]; replicas: number }> {
  const optimizer: tf.Optimizer = createOptimizer(experiment.training);
  const seconds: number[] = [];
  let replicas = 1;
  try {
    await trainLoop({
      autoencoder,
      optimizer,
      train,
      validation: firstSamples(train, 0),
      training: experiment.training,
      epochs,
      shouldStop: () => false,
      onEpoch: (metrics) => {
        seconds.push(metrics.seconds);
        replicas = metrics.threads ?? 1;
      },
      parallel: parallel ? { experiment, sampleShape: train.sampleShape, ...parallel } : undefined,
      onLog: (level, message) => level === 'warn' && process.stderr.write(`  ${message}\n`),
    });
  } finally {
    optimizer.dispose();
  }
  return { seconds, replicas };
}

/** The first `count` samples of `data`, without labels or names (the bench trains on pixels only). */
export function firstSamples(data: Dataset, count: number): Dataset {
  const size = data.sampleShape.reduce((a, b) => a * b, 1);
  return { ...data, x: data.x.subarray(0, count * size), count, labels: undefined, sourceNames: undefined };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
