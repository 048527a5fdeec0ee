// `custom`: encoder and decoder from Keras-style layer lists (model.encoder, model.decoder), reconstruction loss only.
import { customNetwork } from './customNetwork';
import { plainAutoencoder } from './plainAutoencoder';
import type { AutoencoderBuilder } from './types';

export const buildCustom: AutoencoderBuilder = ({ model, training, inputShape }) => plainAutoencoder(customNetwork(model, inputShape, training.seed), training.loss);
