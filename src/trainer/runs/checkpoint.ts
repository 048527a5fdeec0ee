// Resumable checkpoints: model weights and optimizer state (e.g. Adam's moments and step count) in one folder,
// replaced atomically so a crash mid-write leaves the previous checkpoint intact. The file format is src/runs/checkpointFiles.ts.
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../protocol/errors';
import { replaceDirAtomic } from '../../runs/atomicWrite';
import { readCheckpoint, tensorSize, type CheckpointManifest, type TensorSpec } from '../../runs/checkpointFiles';
import { CHECKPOINT_FILES, runPath } from '../../runs/layout';
import type { Autoencoder } from '../models/types';

function modelWeights(autoencoder: Autoencoder): tf.LayerVariable[] {
  return [...autoencoder.encoder.weights, ...autoencoder.decoder.weights];
}

export async function saveCheckpoint(runDir: string, autoencoder: Autoencoder, optimizer: tf.Optimizer, epoch: number): Promise<void> {
  const modelTensors = modelWeights(autoencoder).map((w) => ({ name: w.name, tensor: w.read() }));
  const optimizerTensors = await optimizer.getWeights();
  const chunks: Float32Array[] = [];
  let offset = 0;
  const describe = (list: { name: string; tensor: tf.Tensor }[]): TensorSpec[] =>
    list.map(({ name, tensor }) => {
      const values = tensor.dataSync() as Float32Array;
      chunks.push(values);
      const spec = { name, shape: tensor.shape, offset };
      offset += values.length;
      return spec;
    });
  const manifest: CheckpointManifest = { epoch, savedAt: new Date().toISOString(), model: describe(modelTensors), optimizer: describe(optimizerTensors) };
  // getWeights returns the optimizer's live slot variables plus a fresh iteration scalar: free only the latter.
  optimizerTensors.forEach(({ tensor }) => tensor instanceof tf.Variable || tensor.dispose());
  const all = new Float32Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  replaceDirAtomic(runPath(runDir, 'checkpoint'), (temp) => {
    mkdirSync(temp, { recursive: true });
    writeFileSync(join(temp, CHECKPOINT_FILES.weights), Buffer.from(all.buffer));
    writeFileSync(join(temp, CHECKPOINT_FILES.manifest), JSON.stringify(manifest, null, 2));
  });
}

/** Restores weights and optimizer state; returns the epoch the checkpoint was taken after. */
export async function loadCheckpoint(runDir: string, autoencoder: Autoencoder, optimizer: tf.Optimizer): Promise<number> {
  const { manifest, values } = readCheckpoint(runDir);
  const read = (spec: TensorSpec) => tf.tensor(values.subarray(spec.offset, spec.offset + tensorSize(spec)), spec.shape);
  const weights = modelWeights(autoencoder);
  const file = runPath(runDir, 'checkpoint', CHECKPOINT_FILES.manifest);
  const changed = 'experiment.json no longer builds the model this checkpoint was saved from; train the experiment again as a new run';
  if (weights.length !== manifest.model.length) throw new InputError(`holds ${manifest.model.length} weights but the model has ${weights.length}: ${changed}`, { file });
  weights.forEach((weight, i) => {
    const saved = manifest.model[i].shape;
    if (saved.join('x') !== weight.shape.join('x')) throw new InputError(`weight ${i} (${weight.name}) is [${saved}] in the checkpoint but [${weight.shape}] in the model: ${changed}`, { file });
  });
  weights.forEach((weight, i) => {
    const value = read(manifest.model[i]);
    weight.write(value);
    value.dispose();
  });
  if (manifest.optimizer.length > 0) {
    const state = manifest.optimizer.map((spec) => ({ name: spec.name, tensor: read(spec) }));
    await optimizer.setWeights(state);
    state.forEach(({ tensor }) => tensor.isDisposed || tensor.dispose());
  }
  return manifest.epoch;
}
