// Data-parallel replicas: the gradient arithmetic, leak freedom, and the fall-back to one thread when a replica
// cannot start or dies mid-step (training then carries on and learns exactly what the one-thread path learns).
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/trainer/backends/selectBackend';
import { createOptimizer } from '../../../src/trainer/loop/optimizer';
import { combineGradients, splitRows } from '../../../src/trainer/parallel/gradientExchange';
import { bundleReplicaWorker, type WorkerBundle } from './replicaWorkerBundle';
import { experimentFor, trainRun } from './trainingRuns';

describe('gradient exchange', () => {
  beforeAll(() => selectBackend('wasm'));

  it('splits rows as evenly as possible, earlier replicas taking the remainder', () => {
    expect(splitRows(256, 2)).toEqual([128, 128]);
    expect(splitRows(41, 2)).toEqual([21, 20]);
    expect(splitRows(1, 2)).toEqual([1, 0]);
  });

  it('combines replica gradients weighted by their rows (the whole batch mean-loss gradient)', () => {
    const layout = { names: ['w'], shapes: [[2]], offsets: [0] };
    const local = { w: tf.tensor1d([1, 2]) };
    const shared = [new Float32Array(), new Float32Array([10, 20])];
    const combined = combineGradients(0, local, (r) => shared[r], [3, 1], layout);
    expect(Array.from(combined.w.dataSync())).toEqual([(3 * 1 + 10) / 4, (3 * 2 + 20) / 4]);
    const lonely = combineGradients(0, local, (r) => shared[r], [1, 0], layout);
    expect(Array.from(lonely.w.dataSync())).toEqual([1, 2]);
    tf.dispose([local.w, combined.w, lonely.w]);
  });

  it('adds three replicas in order, bit-identical to scaling each and summing', () => {
    const sizes = [7, 5, 9];
    const grads = sizes.map((_, r) => Float32Array.from({ length: 11 }, (_, i) => Math.sin(r * 11 + i) * 3));
    const layout = { names: ['w'], shapes: [[11]], offsets: [0] };
    const local = { w: tf.tensor1d(grads[1]) };
    const combined = combineGradients(1, local, (r) => grads[r], sizes, layout);
    const expected = tf.tidy(() => grads.map((g, r) => tf.mul(tf.tensor1d(g), sizes[r] / 21)).reduce((sum, term) => tf.add(sum, term)).dataSync());
    expect(Array.from(combined.w.dataSync())).toEqual(Array.from(expected));
    tf.dispose([local.w, combined.w]);
  });
});

describe('replica threads', () => {
  let worker: WorkerBundle;
  beforeAll(async () => {
    await selectBackend('wasm');
    worker = await bundleReplicaWorker();
  }, 120_000);
  afterAll(() => worker?.dispose());

  const experiment = experimentFor('deep', 128);
  const parallel = (workerScript: string) => ({ parallel: { experiment, sampleShape: [28, 28, 1], workerScript, replicas: 2 } });

  it('keeps numTensors flat across epochs', async () => {
    const run = await trainRun(experiment, createOptimizer(experiment.training), 3, parallel(worker.script));
    expect(run.logs).toContain('info: training on 2 threads (data-parallel replicas)');
    expect(run.tensorsAfterEpoch[2]).toBe(run.tensorsAfterEpoch[1]);
    expect(run.tensorsAfterEpoch[1]).toBe(run.tensorsAfterEpoch[0]);
    expect(run.losses[2]).toBeLessThan(run.losses[0]);
  });

  it('trains on one thread when the worker script is missing', async () => {
    const run = await trainRun(experiment, createOptimizer(experiment.training), 1, parallel(join(worker.dir, 'missing.js')));
    expect(run.logs.some((l) => l.startsWith('info: training on one thread:') && l.includes('missing.js'))).toBe(true);
    expect(run.losses).toHaveLength(1);
  });

  it('falls back to one thread when a replica dies mid-step, learning what the one-thread path learns', async () => {
    const dying = join(worker.dir, 'dyingReplica.js');
    writeFileSync(dying, `const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (m) => (m.type === 'sync' ? parentPort.postMessage({ type: 'synced' }) : process.exit(3)));`);
    const single = await trainRun(experiment, createOptimizer(experiment.training), 2);
    const rescued = await trainRun(experiment, createOptimizer(experiment.training), 2, parallel(dying));
    expect(rescued.logs.some((l) => l.startsWith('warn: replica threads stopped'))).toBe(true);
    expect(rescued.losses).toEqual(single.losses);
    expect(rescued.valLosses).toEqual(single.valLosses);
  });
});
