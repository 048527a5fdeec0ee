// Saves tfjs layers models (model.json + weights.bin) without tfjs-node's file:// handler, atomically.
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceDirAtomic } from '../../runs/atomicWrite';

export async function saveLayersModel(model: tf.LayersModel, dir: string): Promise<void> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  if (!artifacts?.weightData || !artifacts.weightSpecs) throw new Error(`model "${model.name}" produced no weights to save`);
  const weights = Buffer.from(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
  const modelJson = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: ['./weights.bin'], weights: artifacts.weightSpecs }],
  };
  replaceDirAtomic(dir, (temp) => {
    mkdirSync(temp, { recursive: true });
    writeFileSync(join(temp, 'weights.bin'), weights);
    writeFileSync(join(temp, 'model.json'), JSON.stringify(modelJson));
  });
}

/** The end-to-end model: input -> encoder -> decoder (VAEs decode z_mean). */
export function combinedModel(encoder: tf.LayersModel, decoder: tf.LayersModel): tf.LayersModel {
  const code = encoder.outputs[0];
  return tf.model({ inputs: encoder.inputs, outputs: decoder.apply(code) as tf.SymbolicTensor, name: 'autoencoder' });
}
