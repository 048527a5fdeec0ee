// `conv1d` (keras.io "Timeseries anomaly detection using an Autoencoder"): Conv1D stride 2 down, Conv1DTranspose up,
// on [steps, channels] windows; the code is the flattened bottleneck. The network is in sequenceNetworks.ts.
import { plainAutoencoder } from './plainAutoencoder';
import { sequenceNetwork } from './sequenceNetworks';
import type { AutoencoderBuilder } from './types';

export const buildConv1d: AutoencoderBuilder = (context) => plainAutoencoder(sequenceNetwork('conv1d', context, 'kind'), context.training.loss);
