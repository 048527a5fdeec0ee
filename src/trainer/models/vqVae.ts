// `vq-vae` (van den Oord et al. 2017; keras.io "Vector-Quantized Variational Autoencoders", S. Paul, 2021): stride-2
// Conv2D blocks and a 1x1 Conv2D to a grid of latentDim-vectors z_e; each is replaced by its nearest of
// model.codebookSize code vectors (the decoder's VectorQuantizer layer, straight-through gradients), then
// Conv2DTranspose blocks back to the image. Loss = reconstruction + commitment β·||z_e − sg(q)||² + codebook ||sg(z_e) − q||².
import * as tf from '@tensorflow/tfjs';
import { requireImageShape } from './architecture';
import { cropping, downsampledSizes } from './convGeometry';
import { seededInit } from './dense';
import { reconstructionLoss } from './losses';
import { flattenCode, runModel, tidyLoss } from './plainAutoencoder';
import type { AutoencoderBuilder, BuildContext } from './types';
import { quantize, stopGradient, VectorQuantizer } from './vectorQuantizer';
import { CodebookUpkeep } from './codebookUpkeep';

/** keras.io VQ-VAE: Conv2D 32 and 64, stride 2, to a 7x7 grid on MNIST. */
export const DEFAULT_VQ_FILTERS = [32, 64];
/** keras.io VQ-VAE trains with 128 code vectors (VQVAETrainer(..., num_embeddings=128)). */
export const DEFAULT_CODEBOOK_SIZE = 128;
/** β of the commitment loss (van den Oord et al. and keras.io). */
export const DEFAULT_COMMITMENT_COST = 0.25;
const KERNEL = 3;

export interface VqNetwork {
  encoder: tf.LayersModel;
  decoder: tf.LayersModel;
  quantizer: VectorQuantizer;
}

export function vqNetwork({ model, training, inputShape }: BuildContext): VqNetwork {
  requireImageShape(inputShape, 'kind "vq-vae"', 'kind');
  const [height, width, channels] = inputShape;
  const filters = model.filters ?? DEFAULT_VQ_FILTERS;
  const { activation, latentDim } = model;
  const seed = training.seed;

  const input = tf.input({ shape: inputShape, name: 'encoder_input' });
  let x: tf.SymbolicTensor = input;
  filters.forEach((f, i) => {
    x = tf.layers.conv2d({ filters: f, kernelSize: KERNEL, strides: 2, padding: 'same', activation, kernelInitializer: seededInit(seed, i) }).apply(x) as tf.SymbolicTensor;
  });
  x = tf.layers.conv2d({ filters: latentDim, kernelSize: 1, padding: 'same', kernelInitializer: seededInit(seed, 100), name: 'encoder_code' }).apply(x) as tf.SymbolicTensor;
  const encoder = tf.model({ inputs: input, outputs: x, name: 'encoder' });

  const grid = [downsampledSizes(height, filters.length)[filters.length], downsampledSizes(width, filters.length)[filters.length]];
  const z = tf.input({ shape: [grid[0], grid[1], latentDim], name: 'decoder_input' });
  const quantizer = new VectorQuantizer({ codebookSize: model.codebookSize ?? DEFAULT_CODEBOOK_SIZE, seed: seed * 1000 + 150, name: 'vector_quantizer' });
  let y = quantizer.apply(z) as tf.SymbolicTensor;
  [...filters].reverse().forEach((f, i) => {
    y = tf.layers.conv2dTranspose({ filters: f, kernelSize: KERNEL, strides: 2, padding: 'same', activation, kernelInitializer: seededInit(seed, 200 + i) }).apply(y) as tf.SymbolicTensor;
  });
  const grown = 2 ** filters.length;
  const excess: [number, number] = [grid[0] * grown - height, grid[1] * grown - width];
  if (excess[0] > 0 || excess[1] > 0) y = tf.layers.cropping2D({ cropping: cropping(excess) }).apply(y) as tf.SymbolicTensor;
  y = tf.layers.conv2dTranspose({ filters: channels, kernelSize: KERNEL, padding: 'same', activation: model.outputActivation, kernelInitializer: seededInit(seed, 300) }).apply(y) as tf.SymbolicTensor;
  return { encoder, decoder: tf.model({ inputs: z, outputs: y, name: 'decoder' }), quantizer };
}

export const buildVqVae: AutoencoderBuilder = (context) => {
  const { encoder, decoder, quantizer } = vqNetwork(context);
  const beta = context.model.commitmentCost ?? DEFAULT_COMMITMENT_COST;
  const lossKind = context.training.loss;
  const upkeep = new CodebookUpkeep(quantizer, context.training.seed);
  return {
    encoder,
    decoder,
    generative: false,
    loss: (input, target, training) =>
      tidyLoss(() => {
        const ze = runModel(encoder, input, training);
        if (training) upkeep.beforeQuantize(ze);
        // The decoder's quantizer passes the reconstruction's gradient straight through to z_e; q here carries the
        // codebook loss's gradient to the code vectors.
        const q = quantize(ze, quantizer.codebook);
        const commitment = tf.squaredDifference(ze, stopGradient(q)).mean().mul(beta) as tf.Scalar;
        const codebook = tf.squaredDifference(stopGradient(ze), q).mean() as tf.Scalar;
        const recon = reconstructionLoss(lossKind, target, runModel(decoder, ze, training));
        if (training) upkeep.count(quantizer.codes(ze));
        return { total: recon.add(commitment).add(codebook), components: { recon_loss: recon, commitment_loss: commitment, codebook_loss: codebook } };
      }),
    // The code is z_e: the decoder quantizes it, so codes between two samples decode to nearest code vectors.
    encode: (input) => tf.tidy(() => flattenCode(runModel(encoder, input, false))),
    reconstruct: (input) => tf.tidy(() => runModel(decoder, runModel(encoder, input, false), false)),
    // Codebook usage per epoch; the first batch initialises the codebook from z_e and each epoch's end restarts dead codes.
    epochStats: upkeep,
  };
};
