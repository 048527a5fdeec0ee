// `aae`: the adversarial autoencoder of Makhzani et al. (2016, "Adversarial Autoencoders") with a Gaussian prior.
// Each batch has the paper's three phases:
// 1. reconstruction: the main optimizer trains encoder and decoder on the reconstruction loss (`loss`, `trainedVariables`);
// 2. regularisation, discriminator: its own optimizer trains the discriminator to tell prior samples (label 1) from
//    codes (label 0) (`afterStep`);
// 3. regularisation, generator: a third optimizer trains the encoder alone to make the discriminator call its codes
//    prior samples (`afterStep`, the non-saturating loss -log D(code)).
// Both extra optimizers and the discriminator's weights are checkpointed (`auxiliary`), so a resume continues the game.
import * as tf from '@tensorflow/tfjs';
import type { EpochMetrics } from '../../protocol/trainerMessages';
import { createOptimizer } from '../loop/optimizer';
import { seededInit } from './dense';
import { linearCodeNetwork } from './linearCodeNetwork';
import { plainAutoencoder, runModel } from './plainAutoencoder';
import { discriminatorVerdict } from './aaeStopRule';
import type { AutoencoderBuilder } from './types';

/** Two layers of 1000 units, the paper's MNIST discriminator. */
export const DEFAULT_DISCRIMINATOR = [1000, 1000];

function buildDiscriminator(latentDim: number, hidden: number[], activation: string, seed: number): tf.LayersModel {
  const input = tf.input({ shape: [latentDim], name: 'discriminator_input' });
  let x = input;
  hidden.forEach((units, i) => {
    x = tf.layers.dense({ units, activation: activation as 'relu', kernelInitializer: seededInit(seed, 400 + i), name: `discriminator_dense_${i}` }).apply(x) as tf.SymbolicTensor;
  });
  // A logit: the cross-entropies below take logits, which is stable where a sigmoid output saturates.
  const logit = tf.layers.dense({ units: 1, kernelInitializer: seededInit(seed, 450), name: 'discriminator_logit' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: logit, name: 'discriminator' });
}

const variablesOf = (...models: tf.LayersModel[]) => models.flatMap((model) => model.trainableWeights.map((w) => w.read() as tf.Variable));

export const buildAae: AutoencoderBuilder = (context) => {
  const { model, training } = context;
  const network = linearCodeNetwork(context);
  const { encoder, decoder } = network;
  const discriminator = buildDiscriminator(model.latentDim, model.discriminator ?? DEFAULT_DISCRIMINATOR, model.activation, training.seed);
  const discriminatorLearningRate = model.discriminatorLearningRate ?? training.learningRate;
  const discriminatorOptimizer = createOptimizer({ ...training, learningRate: discriminatorLearningRate });
  const generatorOptimizer = createOptimizer(training);
  const discriminatorVariables = variablesOf(discriminator);
  const encoderVariables = variablesOf(encoder);
  const mainVariables = variablesOf(encoder, decoder);
  const judge = discriminatorVerdict();
  return {
    ...plainAutoencoder(network, training.loss),
    trainedVariables: () => mainVariables,
    auxiliary: [
      { name: 'discriminator', variables: discriminatorVariables, optimizer: discriminatorOptimizer, learningRateScale: discriminatorLearningRate / training.learningRate },
      { name: 'generator', variables: [], optimizer: generatorOptimizer, learningRateScale: 1 },
    ],
    afterStep(input) {
      const rows = input.shape[0];
      const ones = tf.ones([rows, 1]);
      const zeros = tf.zeros([rows, 1]);
      // Seeded by the discriminator's step count, which the checkpoint restores: a resumed run draws what it would have.
      const prior = tf.randomNormal([rows, model.latentDim], 0, 1, 'float32', training.seed * 1_000_003 + 7_919 * (discriminatorOptimizer.iterations + 1));
      let accuracy: tf.Scalar | undefined;
      const discriminatorStep = discriminatorOptimizer.computeGradients(() => {
        const real = runModel(discriminator, prior, true);
        const fake = runModel(discriminator, runModel(encoder, input, true), true);
        accuracy = tf.keep(real.greater(0).sum().add(fake.lessEqual(0).sum()).div(2 * rows) as tf.Scalar);
        return tf.losses.sigmoidCrossEntropy(ones, real).add(tf.losses.sigmoidCrossEntropy(zeros, fake)).div(2) as tf.Scalar;
      }, discriminatorVariables);
      discriminatorOptimizer.applyGradients(discriminatorStep.grads);
      const generatorLoss = generatorOptimizer.minimize(() => tf.losses.sigmoidCrossEntropy(ones, runModel(discriminator, runModel(encoder, input, true), true)) as tf.Scalar, true, encoderVariables);
      tf.dispose([ones, zeros, prior, ...Object.values(discriminatorStep.grads)]);
      return { disc_loss: discriminatorStep.value, disc_accuracy: accuracy!, gen_loss: generatorLoss as tf.Scalar };
    },
    afterEpoch: (metrics: EpochMetrics) => judge(metrics, discriminatorLearningRate),
  };
};
