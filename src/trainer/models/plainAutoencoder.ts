// An autoencoder whose loss is just the reconstruction loss; the base the other kinds extend.
import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../protocol/experiment';
import { reconstructionLoss } from './losses';
import type { Autoencoder, LossParts } from './types';

export interface EncoderDecoder {
  encoder: tf.LayersModel;
  decoder: tf.LayersModel;
}

/** `training` reaches dropout and batch-norm layers; apply() rather than predict() avoids predict's 32-row batching. */
export function runModel(model: tf.LayersModel, input: tf.Tensor, training: boolean): tf.Tensor {
  return model.apply(input, { training }) as tf.Tensor;
}

/** Codes as [batch, features]: conv feature maps are flattened. */
export function flattenCode(code: tf.Tensor): tf.Tensor2D {
  return code.rank === 2 ? (code as tf.Tensor2D) : code.reshape([code.shape[0], -1]);
}

/** Runs a loss inside tidy so only total and components survive. */
export function tidyLoss(compute: () => LossParts): LossParts {
  return tf.tidy(() => {
    const { total, components } = compute();
    return { total, components };
  }) as LossParts;
}

export function plainAutoencoder({ encoder, decoder }: EncoderDecoder, lossKind: TrainingConfig['loss']): Autoencoder {
  return {
    encoder,
    decoder,
    generative: false,
    loss: (input, target, training) =>
      tidyLoss(() => {
        const output = runModel(decoder, runModel(encoder, input, training), training);
        return { total: reconstructionLoss(lossKind, target, output), components: {} };
      }),
    encode: (input) => tf.tidy(() => flattenCode(runModel(encoder, input, false))),
    reconstruct: (input) => tf.tidy(() => runModel(decoder, runModel(encoder, input, false), false)),
  };
}
