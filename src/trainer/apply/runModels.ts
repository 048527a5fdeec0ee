// A run's encoder and decoder behind one small interface, whether they are the live models at the end of training or
// loaded from the run folder: thresholds, search codes and every apply job compute codes and errors the same way.
import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../protocol/experiment';
import { perSampleReconstructionError } from '../models/losses';
import { modelInputs } from '../models/conditioning';
import type { OutputOf } from '../models/audioMask';
import type { Autoencoder } from '../models/types';

export interface RunModels {
  /** Deterministic codes, flattened to [batch, latentDim] (z_mean for VAEs). */
  encode(x: tf.Tensor): tf.Tensor2D;
  /** Flat codes [batch, latentDim] -> outputs; a conv run's feature-map code is reshaped back first. */
  decode(z: tf.Tensor): tf.Tensor;
  latentDim: number;
  /** The output from the input and the decoded output, where they differ (model.output "mask", models/audioMask.ts). */
  outputOf?: OutputOf;
}

export function modelsOfAutoencoder(autoencoder: Autoencoder): RunModels {
  return { ...withDecoder((x) => autoencoder.encode(x), autoencoder.decoder), outputOf: autoencoder.outputOf };
}

export function modelsOfLayers(encoder: tf.LayersModel, decoder: tf.LayersModel, outputOf?: OutputOf): RunModels {
  const encode = (x: tf.Tensor) =>
    tf.tidy(() => {
      // A conditional (cvae) run applied to data without labels conditions on the uniform label (models/conditioning).
      const output = encoder.predict(modelInputs(encoder, x));
      const code = Array.isArray(output) ? output[0] : output; // VAEs: [z_mean, z_log_var]
      return code.reshape([x.shape[0], -1]) as tf.Tensor2D;
    });
  return { ...withDecoder(encode, decoder), outputOf };
}

function withDecoder(encode: RunModels['encode'], decoder: tf.LayersModel): RunModels {
  const codeShape = decoder.inputs[0].shape.slice(1) as number[];
  return {
    encode,
    decode: (z) => tf.tidy(() => decoder.predict(modelInputs(decoder, z.reshape([z.shape[0], ...codeShape]))) as tf.Tensor),
    latentDim: codeShape.reduce((a, b) => a * b, 1),
  };
}

/** Codes and reconstructions of one batch, as plain arrays (no tensor outlives the call). */
export function runBatch(models: RunModels, x: Float32Array, shape: number[], loss: TrainingConfig['loss']): { codes: Float32Array; reconstructions: Float32Array; errors: Float32Array } {
  return tf.tidy(() => {
    const input = tf.tensor(x, shape);
    const codes = models.encode(input);
    const decoded = models.decode(codes).reshape(shape);
    const output = models.outputOf ? models.outputOf(input, decoded) : decoded;
    return {
      codes: codes.dataSync() as Float32Array,
      reconstructions: output.dataSync() as Float32Array,
      errors: perSampleReconstructionError(loss, input, output).dataSync() as Float32Array,
    };
  });
}
