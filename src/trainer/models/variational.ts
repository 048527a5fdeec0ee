// The VAE loss and inference shared by vae, conv-vae and beta-vae. The encoder outputs [z_mean, z_log_var].
import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../protocol/experiment';
import { klDivergence, summedReconstructionLoss } from './losses';
import { modelInputs } from './conditioning';
import { tidyLoss, type EncoderDecoder } from './plainAutoencoder';
import type { Autoencoder } from './types';

export interface VariationalOptions {
  lossKind: TrainingConfig['loss'];
  beta: number;
  /** training.seed: the sampling noise is reproducible run to run. */
  seed: number;
}

/** `labels` reach conditional models (cvae) only; see ./conditioning. */
export function meanAndLogVar(encoder: tf.LayersModel, input: tf.Tensor, training: boolean, labels?: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const [mean, logVar] = encoder.apply(modelInputs(encoder, input, labels), { training }) as tf.Tensor[];
  return [mean, logVar];
}

export function decode(decoder: tf.LayersModel, z: tf.Tensor, training: boolean, labels?: tf.Tensor): tf.Tensor {
  return decoder.apply(modelInputs(decoder, z, labels), { training }) as tf.Tensor;
}

export function variationalAutoencoder({ encoder, decoder }: EncoderDecoder, { lossKind, beta, seed }: VariationalOptions): Autoencoder {
  // A new noise seed per training call, derived from training.seed, so runs repeat exactly.
  let samplingCalls = 0;
  const nextSeed = () => seed * 1_000_003 + 7_919 * ++samplingCalls;
  const klWeight = { full: beta, value: beta };
  return {
    encoder,
    decoder,
    generative: true,
    klWeight,
    loss: (input, target, training, labels) =>
      tidyLoss(() => {
        const [mean, logVar] = meanAndLogVar(encoder, input, training, labels);
        // Reparameterisation z = mean + sigma * eps keeps z differentiable in mean and logVar; eval decodes the mean.
        const z = training ? mean.add(logVar.mul(0.5).exp().mul(tf.randomNormal(mean.shape, 0, 1, 'float32', nextSeed()))) : mean;
        const recon = summedReconstructionLoss(lossKind, target, decode(decoder, z, training, labels));
        const kl = klDivergence(mean, logVar);
        return { total: recon.add(kl.mul(klWeight.value)), components: { recon_loss: recon, kl_loss: kl } };
      }),
    encode: (input, labels) => tf.tidy(() => meanAndLogVar(encoder, input, false, labels)[0] as tf.Tensor2D),
    reconstruct: (input, labels) => tf.tidy(() => decode(decoder, meanAndLogVar(encoder, input, false, labels)[0], false, labels)),
  };
}
