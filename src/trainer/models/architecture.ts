// The encoder/decoder network a wrapping kind (denoising, sparse) is applied to.
import { InputError } from '../../protocol/errors';
import type { ModelConfig } from '../../protocol/experiment';
import { isSequenceArchitecture } from '../../protocol/kinds';
import { convNetwork, type UpsamplingStyle } from './convStack';
import { customNetwork } from './customNetwork';
import { denseNetwork } from './dense';
import type { EncoderDecoder } from './plainAutoencoder';
import { sequenceNetwork } from './sequenceNetworks';
import type { BuildContext } from './types';

export type Architecture = NonNullable<ModelConfig['architecture']>;

/** Keras blog conv autoencoder 16-8-8. */
export const DEFAULT_CONV_FILTERS = [16, 8, 8];

/** `model.upsampling`: Conv2D + UpSampling2D by default (the Keras blog's decoder). */
export function upsamplingStyle(model: ModelConfig): UpsamplingStyle {
  return model.upsampling ?? 'upsample';
}

export function requireImageShape(inputShape: number[], what: string, field: string): void {
  if (inputShape.length !== 3) throw new InputError(`${what} needs image data of shape [height, width, channels], but the data has shape [${inputShape.join(', ')}]`, { field });
}

export function convNetworkFor({ model, training, inputShape }: BuildContext, field: string): EncoderDecoder {
  requireImageShape(inputShape, 'a conv network', field);
  return convNetwork({ inputShape, filters: model.filters ?? DEFAULT_CONV_FILTERS, activation: model.activation, outputActivation: model.outputActivation, seed: training.seed, upsampling: upsamplingStyle(model) });
}

/** `model.encoder`/`model.decoder` layer lists win when given; otherwise `model.architecture` (or the kind's default). */
export function buildNetwork(context: BuildContext, fallback: Architecture): EncoderDecoder {
  const { model, training, inputShape } = context;
  if (model.encoder || model.decoder) {
    if (model.architecture) throw new InputError('give either model.architecture or model.encoder/model.decoder layer lists, not both', { field: 'model.architecture' });
    return customNetwork(model, inputShape, training.seed);
  }
  const architecture = model.architecture ?? fallback;
  if (architecture === 'conv') return convNetworkFor(context, 'model.architecture');
  if (isSequenceArchitecture(architecture)) return sequenceNetwork(architecture, context, 'model.architecture');
  const hidden = architecture === 'undercomplete' ? [] : model.hidden;
  return denseNetwork({ inputShape, hidden, latentDim: model.latentDim, activation: model.activation, outputActivation: model.outputActivation, seed: training.seed });
}
