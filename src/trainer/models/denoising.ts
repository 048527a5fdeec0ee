// `denoising`: any architecture (default deep) trained to map corrupted inputs back to the clean targets.
import { buildNetwork } from './architecture';
import { createCorruption } from './corruption/createCorruption';
import { plainAutoencoder } from './plainAutoencoder';
import type { AutoencoderBuilder } from './types';

export const buildDenoising: AutoencoderBuilder = (context) => {
  const corrupt = createCorruption(context.model.noise, context.inputShape);
  return { ...plainAutoencoder(buildNetwork(context, 'deep'), context.training.loss), corrupt };
};
