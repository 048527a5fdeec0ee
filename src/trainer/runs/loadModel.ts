// Loads a layers model saved by saveLayersModel (model.json + weights.bin) without tfjs-node's file:// handler.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// Registers the vq-vae's VectorQuantizer layer class, which its saved decoders name, for every caller of this loader.
import '../models/vectorQuantizer';

export async function loadLayersModelFromDir(dir: string): Promise<tf.LayersModel> {
  const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  const weights = readFileSync(join(dir, 'weights.bin'));
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    }),
  );
}
