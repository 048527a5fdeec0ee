// evaluateRun composed in-process on the cpu backend with tiny models: an identity model gives the exact values
// (MSE 0, PSNR ∞, SSIM 1), a denoising identity model's row equals the noisy input's, and that row equals the same
// corruption computed here independently; the anomaly section needs normal labels; data.includeLabels trains on the
// normal classes and evaluates all; no tensor outlives an evaluation.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isInputError } from '../../../src/protocol/errors';
import { experimentSchema, type ExperimentInput } from '../../../src/protocol/experiment';
import { modelsOfLayers } from '../../../src/trainer/apply/runModels';
import { emptyDropped, type Dataset } from '../../../src/trainer/data/dataset';
import { evaluateRun, type EvaluationData, type RunToEvaluate } from '../../../src/trainer/evaluate/evaluateRun';
import { evaluationNoiseSeed } from '../../../src/trainer/evaluate/evaluationCorruption';
import { EvaluationStopped } from '../../../src/trainer/evaluate/evaluationStopped';
import { createCorruption } from '../../../src/trainer/models/corruption/createCorruption';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import { prepareData } from '../../../src/trainer/run/prepareData';
import { evaluationSchema } from '../../../src/protocol/evaluation';

const SHAPE = [4, 4, 1];
const SIZE = 16;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function experiment(overrides: Partial<ExperimentInput> = {}) {
  return experimentSchema.parse({ name: 't', kind: 'deep', data: { source: 'unused' }, model: { latentDim: SIZE }, training: { seed: 3 }, ...overrides });
}

/** count samples in [0, 1], labels cycling over `classes` classes; class c is brighter the larger c is. */
function dataset(count: number, classes: number, seed: number): Dataset {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const labels = Int32Array.from({ length: count }, (_, i) => i % classes);
  const x = new Float32Array(count * SIZE);
  for (let i = 0; i < x.length; i++) x[i] = Math.min(1, random() * 0.5 + labels[Math.floor(i / SIZE)] * 0.25);
  return { x, count, sampleShape: SHAPE, labels, labelNames: Array.from({ length: classes }, (_, c) => `c${c}`), normalization: { kind: 'none' }, dropped: emptyDropped(), notes: [] };
}

/** An encoder and decoder that copy their input exactly (identity dense layers). */
function identityLayers(): RunToEvaluate['layers'] {
  const input = tf.input({ shape: SHAPE });
  const code = tf.layers.dense({ units: SIZE, useBias: false, kernelInitializer: 'identity' }).apply(tf.layers.flatten().apply(input)) as tf.SymbolicTensor;
  const encoder = tf.model({ inputs: input, outputs: code });
  const z = tf.input({ shape: [SIZE] });
  const out = tf.layers.reshape({ targetShape: SHAPE }).apply(tf.layers.dense({ units: SIZE, useBias: false, kernelInitializer: 'identity' }).apply(z)) as tf.SymbolicTensor;
  return { encoder, decoder: tf.model({ inputs: z, outputs: out }) };
}

function identityRun(exp = experiment()): RunToEvaluate {
  const layers = identityLayers();
  return { runId: 'run', experiment: exp, loss: exp.training.loss, models: modelsOfLayers(layers.encoder, layers.decoder), layers, threshold: 0.5 };
}

const data = (train: Dataset, evaluation: Dataset): EvaluationData => ({ train, evaluation, set: { kind: 'validation', path: null } });

describe('evaluateRun', () => {
  it('an identity model reconstructs exactly: MSE 0, PSNR ∞, SSIM 1, per class; PCA with a full code is exact too', async () => {
    const run = identityRun();
    const result = await evaluateRun(run, data(dataset(60, 3, 1), dataset(30, 3, 2)));
    expect(evaluationSchema.parse(result)).toEqual(result);
    const { model, pca, noisyInput, perClass, corruption } = result.reconstruction;
    expect(model).toMatchObject({ mse: 0, mae: 0, psnr: Infinity, ssim: 1 });
    expect(pca!.mse).toBeLessThan(1e-10);
    expect(noisyInput).toBeNull();
    expect(corruption).toBeNull();
    expect(perClass!.map((row) => [row.label, row.count, row.model.mse])).toEqual([
      ['c0', 10, 0],
      ['c1', 10, 0],
      ['c2', 10, 0],
    ]);
    expect(result.set).toEqual({ kind: 'validation', path: null, samples: 30, trainSamples: 60 });
    expect(result.anomaly).toBeNull();
    expect(result.notes.join('\n')).toMatch(/anomaly: no normal labels/);
    expect(result.features).toMatchObject({ classes: 3, trainSamples: 60, validationSamples: 30, codes: { dim: SIZE }, raw: { dim: SIZE } });
    expect(result.vae).toBeNull();
  });

  it("a denoising run sees its experiment's corruption: its noisy-input row is that corruption measured independently", async () => {
    const exp = experiment({ kind: 'denoising', model: { latentDim: SIZE, noise: { type: 'gaussian', sigma: 0.3 } } });
    const evaluated = dataset(40, 2, 5);
    const result = await evaluateRun(identityRun(exp), data(dataset(50, 2, 4), evaluated));
    const { model, noisyInput, pca, corruption } = result.reconstruction;
    expect(corruption).toBe('gaussian σ 0.3');
    // The same noise, computed here: one batch starting at row 0.
    const noisy = tf.tidy(() => createCorruption({ type: 'gaussian', sigma: 0.3 }, SHAPE)(tf.tensor(evaluated.x, [40, ...SHAPE]), evaluationNoiseSeed(3, 0)).dataSync());
    let squared = 0;
    let absolute = 0;
    noisy.forEach((v, i) => {
      squared += (v - evaluated.x[i]) ** 2;
      absolute += Math.abs(v - evaluated.x[i]);
    });
    expect(noisyInput!.mse).toBeCloseTo(squared / noisy.length, 10);
    expect(noisyInput!.mae).toBeCloseTo(absolute / noisy.length, 10);
    expect(noisyInput!.mse).toBeGreaterThan(0.01);
    // The identity model returns the corrupted input it is given, so it scores exactly as the noisy input.
    expect(model).toEqual(noisyInput);
    // PCA also sees the corrupted input, and a full-rank PCA returns it too.
    expect(pca!.mse).toBeCloseTo(noisyInput!.mse, 6);
    expect(result.anomaly).toBeNull();
  });

  it('has an anomaly section only when normal labels are known, scoring clean-input errors at the run threshold', async () => {
    const withNormal = experiment({ evaluation: { normalLabels: ['c0'] } });
    const result = await evaluateRun(identityRun(withNormal), data(dataset(60, 3, 1), dataset(30, 3, 2)));
    const anomaly = result.anomaly!;
    expect(anomaly).toMatchObject({ metric: 'bce', normalLabels: ['c0'], normalCount: 10, anomalyCount: 20 });
    expect(anomaly.model.atThreshold!.threshold).toBe(0.5);
    expect(anomaly.pca).not.toBeNull();
    // Numbers name labels by their string.
    const byNumber = await evaluateRun(identityRun(experiment({ evaluation: { normalLabels: [0] } })), data(dataset(20, 2, 1), { ...dataset(20, 2, 2), labelNames: ['0', '1'] }));
    expect(byNumber.anomaly).toMatchObject({ normalLabels: ['0'], normalCount: 10, anomalyCount: 10 });
    // An unknown name is a note, not a failure; one-sided sets too.
    const unknown = await evaluateRun(identityRun(experiment({ evaluation: { normalLabels: ['nope'] } })), data(dataset(20, 2, 1), dataset(20, 2, 2)));
    expect(unknown.anomaly).toBeNull();
    expect(unknown.notes.join('\n')).toMatch(/evaluation\.normalLabels.*"nope".*"c0", "c1"/);
    const allNormal = await evaluateRun(identityRun(experiment({ evaluation: { normalLabels: ['c0', 'c1'] } })), data(dataset(20, 2, 1), dataset(20, 2, 2)));
    expect(allNormal.anomaly).toBeNull();
    expect(allNormal.notes.join('\n')).toMatch(/all normal/);
  });

  it('caps the evaluated set at evaluation.limit with a seeded subsample, noted; and stops between batches', async () => {
    const capped = experiment({ evaluation: { limit: 25 } });
    const first = await evaluateRun(identityRun(capped), data(dataset(60, 3, 1), dataset(40, 3, 2)));
    const again = await evaluateRun(identityRun(capped), data(dataset(60, 3, 1), dataset(40, 3, 2)));
    expect(first.set).toMatchObject({ samples: 25, trainSamples: 25 });
    expect(first.notes.join('\n')).toMatch(/evaluation set: a seeded subsample of 25 of its 40 samples/);
    expect(again.reconstruction).toEqual(first.reconstruction);
    await expect(evaluateRun(identityRun(), data(dataset(20, 2, 1), dataset(20, 2, 2)), { shouldStop: () => true })).rejects.toBeInstanceOf(EvaluationStopped);
  });

  it('computes the VAE section for generative kinds', async () => {
    const exp = experiment({ kind: 'vae', model: { hidden: [8], latentDim: 2 }, evaluation: { nllSamples: 4 } });
    const vae = buildAutoencoder(exp, SHAPE);
    const run: RunToEvaluate = { runId: 'vae', experiment: exp, loss: 'bce', models: modelsOfLayers(vae.encoder, vae.decoder), layers: { encoder: vae.encoder, decoder: vae.decoder }, threshold: null };
    const result = await evaluateRun(run, data(dataset(20, 2, 1), dataset(10, 2, 2)), { nllSamples: 3 });
    expect(result.vae).toMatchObject({ nll: { samples: 3 }, activeUnits: { total: 2 } });
    expect(result.latentDim).toBe(2);
    vae.encoder.dispose();
    vae.decoder.dispose();
  });

  it('leaves no tensor behind', async () => {
    const run = identityRun(experiment({ kind: 'denoising', model: { latentDim: SIZE }, evaluation: { normalLabels: ['c0'] } }));
    await evaluateRun(run, data(dataset(30, 3, 1), dataset(20, 3, 2)));
    const before = tf.memory().numTensors;
    await evaluateRun(run, data(dataset(30, 3, 1), dataset(20, 3, 2)));
    await expect(evaluateRun(run, data(dataset(30, 3, 1), dataset(20, 3, 2)), { shouldStop: () => true })).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('data.includeLabels', () => {
  const mnist = (includeLabels?: (string | number)[]) =>
    experimentSchema.parse({ name: 'one-class', kind: 'deep', data: { source: 'builtin:mnist', limit: 600, validationSplit: 0.2, includeLabels }, training: { seed: 7, batchSize: 32 } });

  it('trains and computes val_loss on the named classes only; the evaluation set is the whole validation split', async () => {
    const logs: string[] = [];
    const all = await prepareData(mnist(), 'x.ae.json', {}, () => {});
    const counts: { trainSamples?: number; validationSamples?: number } = {};
    const one = await prepareData(mnist([3, '5']), 'x.ae.json', counts, (_level, message) => logs.push(message));
    const classesOf = (set: Dataset) => [...new Set(set.labels)].sort((a, b) => a - b);
    expect(classesOf(one.train)).toEqual([3, 5]);
    expect(classesOf(one.validation)).toEqual([3, 5]);
    expect(classesOf(one.evaluation)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The same seeded split: the evaluation set is exactly the validation part without includeLabels.
    expect(one.evaluation.count).toBe(120);
    expect(Array.from(one.evaluation.labels!)).toEqual(Array.from(all.validation.labels!));
    expect(one.train.count).toBe(Array.from(all.train.labels!).filter((l) => l === 3 || l === 5).length);
    expect(counts).toMatchObject({ trainSamples: one.train.count, validationSamples: one.validation.count });
    expect(logs.join('\n')).toMatch(new RegExp(`data.includeLabels \\(3, 5\\): training on ${one.train.count} of 480 samples`));
  });

  it('refuses a label the data does not have, naming the field and listing the labels', async () => {
    const error = await prepareData(mnist(['seven']), 'x.ae.json', {}, () => {}).catch((e: unknown) => e);
    expect(isInputError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/data\.includeLabels.*"seven".*"0", "1", "2"/);
  });
});
