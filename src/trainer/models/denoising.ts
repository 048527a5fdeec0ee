// `denoising`: any architecture (default deep) trained to map corrupted inputs back to the clean targets.
import * as tf from '@tensorflow/tfjs';
import { buildNetwork } from './architecture';
import { magnitudeLoss, outputOf } from './audioMask';
import { createCorruption } from './corruption/createCorruption';
import { plainAutoencoder, runModel, tidyLoss } from './plainAutoencoder';
import type { AutoencoderBuilder } from './types';

export const buildDenoising: AutoencoderBuilder = (context) => {
  const corrupt = createCorruption(context.model.noise, context.inputShape, context.noiseRecording);
  const network = buildNetwork(context, 'deep');
  const plain = plainAutoencoder(network, context.training.loss);
  const finish = outputOf(context.model);
  if (!finish) return { ...plain, corrupt };
  // The network's output is not the reconstruction (model.output "mask"): the loss compares the finished output.
  const { encoder, decoder } = network;
  const forward = (input: tf.Tensor, training: boolean) => finish(input, runModel(decoder, runModel(encoder, input, training), training));
  return {
    ...plain,
    corrupt,
    outputOf: finish,
    loss: (input, target, training) => tidyLoss(() => ({ total: magnitudeLoss(target, forward(input, training)), components: {} })),
    reconstruct: (input) => tf.tidy(() => forward(input, false)),
  };
};
