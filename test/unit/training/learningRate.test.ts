// Learning-rate schedules: each epoch's lr in metrics.jsonl follows its formula (written out here again), and the
// rate set between epochs really changes the optimizer's step, on cpu and through the wasm Adam patch.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import type { EpochMetrics } from '../../../src/protocol/trainerMessages';
import { selectBackend } from '../../../src/trainer/backends/selectBackend';
import { loadBuiltinDataset } from '../../../src/trainer/data/builtin';
import { splitDataset } from '../../../src/trainer/data/split';
import { createOptimizer } from '../../../src/trainer/loop/optimizer';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import { adamPatch } from '../../../src/trainer/wasm/patches/adam';
import { trainCountingTensors } from '../../helpers/trainCountingTensors';
import { aidsExperiment, trainInProcess } from './trainInProcess';

const BASE = 0.01;
const EPOCHS = 6;
const tiny = (training: object) => aidsExperiment('lr', { epochs: EPOCHS, learningRate: BASE, ...training }, { data: { source: 'builtin:mnist', validationSplit: 0.25, limit: 128 } });
const lrs = (metrics: EpochMetrics[]) => metrics.map((m) => m.lr);
const closeTo = (expected: number[]) => expected.map((value) => expect.closeTo(value, 12));

describe('training.lrSchedule in metrics.jsonl', () => {
  it('without a schedule, every epoch logs the base rate', async () => {
    const { metrics } = await trainInProcess(tiny({ epochs: 2 }));
    expect(lrs(metrics)).toEqual([BASE, BASE]);
  }, 60_000);

  it('step: learningRate * factor ^ floor((epoch - 1) / every)', async () => {
    const { metrics } = await trainInProcess(tiny({ lrSchedule: { type: 'step', every: 2, factor: 0.5 } }));
    expect(lrs(metrics)).toEqual(closeTo([0.01, 0.01, 0.005, 0.005, 0.0025, 0.0025]));
  }, 60_000);

  it('cosine with warm-up: linear to the base rate, then half a cosine towards minLearningRate', async () => {
    const { metrics } = await trainInProcess(tiny({ lrSchedule: { type: 'cosine', warmupEpochs: 2, minLearningRate: 0.001 } }));
    // After 2 warm-up epochs, epochs 3..6 are at positions 0, 1/4, 2/4, 3/4 of the decay.
    const cosine = (p: number) => 0.001 + (0.009 * (1 + Math.cos(Math.PI * p))) / 2;
    expect(lrs(metrics)).toEqual(closeTo([0.005, 0.01, cosine(0), cosine(0.25), cosine(0.5), cosine(0.75)]));
  }, 60_000);

  it('reduceOnPlateau: the rate is halved after `patience` epochs without an improvement larger than minDelta', async () => {
    // minDelta far above any change: only epoch 1 counts as an improvement.
    const { metrics, logs } = await trainInProcess(tiny({ lrSchedule: { type: 'reduceOnPlateau', factor: 0.5, patience: 2, minDelta: 10 } }));
    expect(lrs(metrics)).toEqual(closeTo([0.01, 0.01, 0.01, 0.005, 0.005, 0.0025]));
    expect(logs.some((line) => line.includes('no validation set'))).toBe(false);
  }, 60_000);

  it('reduceOnPlateau never goes below minLearningRate', async () => {
    const { metrics } = await trainInProcess(tiny({ lrSchedule: { type: 'reduceOnPlateau', factor: 0.1, patience: 1, minDelta: 10, minLearningRate: 0.0005 } }));
    expect(lrs(metrics)).toEqual(closeTo([0.01, 0.01, 0.001, 0.0005, 0.0005, 0.0005]));
  }, 60_000);
});

describe('a kind\'s extra optimizers follow the schedule', () => {
  it('aae: the discriminator and generator optimizers take each epoch\'s rate, the discriminator in its own proportion', async () => {
    await selectBackend('cpu');
    const experiment = experimentSchema.parse({
      name: 'aae-lr',
      kind: 'aae',
      data: { source: 'builtin:mnist', limit: 96 },
      model: { hidden: [16], latentDim: 2, discriminator: [8], discriminatorLearningRate: 0.004 },
      training: { epochs: 3, batchSize: 32, learningRate: BASE, lrSchedule: { type: 'step', every: 1, factor: 0.5 } },
    });
    const { train, validation } = splitDataset(loadBuiltinDataset('builtin:mnist'), 0.25, 1, 96);
    const autoencoder = buildAutoencoder(experiment, train.sampleShape);
    const rates: Record<string, number[]> = { discriminator: [], generator: [] };
    const rateOf = (o: tf.Optimizer) => (o as unknown as { learningRate: number }).learningRate;
    const { metrics } = await trainCountingTensors({
      autoencoder,
      train,
      validation,
      training: experiment.training,
      afterEpoch: () => autoencoder.auxiliary!.forEach((part) => rates[part.name].push(rateOf(part.optimizer))),
    });
    expect(lrs(metrics)).toEqual(closeTo([0.01, 0.005, 0.0025])); // the main optimizer's rate, as the loop logs it
    expect(rates.generator).toEqual(closeTo([0.01, 0.005, 0.0025]));
    expect(rates.discriminator).toEqual(closeTo([0.004, 0.002, 0.001]));
    for (const part of autoencoder.auxiliary!) part.optimizer.dispose();
    autoencoder.encoder.dispose();
    autoencoder.decoder.dispose();
  }, 60_000);
});

describe('setLearningRate reaches the update', () => {
  afterAll(() => selectBackend('cpu'));

  /** How far one step moves a weight whose gradient is 1, at the given rate set after construction at 0.1. */
  function stepSize(optimizerName: 'adam' | 'sgd' | 'rmsprop' | 'adadelta', rate: number): number {
    const training = experimentSchema.parse({ name: 'x', kind: 'deep', data: { source: 'builtin:mnist' }, training: { optimizer: optimizerName, learningRate: 0.1 } }).training;
    const optimizer = createOptimizer(training);
    const weight = tf.variable(tf.zeros([8]));
    optimizer.setLearningRate(rate);
    optimizer.minimize(() => tf.sum(weight));
    const moved = Math.abs(weight.dataSync()[0]);
    weight.dispose();
    optimizer.dispose();
    return moved;
  }

  for (const backend of ['cpu', 'wasm'] as const) {
    for (const name of ['adam', 'sgd', 'rmsprop', 'adadelta'] as const) {
      it(`${name} on ${backend}: a tenth of the rate moves a tenth as far`, async () => {
        await selectBackend(backend);
        const adamCalls = adamPatch.calls;
        const full = stepSize(name, 0.1);
        const tenth = stepSize(name, 0.01);
        expect(full).toBeGreaterThan(0);
        expect(tenth / full).toBeCloseTo(0.1, 4);
        // On wasm, Adam's update runs in the patched kernel, which reads the rate from the optimizer at each step.
        if (name === 'adam' && backend === 'wasm') expect(adamPatch.calls).toBe(adamCalls + 2);
      });
    }
  }
});
