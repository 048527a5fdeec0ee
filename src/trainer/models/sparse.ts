// `sparse`: reconstruction + l1 * mean over the batch of sum|code| (Keras activity_regularizer semantics).
import type * as tf from '@tensorflow/tfjs';
import { buildNetwork } from './architecture';
import { reconstructionLoss } from './losses';
import { flattenCode, plainAutoencoder, runModel, tidyLoss } from './plainAutoencoder';
import type { AutoencoderBuilder } from './types';

/** Keras blog: regularizers.l1(10e-5), i.e. 1e-4. */
export const DEFAULT_L1 = 1e-4;

export const buildSparse: AutoencoderBuilder = (context) => {
  const { encoder, decoder } = buildNetwork(context, 'undercomplete');
  const l1 = context.model.l1 ?? DEFAULT_L1;
  const lossKind = context.training.loss;
  return {
    ...plainAutoencoder({ encoder, decoder }, lossKind),
    loss: (input, target, training) =>
      tidyLoss(() => {
        const code = runModel(encoder, input, training);
        const recon = reconstructionLoss(lossKind, target, runModel(decoder, code, training));
        const flat = flattenCode(code);
        const penalty = flat.abs().sum(1).mean().mul(l1) as tf.Scalar;
        return { total: recon.add(penalty), components: { recon_loss: recon, sparsity_penalty: penalty, mean_activation: flat.mean() as tf.Scalar } };
      }),
  };
};
