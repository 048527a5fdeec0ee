// `conv`: Conv2D/MaxPool blocks down, Conv2D/UpSampling2D back up; the code is the last feature map (Keras blog 16-8-8).
import { convNetworkFor } from './architecture';
import { plainAutoencoder } from './plainAutoencoder';
import type { AutoencoderBuilder } from './types';

export const buildConv: AutoencoderBuilder = (context) => plainAutoencoder(convNetworkFor(context, 'kind'), context.training.loss);
