// Resumable checkpoints: model weights and optimizer state (e.g. Adam's moments and step count) in one folder,
// replaced atomically so a crash mid-write leaves the previous checkpoint intact.
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Autoencoder } from '../models/types';
import { replaceDirAtomic } from './atomicWrite';

interface TensorSpec {
  name: string;
  shape: number[];
  offset: number;
}

interface CheckpointManifest {
  epoch: number;
  savedAt: string;
  model: TensorSpec[];
  optimizer: TensorSpec[];
}

export const CHECKPOINT_DIR = 'checkpoint';

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
  replaceDirAtomic(join(runDir, CHECKPOINT_DIR), (temp) => {
    mkdirSync(temp, { recursive: true });
    writeFileSync(join(temp, 'weights.bin'), Buffer.from(all.buffer));
    writeFileSync(join(temp, 'checkpoint.json'), JSON.stringify(manifest, null, 2));
  });
}

export function hasCheckpoint(runDir: string): boolean {
  return existsSync(join(runDir, CHECKPOINT_DIR, 'checkpoint.json'));
}

/** Restores weights and optimizer state; returns the epoch the checkpoint was taken after. */
export async function loadCheckpoint(runDir: string, autoencoder: Autoencoder, optimizer: tf.Optimizer): Promise<number> {
  const dir = join(runDir, CHECKPOINT_DIR);
  const manifest = JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8')) as CheckpointManifest;
  const bytes = readFileSync(join(dir, 'weights.bin'));
  const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const read = (spec: TensorSpec) => tf.tensor(values.subarray(spec.offset, spec.offset + spec.shape.reduce((a, b) => a * b, 1)), spec.shape);
  const weights = modelWeights(autoencoder);
  if (weights.length !== manifest.model.length) throw new Error(`checkpoint in ${dir} holds ${manifest.model.length} weights but the model has ${weights.length}; the experiment changed`);
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
