// Encoder and decoder built from model.encoder / model.decoder layer lists; the decoder starts from the encoder's output shape.
import * as tf from '@tensorflow/tfjs';
import { InputError } from '../../protocol/errors';
import type { LayerConfig, ModelConfig } from '../../protocol/experiment';
import { layerFromConfig } from './layerFromConfig';
import type { EncoderDecoder } from './plainAutoencoder';

const shapeText = (shape: readonly (number | null)[]) => `[${shape.join(', ')}]`;
const size = (shape: readonly (number | null)[]) => shape.reduce<number>((a, b) => a * (b ?? NaN), 1);

function applyLayers(input: tf.SymbolicTensor, configs: LayerConfig[], listField: string, seed: number, seedBase: number): tf.SymbolicTensor {
  let x = input;
  configs.forEach((config, i) => {
    const field = `${listField}[${i}]`;
    const layer = layerFromConfig(config, field, seed, seedBase + i);
    const before = x.shape.slice(1);
    // tfjs only checks reshape sizes at run time (the batch dim is unknown), so check here.
    if (config.type === 'reshape' && size(config.targetShape!) !== size(before)) {
      throw new InputError(`cannot reshape ${shapeText(before)} (${size(before)} values) to ${shapeText(config.targetShape!)} (${size(config.targetShape!)} values)`, { field: `${field}.targetShape` });
    }
    try {
      x = layer.apply(x) as tf.SymbolicTensor;
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new InputError(`a ${config.type} layer cannot take input of shape ${shapeText(before)}: ${reason}`, { field });
    }
    const after = x.shape.slice(1);
    if (after.some((d) => d !== null && d <= 0)) throw new InputError(`a ${config.type} layer turns shape ${shapeText(before)} into ${shapeText(after)}, which is empty; use 'same' padding or fewer downsamplings`, { field });
  });
  return x;
}

export function customNetwork(model: ModelConfig, inputShape: number[], seed: number): EncoderDecoder {
  if (!model.encoder?.length) throw new InputError('list the encoder layers, input to code', { field: 'model.encoder' });
  if (!model.decoder?.length) throw new InputError('list the decoder layers, code to output', { field: 'model.decoder' });
  const input = tf.input({ shape: inputShape, name: 'encoder_input' });
  const code = applyLayers(input, model.encoder, 'model.encoder', seed, 0);
  const codeShape = code.shape.slice(1) as number[];
  const codeInput = tf.input({ shape: codeShape, name: 'decoder_input' });
  const output = applyLayers(codeInput, model.decoder, 'model.decoder', seed, 500);
  const outputShape = output.shape.slice(1);
  if (outputShape.length !== inputShape.length || outputShape.some((d, i) => d !== inputShape[i])) {
    throw new InputError(`the decoder outputs shape ${shapeText(outputShape)} but the input has shape ${shapeText(inputShape)}; the decoder must end in the input shape`, { field: 'model.decoder' });
  }
  return { encoder: tf.model({ inputs: input, outputs: code, name: 'encoder' }), decoder: tf.model({ inputs: codeInput, outputs: output, name: 'decoder' }) };
}
