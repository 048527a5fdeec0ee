// `contractive` (Rifai et al., ICML 2011): reconstruction + lambda * ||J_f(x)||_F^2, f the dense encoder.
import * as tf from '@tensorflow/tfjs';
import { denseNetwork } from './dense';
import { denseJacobianPenalty } from './jacobianPenalty';
import { reconstructionLoss } from './losses';
import { plainAutoencoder, runModel, tidyLoss } from './plainAutoencoder';
import type { AutoencoderBuilder } from './types';

export const DEFAULT_CONTRACTIVE_WEIGHT = 1e-4;

export const buildContractive: AutoencoderBuilder = ({ model, training, inputShape }) => {
  const { encoder, decoder } = denseNetwork({ inputShape, hidden: model.hidden, latentDim: model.latentDim, activation: model.activation, outputActivation: model.outputActivation, seed: training.seed });
  const weight = model.contractiveWeight ?? DEFAULT_CONTRACTIVE_WEIGHT;
  // Same layers as the encoder, but exposing every dense output: one forward pass yields the code and the D_k.
  const denseLayers = encoder.layers.filter((layer) => layer.getClassName() === 'Dense');
  const probe = tf.model({ inputs: encoder.inputs, outputs: denseLayers.map((layer) => layer.output as tf.SymbolicTensor), name: 'encoder_activations' });
  const activationsOf = (input: tf.Tensor) => {
    const outputs = probe.apply(input) as tf.Tensor | tf.Tensor[];
    return Array.isArray(outputs) ? outputs : [outputs];
  };
  return {
    ...plainAutoencoder({ encoder, decoder }, training.loss),
    loss: (input, target, isTraining) =>
      tidyLoss(() => {
        const activations = activationsOf(input) as tf.Tensor2D[];
        const code = activations[activations.length - 1];
        const recon = reconstructionLoss(training.loss, target, runModel(decoder, code, isTraining));
        const kernels = denseLayers.map((layer) => layer.getWeights()[0] as tf.Tensor2D);
        const penalty = denseJacobianPenalty(activations, kernels, model.activation).mul(weight) as tf.Scalar;
        return { total: recon.add(penalty), components: { recon_loss: recon, contractive_penalty: penalty } };
      }),
  };
};
