// `beta-vae` (Higgins et al., ICLR 2017): the dense (or conv1d/lstm) VAE with the KL term weighted by beta, default 4.
import { variationalNetwork } from './vae';
import type { AutoencoderBuilder } from './types';
import { variationalAutoencoder } from './variational';

export const DEFAULT_BETA = 4;

export const buildBetaVae: AutoencoderBuilder = (context) =>
  variationalAutoencoder(variationalNetwork(context), { lossKind: context.training.loss, beta: context.model.beta ?? DEFAULT_BETA, seed: context.training.seed });
