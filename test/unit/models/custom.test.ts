// The custom kind: layer lists build the published model, and mistakes name the field to fix.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isInputError, type InputError } from '../../../src/protocol/errors';
import { experimentSchema, type ExperimentInput } from '../../../src/protocol/experiment';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import { disposeAutoencoder, mnistBatch, useCpu } from './helpers';

beforeAll(useCpu);

type Model = NonNullable<ExperimentInput['model']>;

function build(model: Model, kind: 'custom' | 'denoising' = 'custom', inputShape = [28, 28, 1]) {
  return buildAutoencoder(experimentSchema.parse({ name: 'c', kind, data: { source: 'builtin:mnist' }, model }), inputShape);
}

function buildError(model: Model, kind: 'custom' | 'denoising' = 'custom', inputShape?: number[]): InputError {
  try {
    build(model, kind, inputShape);
  } catch (error) {
    if (isInputError(error)) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const dense = (units: number, activation?: 'relu' | 'sigmoid') => ({ type: 'dense' as const, units, ...(activation ? { activation } : {}) });

describe('custom kind', () => {
  it('builds a dense model from layer lists, decoder starting at the code shape', () => {
    const autoencoder = build({
      encoder: [{ type: 'flatten' }, dense(64, 'relu'), { type: 'dropout', rate: 0.1 }, { type: 'batchNormalization' }, dense(8, 'relu')],
      decoder: [dense(784, 'sigmoid'), { type: 'reshape', targetShape: [28, 28, 1] }],
    });
    const x = mnistBatch(16);
    expect(autoencoder.encode(x).shape).toEqual([16, 8]);
    expect(autoencoder.reconstruct(x).shape).toEqual([16, 28, 28, 1]);
    // dropout and batch norm run in training mode inside loss(..., true)
    const optimizer = tf.train.adam(0.01);
    const loss = () => autoencoder.loss(x, x, false).total.dataSync()[0];
    const before = loss();
    for (let i = 0; i < 10; i++) optimizer.minimize(() => autoencoder.loss(x, x, true).total);
    expect(loss()).toBeLessThan(before);
    optimizer.dispose();
    disposeAutoencoder(autoencoder);
  });

  it('names a missing required key: model.encoder[2].filters', () => {
    const error = buildError({
      encoder: [{ type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same' }, { type: 'maxPooling2d' }, { type: 'conv2d', kernelSize: 3 }],
      decoder: [{ type: 'upSampling2d' }],
    });
    expect(error.field).toBe('model.encoder[2].filters');
    expect(error.message).toMatch(/conv2d layer needs "filters"/);
  });

  it('names a key that does not apply to the layer type', () => {
    expect(buildError({ encoder: [{ type: 'flatten' }, { type: 'dense', units: 4, filters: 3 }], decoder: [dense(784)] }).field).toBe('model.encoder[1].filters');
  });

  it('says both shapes when the decoder does not end in the input shape', () => {
    const error = buildError({ encoder: [{ type: 'flatten' }, dense(16)], decoder: [dense(784)] });
    expect(error.field).toBe('model.decoder');
    expect(error.message).toContain('[784]');
    expect(error.message).toContain('[28, 28, 1]');
  });

  it('names the layer that cannot take its input shape', () => {
    const error = buildError({ encoder: [{ type: 'flatten' }, { type: 'conv2d', filters: 4, kernelSize: 3 }], decoder: [dense(784)] });
    expect(error.field).toBe('model.encoder[1]');
    expect(error.message).toContain('[784]');
    const reshape = buildError({ encoder: [{ type: 'flatten' }, dense(10)], decoder: [{ type: 'reshape', targetShape: [3, 3] }] });
    expect(reshape.field).toBe('model.decoder[0].targetShape');
    expect(reshape.message).toContain('[10]');
  });

  it('rejects layers that shrink the image to nothing', () => {
    const error = buildError({ encoder: [{ type: 'conv2d', filters: 2, kernelSize: 30 }], decoder: [dense(1)] });
    expect(error.field).toBe('model.encoder[0]');
  });

  it('requires both lists', () => {
    expect(buildError({ decoder: [dense(784)] }).field).toBe('model.encoder');
    expect(buildError({ encoder: [dense(4)] }).field).toBe('model.decoder');
  });

  it('denoising accepts layer lists but not together with model.architecture', () => {
    const lists = { encoder: [{ type: 'flatten' as const }, dense(16, 'relu')], decoder: [dense(784, 'sigmoid'), { type: 'reshape' as const, targetShape: [28, 28, 1] }] };
    const autoencoder = build(lists, 'denoising');
    expect(autoencoder.corrupt).toBeDefined();
    disposeAutoencoder(autoencoder);
    expect(buildError({ ...lists, architecture: 'deep' }, 'denoising').field).toBe('model.architecture');
  });
});
