// `wae-mmd`: the Wasserstein autoencoder of Tolstikhin et al. (2018) with the MMD penalty. A deterministic encoder;
// the loss is the per-sample reconstruction cost (summed over values) plus lambda * MMD(codes, prior samples), which
// pulls the distribution of all codes (not each code, as the VAE's KL does) towards N(0, I).
import * as tf from '@tensorflow/tfjs';
import { linearCodeNetwork, seedSequence } from './linearCodeNetwork';
import { summedReconstructionLoss } from './losses';
import { imqMmd } from './mmd';
import { plainAutoencoder, runModel, tidyLoss } from './plainAutoencoder';
import type { AutoencoderBuilder } from './types';

/** Their MNIST setting (d = 8). */
export const DEFAULT_MMD_WEIGHT = 10;

export const buildWaeMmd: AutoencoderBuilder = (context) => {
  const network = linearCodeNetwork(context);
  const { encoder, decoder } = network;
  const lossKind = context.training.loss;
  const weight = context.model.mmdWeight ?? DEFAULT_MMD_WEIGHT;
  const nextSeed = seedSequence(context.training.seed);
  return {
    ...plainAutoencoder(network, lossKind),
    loss: (input, target, training) =>
      tidyLoss(() => {
        const code = runModel(encoder, input, training) as tf.Tensor2D;
        const recon = summedReconstructionLoss(lossKind, target, runModel(decoder, code, training));
        // Validation draws the same prior batch every time, so val_mmd is comparable epoch to epoch.
        const prior = tf.randomNormal(code.shape, 0, 1, 'float32', training ? nextSeed() : context.training.seed) as tf.Tensor2D;
        const mmd = imqMmd(code, prior);
        return { total: recon.add(mmd.mul(weight)), components: { recon_loss: recon, mmd } };
      }),
  };
};
