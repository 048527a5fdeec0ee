// The sequence kinds (conv1d, lstm) and the sequence networks of denoising and the VAE kinds: shapes, parameter counts
// against counts made by hand from the layer formulas, the size estimate, and the refusals of image data.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { experimentSchema, type Experiment, type ExperimentInput } from '../../../src/protocol/experiment';
import { needsImages, needsSeries } from '../../../src/protocol/kinds';
import { checkTrainable } from '../../../src/trainer/checkTrainable';
import type { Dataset } from '../../../src/trainer/data/dataset';
import { emptyDropped } from '../../../src/trainer/data/dataset';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import { estimateModelSize } from '../../../src/trainer/models/estimateModelSize';
import { parameterCount } from '../../../src/trainer/models/types';
import { disposeAutoencoder, templateExperiment, useCpu } from './helpers';

beforeAll(useCpu);

const experiment = (kind: ExperimentInput['kind'], model: ExperimentInput['model'] = {}): Experiment =>
  experimentSchema.parse({ name: 'seq', kind, data: { source: 'series.csv' }, model: { outputActivation: 'linear', ...model }, training: { loss: 'mse', batchSize: 4 } });

/** Conv1D / Conv1DTranspose weights: kernel x in x out + bias. */
const conv = (kernel: number, inputs: number, outputs: number) => kernel * inputs * outputs + outputs;
/** LSTM: four gates, each with input and recurrent kernels and a bias. */
const lstm = (inputs: number, units: number) => 4 * (units * (inputs + units) + units);
const dense = (inputs: number, units: number) => (inputs + 1) * units;

function shapesOf(e: Experiment, inputShape: number[]) {
  const autoencoder = buildAutoencoder(e, inputShape);
  const result = {
    code: autoencoder.encoder.outputs.map((o) => o.shape),
    output: autoencoder.decoder.outputs[0].shape,
    parameters: parameterCount(autoencoder),
    estimated: estimateModelSize(e, inputShape).parameters,
  };
  const batch = tf.randomNormal([3, ...inputShape]);
  const code = autoencoder.encode(batch);
  const reconstruction = autoencoder.reconstruct(batch);
  Object.assign(result, { encoded: code.shape, reconstructed: reconstruction.shape });
  tf.dispose([batch, code, reconstruction]);
  disposeAutoencoder(autoencoder);
  return result as typeof result & { encoded: number[]; reconstructed: number[] };
}

describe('conv1d', () => {
  it('is the keras.io detector on [288, 1] windows: 9,505 parameters, a flat 72 x 16 code, the input shape back', () => {
    const keras = conv(7, 1, 32) + conv(7, 32, 16) + conv(7, 16, 16) + conv(7, 16, 32) + conv(7, 32, 1);
    expect(keras).toBe(9505); // the model summary on keras.io
    const s = shapesOf(templateExperiment('conv1d'), [288, 1]);
    expect(s).toMatchObject({ code: [[null, 72 * 16]], output: [null, 288, 1], parameters: keras, estimated: keras, encoded: [3, 1152], reconstructed: [3, 288, 1] });
  });

  it('crops windows that do not divide by 4 back to their length, with several channels', () => {
    const s = shapesOf(experiment('conv1d', { filters: [8, 4] }), [30, 3]);
    // 30 -> 15 -> 8 steps down; 8 -> 16 -> 32 up, cropped to 30
    expect(s).toMatchObject({ code: [[null, 8 * 4]], output: [null, 30, 3], encoded: [3, 32], reconstructed: [3, 30, 3] });
    expect(s.parameters).toBe(conv(7, 3, 8) + conv(7, 8, 4) + conv(7, 4, 4) + conv(7, 4, 8) + conv(7, 8, 3));
    expect(s.estimated).toBe(s.parameters);
  });

  it('reads a table row as one univariate series and gives the row back', () => {
    const s = shapesOf(experiment('conv1d', { filters: [4] }), [12]);
    expect(s).toMatchObject({ code: [[null, 6 * 4]], output: [null, 12], reconstructed: [3, 12], parameters: conv(7, 1, 4) + conv(7, 4, 4) + conv(7, 4, 1) });
  });
});

describe('lstm', () => {
  it('LSTM(latentDim) code, RepeatVector, LSTM, per-step Dense: shapes and parameters', () => {
    const s = shapesOf(experiment('lstm', { latentDim: 8 }), [20, 2]);
    expect(s).toMatchObject({ code: [[null, 8]], output: [null, 20, 2], encoded: [3, 8], reconstructed: [3, 20, 2] });
    expect(s.parameters).toBe(lstm(2, 8) + lstm(8, 8) + dense(8, 2));
    expect(s.estimated).toBe(s.parameters);
  });

  it('the template is the 64-unit LSTM autoencoder', () => {
    expect(shapesOf(templateExperiment('lstm'), [50, 1]).parameters).toBe(lstm(1, 64) + lstm(64, 64) + dense(64, 1));
  });
});

describe('as the network of other kinds', () => {
  it('a conv1d VAE puts two dense code heads on the flattened bottleneck and decodes through a dense layer', () => {
    const s = shapesOf(experiment('vae', { architecture: 'conv1d', filters: [8, 4], latentDim: 3 }), [16, 2]);
    expect(s).toMatchObject({ code: [[null, 3], [null, 3]], output: [null, 16, 2], encoded: [3, 3], reconstructed: [3, 16, 2] });
    const flat = 4 * 4;
    expect(s.parameters).toBe(conv(7, 2, 8) + conv(7, 8, 4) + 2 * dense(flat, 3) + dense(3, flat) + conv(7, 4, 4) + conv(7, 4, 8) + conv(7, 8, 2));
    expect(s.estimated).toBe(s.parameters);
  });

  it('an lstm beta-VAE has z_mean and z_log_var heads on the LSTM state', () => {
    const s = shapesOf(experiment('beta-vae', { architecture: 'lstm', latentDim: 4 }), [10, 1]);
    expect(s).toMatchObject({ code: [[null, 4], [null, 4]], output: [null, 10, 1] });
    expect(s.parameters).toBe(lstm(1, 4) + 2 * dense(4, 4) + lstm(4, 4) + dense(4, 1));
    expect(s.estimated).toBe(s.parameters);
  });

  it('denoising and sparse take model.architecture "lstm" and "conv1d"', () => {
    const denoising = shapesOf(experiment('denoising', { architecture: 'lstm', latentDim: 5, noise: { type: 'gaussian', sigma: 0.1 } }), [9, 2]);
    expect(denoising).toMatchObject({ code: [[null, 5]], output: [null, 9, 2], parameters: lstm(2, 5) + lstm(5, 5) + dense(5, 2) });
    const sparse = shapesOf(experiment('sparse', { architecture: 'conv1d', filters: [4] }), [8, 1]);
    expect(sparse).toMatchObject({ code: [[null, 16]], output: [null, 8, 1] });
  });

  it('the schema refuses a non-sequence architecture for the VAE kinds, naming the field and what it takes', () => {
    const result = experimentSchema.safeParse({ name: 'x', kind: 'vae', data: { source: 'a.csv' }, model: { architecture: 'conv' } });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0];
    expect(issue.path).toEqual(['model', 'architecture']);
    expect(issue.message).toBe('kind "vae" takes model.architecture "conv1d" or "lstm" (a sequence VAE), or none for the dense VAE, not "conv"; for images use kind "conv-vae"');
    expect(experimentSchema.safeParse({ name: 'x', kind: 'vae', data: { source: 'a.csv' }, model: { architecture: 'lstm' } }).success).toBe(true);
  });
});

describe('the kinds table says these need sequences, not images', () => {
  it.each([
    ['conv1d', {}, true],
    ['lstm', {}, true],
    ['denoising', { architecture: 'conv1d' }, true],
    ['vae', { architecture: 'lstm' }, true],
    ['vae', {}, false],
    ['denoising', { architecture: 'conv' }, false],
    ['denoising', { architecture: 'lstm', encoder: [{ type: 'dense', units: 3 }] }, false],
  ] as const)('%s with %j: needsSeries %s', (kind, model, series) => {
    expect(needsSeries(kind, model)).toBe(series);
    if (series) expect(needsImages(kind, model)).toBe(false);
  });
});

describe('checkTrainable', () => {
  const dataset = (sampleShape: number[]): Dataset => ({ x: new Float32Array(0), count: 10, sampleShape, normalization: { kind: 'none' }, dropped: emptyDropped(), notes: [] });

  it('refuses images for the sequence kinds, naming data.format, the shape and what is expected', () => {
    const e = experiment('conv1d');
    e.data.format = 'images';
    expect(() => checkTrainable(e, 'e.ae.json', dataset([28, 28, 1]), [28, 28, 1])).toThrow(
      'kind "conv1d" reads samples as sequences of shape [steps, channels] (data.format "timeseries", or table rows as one-channel series), but data.format "images" gave samples of shape [28, 28, 1]; use an image kind such as "conv" for images',
    );
  });

  it('names model.architecture when it chose the sequence network', () => {
    const e = experiment('denoising', { architecture: 'lstm' });
    try {
      checkTrainable(e, 'e.ae.json', dataset([8, 8, 3]), [8, 8, 3]);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ field: 'model.architecture' });
      expect(String(error)).toContain('model.architecture "lstm" reads samples as sequences');
    }
  });

  it('takes [steps, channels] samples and table rows', () => {
    expect(checkTrainable(experiment('lstm'), 'e.ae.json', dataset([20, 2]), [20, 2])).toEqual([]);
    expect(checkTrainable(experiment('conv1d'), 'e.ae.json', dataset([20]), [20])).toEqual([]);
  });
});
