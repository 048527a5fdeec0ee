// `iwae` (Burda, Grosse, Salakhutdinov, "Importance Weighted Autoencoders", ICLR 2016): the dense VAE trained on the
// k-sample bound log (1/k) sum_i p(x, z_i) / q(z_i | x), z_i ~ q(z | x), which is at least the ELBO and tightens as k
// grows. The loss is minus that bound; "elbo" (the mean of the same log weights) is logged beside it. log p(x | z) is
// minus the summed reconstruction error, as in the VAE kinds, so the two kinds' numbers compare on one scale.
import * as tf from '@tensorflow/tfjs';
import { perSampleReconstructionError } from './losses';
import { tidyLoss } from './plainAutoencoder';
import type { AutoencoderBuilder } from './types';
import { denseVariationalNetwork } from './vae';
import { decode, meanAndLogVar, variationalAutoencoder } from './variational';

export const DEFAULT_IWAE_SAMPLES = 5;
/** Validation draws the same noise every epoch, so val_loss compares across epochs. */
const EVALUATION_SEED = 424_242;

export const buildIwae: AutoencoderBuilder = (context) => {
  const { training, model } = context;
  const k = model.samples ?? DEFAULT_IWAE_SAMPLES;
  const network = denseVariationalNetwork(context);
  // encode, reconstruct and the KL weight are the VAE's; only the training objective differs.
  const base = variationalAutoencoder(network, { lossKind: training.loss, beta: model.beta ?? 1, seed: training.seed });
  const { encoder, decoder } = network;
  const klWeight = base.klWeight!;
  let calls = 0;
  return {
    ...base,
    loss: (input, target, isTraining) =>
      tidyLoss(() => {
        const [mean, logVar] = meanAndLogVar(encoder, input, isTraining);
        const [rows, dims] = mean.shape as [number, number];
        const eps = tf.randomNormal([k, rows, dims], 0, 1, 'float32', isTraining ? training.seed * 1_000_003 + 7_919 * ++calls : EVALUATION_SEED + training.seed);
        const z = mean.expandDims(0).add(logVar.mul(0.5).exp().expandDims(0).mul(eps));
        const output = decode(decoder, z.reshape([k * rows, dims]), isTraining);
        const flatTarget = target.reshape([1, rows, -1]);
        const values = flatTarget.shape[2] as number;
        const repeated = tf.tile(flatTarget, [k, 1, 1]).reshape([k * rows, values]);
        const logLikelihood = perSampleReconstructionError(training.loss, repeated, output.reshape([k * rows, values])).mul(-values).reshape([k, rows]);
        // log p(z) - log q(z | x) for z = mean + sigma * eps; the 2-pi terms cancel.
        const logPriorRatio = eps.square().sub(z.square()).add(logVar.expandDims(0)).sum(2).mul(0.5);
        const logWeights = logLikelihood.add(logPriorRatio.mul(klWeight.value));
        // logSumExp subtracts the max weight first, so large negative log weights do not underflow.
        const bound = tf.logSumExp(logWeights, 0).sub(Math.log(k)).mean() as tf.Scalar;
        const elbo = logWeights.mean() as tf.Scalar;
        return { total: bound.neg() as tf.Scalar, components: { iwae_bound: bound, elbo } };
      }),
  };
};
