// `deep`: a configurable stack of dense layers down to the code and mirrored back up.
import * as tf from '@tensorflow/tfjs';
import type { Autoencoder, AutoencoderBuilder } from './types';
import { denseDecoder, denseEncoder } from './dense';
import { reconstructionLoss } from './losses';

export const buildDeep: AutoencoderBuilder = ({ model, training, inputShape }) => {
  const options = { inputShape, hidden: model.hidden, latentDim: model.latentDim, activation: model.activation, outputActivation: model.outputActivation, seed: training.seed };
  return plainAutoencoder(denseEncoder(options), denseDecoder(options), training.loss);
};

/** An autoencoder whose loss is just the reconstruction loss. */
export function plainAutoencoder(encoder: tf.LayersModel, decoder: tf.LayersModel, lossKind: 'bce' | 'mse'): Autoencoder {
  const forward = (input: tf.Tensor) => decoder.apply(encoder.apply(input) as tf.Tensor) as tf.Tensor;
  return {
    encoder,
    decoder,
    generative: false,
    loss: (input, target) => ({ total: reconstructionLoss(lossKind, target, forward(input)), components: {} }),
    encode: (input) => tf.tidy(() => (encoder.predict(input) as tf.Tensor).reshape([input.shape[0], -1]) as tf.Tensor2D),
    reconstruct: (input) => tf.tidy(() => forward(input)),
  };
}
