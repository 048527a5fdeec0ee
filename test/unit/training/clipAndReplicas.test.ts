// Gradient clipping by global norm, and the epoch settings (learning rate, KL weight) reaching the replica threads
// that train on wasm, which apply the same update to their own copy of the model.
import * as tf from '@tensorflow/tfjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/trainer/backends/selectBackend';
import { clipByGlobalNorm } from '../../../src/trainer/loop/clipGradients';
import { createOptimizer } from '../../../src/trainer/loop/optimizer';
import { tempWorkspace } from '../../helpers/experimentFiles';
import { experimentFor, trainRun } from '../perf/trainingRuns';
import { aidsExperiment, trainInProcess } from './trainInProcess';

describe('training.clipNorm', () => {
  beforeAll(() => selectBackend('cpu'));

  it('scales the gradients so that their global norm is at most clipNorm, and leaves smaller ones alone', () => {
    const grads = { a: tf.tensor1d([3]), b: tf.tensor1d([0, 4]) }; // global norm 5
    const clipped = clipByGlobalNorm(grads, 1);
    expect(Array.from(clipped.a.dataSync())).toEqual([expect.closeTo(0.6, 6)]);
    expect(Array.from(clipped.b.dataSync())).toEqual([0, expect.closeTo(0.8, 6)]);
    const kept = clipByGlobalNorm(grads, 10);
    expect(Array.from(kept.b.dataSync())).toEqual([0, 4]);
    tf.dispose([...Object.values(grads), ...Object.values(clipped), ...Object.values(kept)]);
  });

  it('bounds every step of a run: with a tiny clipNorm SGD barely moves the weights', async () => {
    const small = { source: 'builtin:mnist', validationSplit: 0.25, limit: 128 };
    const clipped = await trainInProcess(aidsExperiment('clipped', { epochs: 2, optimizer: 'sgd', learningRate: 1, clipNorm: 1e-6 }, { data: small }));
    const free = await trainInProcess(aidsExperiment('free', { epochs: 2, optimizer: 'sgd', learningRate: 1 }, { data: small }));
    const change = (run: typeof free) => Math.abs(run.metrics[1].val_loss! - run.metrics[0].val_loss!);
    expect(change(clipped)).toBeLessThan(1e-4);
    expect(change(free)).toBeGreaterThan(1e-3);
  }, 60_000);
});

describe('epoch settings on the replica threads', () => {
  beforeAll(() => selectBackend('wasm'));
  afterAll(() => selectBackend('cpu'));

  it('each epoch sync carries the learning rate and KL weight the main thread trains with', async () => {
    const dir = tempWorkspace('aelab-aids-replica-');
    const record = join(dir, 'sync.json');
    // A stand-in replica: it records the sync, then fails its first step, so training carries on on one thread.
    const script = join(dir, 'recordingReplica.js');
    writeFileSync(script, `const { parentPort } = require('node:worker_threads');
const { writeFileSync } = require('node:fs');
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (m) => {
  if (m.type !== 'sync') process.exit(3);
  writeFileSync(${JSON.stringify(record)}, JSON.stringify(m.settings));
  parentPort.postMessage({ type: 'synced' });
});`);
    const experiment = experimentFor('vae', 128);
    experiment.training.learningRate = 0.004;
    experiment.training.lrSchedule = { type: 'cosine', warmupEpochs: 2, minLearningRate: 0 };
    experiment.training.klWarmup = 4;
    const run = await trainRun(experiment, createOptimizer(experiment.training), 1, { parallel: { experiment, sampleShape: [28, 28, 1], workerScript: script, replicas: 2 } });
    expect(run.logs).toContain('info: training on 2 threads (data-parallel replicas)');
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual({ learningRate: 0.002, klWeight: 0 });
  }, 60_000);
});
