// checkpoint/: checkpoint.json lists the model and optimizer tensors (name, shape, offset in floats) and weights.bin
// holds their float32 values back to back. Checked here, before any tensor is built, so a damaged checkpoint is named.
// Kinds with a second player (the AAE's discriminator and its optimizers) add an `auxiliary` list; checkpoints
// written before it have none and read as before.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../protocol/errors';
import { CHECKPOINT_FILES, RUN_FILES, runPath } from './layout';
import { readRunJson } from './readJsonFile';

const tensorSpecSchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  offset: z.number().int().nonnegative(),
});
export type TensorSpec = z.infer<typeof tensorSpecSchema>;

const auxiliarySpecSchema = z.object({
  name: z.string(),
  variables: z.array(tensorSpecSchema),
  optimizer: z.array(tensorSpecSchema),
});
export type AuxiliarySpec = z.infer<typeof auxiliarySpecSchema>;

export const checkpointManifestSchema = z.object({
  epoch: z.number().int().nonnegative(),
  savedAt: z.string(),
  model: z.array(tensorSpecSchema),
  optimizer: z.array(tensorSpecSchema),
  /** State beside the model and its optimizer, one entry per named part (e.g. "discriminator"). */
  auxiliary: z.array(auxiliarySpecSchema).optional(),
});
export type CheckpointManifest = z.infer<typeof checkpointManifestSchema>;

/** Every tensor the manifest lists, auxiliary ones included. */
export function allTensorSpecs(manifest: CheckpointManifest): TensorSpec[] {
  return [...manifest.model, ...manifest.optimizer, ...(manifest.auxiliary ?? []).flatMap((part) => [...part.variables, ...part.optimizer])];
}

export const tensorSize = (spec: Pick<TensorSpec, 'shape'>): number => spec.shape.reduce((a, b) => a * b, 1);

/** True when the run has a checkpoint, also one a killed writer left swapped aside (resume puts it back). */
export function hasCheckpoint(runDir: string): boolean {
  if (existsSync(runPath(runDir, 'checkpoint', CHECKPOINT_FILES.manifest))) return true;
  const stranded = new RegExp(`^${RUN_FILES.checkpoint}\\.\\d+\\.old$`);
  return readdirSafe(runDir).some((name) => stranded.test(name) && existsSync(join(runDir, name, CHECKPOINT_FILES.manifest)));
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The validated manifest, after checking that weights.bin holds exactly the bytes it describes. */
export function checkCheckpoint(runDir: string): CheckpointManifest {
  const manifest = readRunJson(runPath(runDir, 'checkpoint', CHECKPOINT_FILES.manifest), checkpointManifestSchema);
  const weightsFile = runPath(runDir, 'checkpoint', CHECKPOINT_FILES.weights);
  let bytes: number;
  try {
    bytes = statSync(weightsFile).size;
  } catch {
    throw new InputError('is missing; the checkpoint is damaged', { file: weightsFile });
  }
  const needed = 4 * Math.max(0, ...allTensorSpecs(manifest).map((spec) => spec.offset + tensorSize(spec)));
  if (bytes !== needed) throw new InputError(`${bytes.toLocaleString('en-US')} bytes but the manifest needs ${needed.toLocaleString('en-US')}; the checkpoint is damaged`, { file: weightsFile });
  return manifest;
}

export function readCheckpoint(runDir: string): { manifest: CheckpointManifest; values: Float32Array } {
  const manifest = checkCheckpoint(runDir);
  const bytes = readFileSync(runPath(runDir, 'checkpoint', CHECKPOINT_FILES.weights));
  return { manifest, values: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) };
}

/** The epoch the run's checkpoint was taken after, or undefined when there is no readable one. */
export function checkpointEpoch(runDir: string): number | undefined {
  if (!hasCheckpoint(runDir)) return undefined;
  try {
    return checkCheckpoint(runDir).epoch;
  } catch {
    return undefined;
  }
}
