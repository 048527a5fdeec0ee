// The optimised training path (kernel replacements, fused Adam, data-parallel replicas) must learn exactly what
// the plain path learns: same per-epoch losses at a fixed seed. The plain run uses stock tfjs-backend-wasm kernels
// and tf.train.adam, so it runs first, before the replacements are registered (they are process-wide).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer } from '../../../src/trainer/loop/optimizer';
import { installWasmPatches } from '../../../src/trainer/wasm';
import { conv2DBackpropFilterPatch } from '../../../src/trainer/wasm/patches/conv2DBackpropFilter';
import { bundleReplicaWorker, type WorkerBundle } from './replicaWorkerBundle';
import { experimentFor, relativeDifference, trainRun, type RunResult } from './trainingRuns';

const EPOCHS = 2;
const CASES: [string, number][] = [
  ['deep', 128],
  ['vae', 128],
  ['conv', 64],
];

describe('optimised training', () => {
  let worker: WorkerBundle;
  const plain: Record<string, RunResult> = {};

  beforeAll(async () => {
    worker = await bundleReplicaWorker();
    await tf.setBackend('wasm');
    conv2DBackpropFilterPatch.register(); // stock wasm cannot train convs at all without it
    for (const [template, batch] of CASES) {
      const experiment = experimentFor(template, batch);
      plain[template] = await trainRun(experiment, tf.train.adam(experiment.training.learningRate), EPOCHS);
    }
    expect(installWasmPatches()).toEqual({ on: true });
  }, 300_000);

  afterAll(() => worker?.dispose());

  it.each(CASES)('%s on one thread: the same per-epoch losses as the plain path (1e-3 relative)', async (template, batch) => {
    const experiment = experimentFor(template, batch);
    const optimised = await trainRun(experiment, createOptimizer(experiment.training), EPOCHS);
    expect(optimised.losses).toHaveLength(EPOCHS);
    optimised.losses.forEach((loss, i) => expect(relativeDifference(loss, plain[template].losses[i])).toBeLessThan(1e-3));
    optimised.valLosses.forEach((loss, i) => expect(relativeDifference(loss, plain[template].valLosses[i])).toBeLessThan(1e-3));
  });

  it.each(CASES)('%s on two replica threads: per-epoch losses within 2 percent of the plain path', async (template, batch) => {
    const experiment = experimentFor(template, batch);
    const parallel = { experiment, sampleShape: [28, 28, 1], workerScript: worker.script, replicas: 2 };
    const replicated = await trainRun(experiment, createOptimizer(experiment.training), EPOCHS, { parallel });
    expect(replicated.logs).toContain('info: training on 2 threads (data-parallel replicas)');
    expect(replicated.logs.filter((l) => l.startsWith('warn'))).toEqual([]);
    replicated.losses.forEach((loss, i) => expect(relativeDifference(loss, plain[template].losses[i])).toBeLessThan(0.02));
    replicated.valLosses.forEach((loss, i) => expect(relativeDifference(loss, plain[template].valLosses[i])).toBeLessThan(0.02));
  });
});
