// `lstm`: LSTM encoder to a model.latentDim code, RepeatVector, LSTM decoder, a per-step Dense to the channels.
// The network is in sequenceNetworks.ts.
import { plainAutoencoder } from './plainAutoencoder';
import { sequenceNetwork } from './sequenceNetworks';
import type { AutoencoderBuilder } from './types';

export const buildLstm: AutoencoderBuilder = (context) => plainAutoencoder(sequenceNetwork('lstm', context, 'kind'), context.training.loss);
