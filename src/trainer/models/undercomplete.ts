// `undercomplete`: one dense bottleneck, input -> latentDim -> output (Keras blog "simple autoencoder" 784-32-784).
import { denseNetwork } from './dense';
import { plainAutoencoder } from './plainAutoencoder';
import type { AutoencoderBuilder } from './types';

export const buildUndercomplete: AutoencoderBuilder = ({ model, training, inputShape }) =>
  plainAutoencoder(denseNetwork({ inputShape, hidden: [], latentDim: model.latentDim, activation: model.activation, outputActivation: model.outputActivation, seed: training.seed }), training.loss);
