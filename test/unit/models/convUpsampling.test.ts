// model.upsampling chooses the conv decoder: Conv2D + UpSampling2D (default) or stride-2 Conv2DTranspose.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTemplate, disposeAutoencoder, mnistBatch, useWasm } from './helpers';

beforeAll(useWasm);

const layerClasses = (model: tf.LayersModel) => model.layers.map((layer) => layer.getClassName());

describe('conv decoder upsampling', () => {
  it.each([
    ['upsample', 'UpSampling2D', 'Conv2DTranspose'],
    ['transpose', 'Conv2DTranspose', 'UpSampling2D'],
  ] as const)('%s builds %s layers (not %s) and reconstructs 28x28x1', (upsampling, present, absent) => {
    const autoencoder = buildTemplate('conv', undefined, (e) => (e.model.upsampling = upsampling));
    const classes = layerClasses(autoencoder.decoder);
    expect(classes).toContain(present);
    expect(classes).not.toContain(absent);
    const output = tf.tidy(() => autoencoder.decoder.predict(autoencoder.encoder.predict(mnistBatch(2)) as tf.Tensor) as tf.Tensor);
    expect(output.shape).toEqual([2, 28, 28, 1]);
    output.dispose();
    disposeAutoencoder(autoencoder);
  });
});
