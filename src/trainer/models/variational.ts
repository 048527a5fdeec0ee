// The VAE loss and inference shared by vae, conv-vae and beta-vae. The encoder outputs [z_mean, z_log_var].
import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../protocol/experiment';
import { klDivergence, summedReconstructionLoss } from './losses';
import { runModel, tidyLoss, type EncoderDecoder } from './plainAutoencoder';
import type { Autoencoder } from './types';

export interface VariationalOptions {
  lossKind: TrainingConfig['loss'];
  beta: number;
  /** training.seed: the sampling noise is reproducible run to run. */
  seed: number;
}

function meanAndLogVar(encoder: tf.LayersModel, input: tf.Tensor, training: boolean): [tf.Tensor, tf.Tensor] {
  const [mean, logVar] = encoder.apply(input, { training }) as tf.Tensor[];
  return [mean, logVar];
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
    loss: (input, target, training) =>
      tidyLoss(() => {
        const [mean, logVar] = meanAndLogVar(encoder, input, training);
        // Reparameterisation z = mean + sigma * eps keeps z differentiable in mean and logVar; eval decodes the mean.
        const z = training ? mean.add(logVar.mul(0.5).exp().mul(tf.randomNormal(mean.shape, 0, 1, 'float32', nextSeed()))) : mean;
        const recon = summedReconstructionLoss(lossKind, target, runModel(decoder, z, training));
        const kl = klDivergence(mean, logVar);
        return { total: recon.add(kl.mul(klWeight.value)), components: { recon_loss: recon, kl_loss: kl } };
      }),
    encode: (input) => tf.tidy(() => meanAndLogVar(encoder, input, false)[0] as tf.Tensor2D),
    reconstruct: (input) => tf.tidy(() => runModel(decoder, meanAndLogVar(encoder, input, false)[0], false)),
  };
}
