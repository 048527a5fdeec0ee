// `deep`: a configurable stack of dense layers down to the code and mirrored back up.
import { denseNetwork } from './dense';
import { plainAutoencoder } from './plainAutoencoder';
import type { AutoencoderBuilder } from './types';

export const buildDeep: AutoencoderBuilder = ({ model, training, inputShape }) =>
  plainAutoencoder(denseNetwork({ inputShape, hidden: model.hidden, latentDim: model.latentDim, activation: model.activation, outputActivation: model.outputActivation, seed: training.seed }), training.loss);
