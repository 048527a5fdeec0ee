// A run's encoder and decoder behind one small interface, whether they are the live models at the end of training or
// loaded from the run folder: thresholds, search codes and every apply job compute codes and errors the same way.
import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../protocol/experiment';
import { perSampleReconstructionError } from '../models/losses';
import type { Autoencoder } from '../models/types';

export interface RunModels {
  /** Deterministic codes, [batch, latentDim] (z_mean for VAEs). */
  encode(x: tf.Tensor): tf.Tensor2D;
  decode(z: tf.Tensor): tf.Tensor;
  latentDim: number;
}

export function modelsOfAutoencoder(autoencoder: Autoencoder): RunModels {
  return {
    encode: (x) => autoencoder.encode(x),
    decode: (z) => autoencoder.decoder.predict(z) as tf.Tensor,
    latentDim: autoencoder.decoder.inputs[0].shape[1] as number,
  };
}

export function modelsOfLayers(encoder: tf.LayersModel, decoder: tf.LayersModel): RunModels {
  return {
    encode: (x) =>
      tf.tidy(() => {
        const output = encoder.predict(x);
        const code = Array.isArray(output) ? output[0] : output; // VAEs: [z_mean, z_log_var]
        return code.reshape([x.shape[0], -1]) as tf.Tensor2D;
      }),
    decode: (z) => decoder.predict(z) as tf.Tensor,
    latentDim: decoder.inputs[0].shape[1] as number,
  };
}

/** Codes and reconstructions of one batch, as plain arrays (no tensor outlives the call). */
export function runBatch(models: RunModels, x: Float32Array, shape: number[], loss: TrainingConfig['loss']): { codes: Float32Array; reconstructions: Float32Array; errors: Float32Array } {
  return tf.tidy(() => {
    const input = tf.tensor(x, shape);
    const codes = models.encode(input);
    const output = models.decode(codes).reshape(shape);
    return {
      codes: codes.dataSync() as Float32Array,
      reconstructions: output.dataSync() as Float32Array,
      errors: perSampleReconstructionError(loss, input, output).dataSync() as Float32Array,
    };
  });
}
