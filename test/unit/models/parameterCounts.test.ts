// Parameter counts of the published models, built from the templates users get.
import { beforeAll, describe, expect, it } from 'vitest';
import { parameterCount } from '../../../src/trainer/models/types';
import { buildTemplate, disposeAutoencoder, useCpu } from './helpers';

beforeAll(useCpu);

describe('parameter counts of the templates', () => {
  it.each([
    ['undercomplete', 50_992], // Keras blog simple 784-32-784
    ['deep', 222_384], // Keras blog 128-64-32
    ['conv', 4_385], // Keras blog conv 16-8-8
    ['denoising', 28_353], // Keras blog denoising conv 32-32
    ['denoising-keras-io', 28_353], // keras.io denoiser (Conv2DTranspose decoder)
    ['custom', 28_353], // same keras.io model as layer lists
    ['sparse', 50_992],
    ['contractive', 101_200], // 784-64-784
    ['vae', 807_700], // Keras example MLP VAE 784-512-2
    ['beta-vae', 807_700],
  ])('%s has %i parameters', (id, expected) => {
    const autoencoder = buildTemplate(id);
    expect(parameterCount(autoencoder)).toBe(expected);
    disposeAutoencoder(autoencoder);
  });

  it('keras.io conv VAE: encoder 69,076 and decoder 65,089', () => {
    const autoencoder = buildTemplate('conv-vae');
    expect(autoencoder.encoder.countParams()).toBe(69_076);
    expect(autoencoder.decoder.countParams()).toBe(65_089);
    expect(autoencoder.encoder.outputs.map((o) => o.shape)).toEqual([[null, 2], [null, 2]]);
    disposeAutoencoder(autoencoder);
  });

  it('the Keras blog conv decoder uses one valid conv to get from 32 back to 28', () => {
    const autoencoder = buildTemplate('conv');
    expect(autoencoder.encoder.outputs[0].shape).toEqual([null, 4, 4, 8]);
    const paddings = autoencoder.decoder.layers.filter((l) => l.getClassName() === 'Conv2D').map((l) => (l.getConfig() as { padding: string }).padding);
    expect(paddings).toEqual(['same', 'same', 'valid', 'same']);
    expect(autoencoder.decoder.outputs[0].shape).toEqual([null, 28, 28, 1]);
    disposeAutoencoder(autoencoder);
  });
});
