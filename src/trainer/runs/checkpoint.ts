// Resumable checkpoints: model weights and optimizer state (e.g. Adam's moments and step count) in one folder,
// replaced atomically so a crash mid-write leaves the previous checkpoint intact. The file format is src/runs/checkpointFiles.ts.
// A kind's auxiliary state (the AAE's discriminator weights and its two extra optimizers) is saved and restored with it.
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../protocol/errors';
import { replaceDirAtomic } from '../../runs/atomicWrite';
import { readCheckpoint, tensorSize, type AuxiliarySpec, type CheckpointManifest, type TensorSpec } from '../../runs/checkpointFiles';
import { CHECKPOINT_FILES, runPath } from '../../runs/layout';
import type { Autoencoder } from '../models/types';

interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

function modelWeights(autoencoder: Autoencoder): tf.LayerVariable[] {
  return [...autoencoder.encoder.weights, ...autoencoder.decoder.weights];
}

/** Lays tensors out back to back in one float buffer, as the manifest describes them. */
class WeightsWriter {
  private chunks: Float32Array[] = [];
  private offset = 0;

  describe(list: NamedTensor[]): TensorSpec[] {
    return list.map(({ name, tensor }) => {
      const values = tensor.dataSync() as Float32Array;
      this.chunks.push(values);
      const spec = { name, shape: tensor.shape, offset: this.offset };
      this.offset += values.length;
      return spec;
    });
  }

  /** An optimizer's state; getWeights returns its live slot variables plus a fresh iteration scalar: only the latter is freed. */
  async describeOptimizer(optimizer: tf.Optimizer): Promise<TensorSpec[]> {
    const tensors = await optimizer.getWeights();
    const specs = this.describe(tensors);
    tensors.forEach(({ tensor }) => tensor instanceof tf.Variable || tensor.dispose());
    return specs;
  }

  bytes(): Buffer {
    const all = new Float32Array(this.offset);
    let at = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    return Buffer.from(all.buffer);
  }
}

export async function saveCheckpoint(runDir: string, autoencoder: Autoencoder, optimizer: tf.Optimizer, epoch: number): Promise<void> {
  const writer = new WeightsWriter();
  const model = writer.describe(modelWeights(autoencoder).map((w) => ({ name: w.name, tensor: w.read() })));
  const optimizerSpecs = await writer.describeOptimizer(optimizer);
  const auxiliary: AuxiliarySpec[] = [];
  for (const part of autoencoder.auxiliary ?? []) {
    auxiliary.push({ name: part.name, variables: writer.describe(part.variables.map((v) => ({ name: v.name, tensor: v }))), optimizer: await writer.describeOptimizer(part.optimizer) });
  }
  const manifest: CheckpointManifest = { epoch, savedAt: new Date().toISOString(), model, optimizer: optimizerSpecs, ...(auxiliary.length > 0 ? { auxiliary } : {}) };
  const bytes = writer.bytes();
  replaceDirAtomic(runPath(runDir, 'checkpoint'), (temp) => {
    mkdirSync(temp, { recursive: true });
    writeFileSync(join(temp, CHECKPOINT_FILES.weights), bytes);
    writeFileSync(join(temp, CHECKPOINT_FILES.manifest), JSON.stringify(manifest, null, 2));
  });
}

const CHANGED = 'experiment.json no longer builds the model this checkpoint was saved from; train the experiment again as a new run';

/** Restores weights and optimizer state; returns the epoch the checkpoint was taken after. */
export async function loadCheckpoint(runDir: string, autoencoder: Autoencoder, optimizer: tf.Optimizer): Promise<number> {
  const { manifest, values } = readCheckpoint(runDir);
  const read = (spec: TensorSpec) => tf.tensor(values.subarray(spec.offset, spec.offset + tensorSize(spec)), spec.shape);
  const file = runPath(runDir, 'checkpoint', CHECKPOINT_FILES.manifest);
  const weights = modelWeights(autoencoder).map((w) => ({ name: w.name, shape: w.shape, write: (value: tf.Tensor) => w.write(value) }));
  const parts = autoencoder.auxiliary ?? [];
  const saved = manifest.auxiliary ?? [];
  // Everything is checked before anything is written, so a refused checkpoint leaves the fresh model as it was.
  checkShapes(weights, manifest.model, 'weight', file);
  const savedNames = saved.map((part) => part.name).join(', ') || 'none';
  if (parts.map((part) => part.name).join(', ') !== saved.map((part) => part.name).join(', ')) {
    throw new InputError(`holds auxiliary state for ${savedNames} but the model has ${parts.map((part) => part.name).join(', ') || 'none'}: ${CHANGED}`, { file });
  }
  const auxiliaryVariables = parts.map((part, i) => {
    const variables = part.variables.map((v) => ({ name: v.name, shape: v.shape, write: (value: tf.Tensor) => v.assign(value) }));
    checkShapes(variables, saved[i].variables, `${part.name} weight`, file);
    return variables;
  });
  const restore = (targets: { write(value: tf.Tensor): unknown }[], specs: TensorSpec[]) =>
    targets.forEach((target, i) => {
      const value = read(specs[i]);
      target.write(value);
      value.dispose();
    });
  restore(weights, manifest.model);
  await restoreOptimizer(optimizer, manifest.optimizer, read);
  for (const [i, part] of parts.entries()) {
    restore(auxiliaryVariables[i], saved[i].variables);
    await restoreOptimizer(part.optimizer, saved[i].optimizer, read);
  }
  return manifest.epoch;
}

function checkShapes(targets: { name: string; shape: readonly (number | null)[] }[], specs: TensorSpec[], what: string, file: string): void {
  if (targets.length !== specs.length) throw new InputError(`holds ${specs.length} ${what}s but the model has ${targets.length}: ${CHANGED}`, { file });
  targets.forEach((target, i) => {
    const shape = specs[i].shape;
    if (shape.join('x') !== target.shape.join('x')) throw new InputError(`${what} ${i} (${target.name}) is [${shape}] in the checkpoint but [${target.shape}] in the model: ${CHANGED}`, { file });
  });
}

async function restoreOptimizer(optimizer: tf.Optimizer, specs: TensorSpec[], read: (spec: TensorSpec) => tf.Tensor): Promise<void> {
  if (specs.length === 0) return;
  const state = specs.map((spec) => ({ name: spec.name, tensor: read(spec) }));
  await optimizer.setWeights(state);
  state.forEach(({ tensor }) => tensor.isDisposed || tensor.dispose());
}
