// Saves tfjs layers models (model.json + weights.bin) without tfjs-node's file:// handler, atomically.
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceDirAtomic } from '../../runs/atomicWrite';
import { MODEL_FILES } from '../../runs/layout';

export async function saveLayersModel(model: tf.LayersModel, dir: string): Promise<void> {
  const files = await layersModelFiles(model);
  replaceDirAtomic(dir, (temp) => writeLayersModelFiles(temp, files));
}

export interface LayersModelFiles {
  modelJson: string;
  weights: Buffer;
}

/** model.json and weights.bin of a model, in memory, for writers that put several models in one atomic folder. */
export async function layersModelFiles(model: tf.LayersModel): Promise<LayersModelFiles> {
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
  return { modelJson: JSON.stringify(modelJson), weights };
}

/** Writes the files into `dir` as they are (inside a folder being replaced atomically). */
export function writeLayersModelFiles(dir: string, { modelJson, weights }: LayersModelFiles): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MODEL_FILES.weights), weights);
  writeFileSync(join(dir, MODEL_FILES.topology), modelJson);
}

/** The end-to-end model: input -> encoder -> decoder (VAEs decode z_mean). */
export function combinedModel(encoder: tf.LayersModel, decoder: tf.LayersModel): tf.LayersModel {
  const code = encoder.outputs[0];
  // A conditional run (cvae): the end-to-end model takes [x, label] and hands the label to the decoder too.
  const decoderInput = decoder.inputs.length === 2 ? [code, encoder.inputs[1]] : code;
  return tf.model({ inputs: encoder.inputs, outputs: decoder.apply(decoderInput) as tf.SymbolicTensor, name: 'autoencoder' });
}
