// Everything the Keras export needs from a finished run folder, with errors that name the folder.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { InputError } from '../../protocol/errors';
import type { Experiment } from '../../protocol/experiment';
import type { Normalization } from '../../trainer/data/dataset';
import { readRunExperiment, RUN_FILES } from '../../trainer/runs/runFolder';
import { inputShape, networkSpec, type NetworkSpec } from './networkSpec';

export interface ExportedRun {
  runDir: string;
  runId: string;
  experiment: Experiment;
  /** The experiment file the run was started from; data.source is relative to it. */
  experimentFile: string;
  encoder: NetworkSpec;
  decoder: NetworkSpec;
  /** Per-sample shape: [H, W, C] or [features]. */
  sampleShape: number[];
  /** The normalisation the run resolved (data.json), e.g. images divided by 255. */
  normalization: Normalization;
}

export function readExportedRun(dir: string): ExportedRun {
  const runDir = resolve(dir);
  const notARun = (what: string) => new InputError(`not a run folder: ${what}; pick a folder under the runs directory that holds experiment.json, encoder/ and decoder/`, { file: runDir });
  if (!existsSync(join(runDir, RUN_FILES.experiment))) throw notARun('experiment.json is missing');
  for (const part of [RUN_FILES.encoder, RUN_FILES.decoder]) {
    if (!existsSync(join(runDir, part, 'model.json'))) throw notARun(`${part}/model.json is missing (the run saves it when it ends; was it stopped before its first epoch?)`);
  }
  let experiment: Experiment;
  let experimentFile: string;
  try {
    ({ experiment, experimentFile } = readRunExperiment(runDir));
  } catch (error) {
    throw new InputError(`experiment.json cannot be read: ${(error as Error).message.split('\n')[0]}`, { file: join(runDir, RUN_FILES.experiment) });
  }
  const encoder = readNetwork(join(runDir, RUN_FILES.encoder, 'model.json'));
  const decoder = readNetwork(join(runDir, RUN_FILES.decoder, 'model.json'));
  const data = readDataJson(runDir);
  const sampleShape = data?.sampleShape ?? inputShape(encoder);
  if (!sampleShape) throw new InputError('the encoder has no input shape and data.json is missing', { file: runDir });
  // Runs always write data.json; the fallback mirrors the "auto" normalisation for older folders.
  const normalization = data?.normalization ?? (sampleShape.length === 3 ? { kind: 'scale', divisor: 255 } : { kind: 'minmax', min: [], max: [] });
  return { runDir, runId: basename(runDir), experiment, experimentFile, encoder, decoder, sampleShape, normalization };
}

function readNetwork(file: string): NetworkSpec {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`cannot be read as JSON: ${(error as Error).message}`, { file });
  }
  return networkSpec(json, file);
}

function readDataJson(runDir: string): { sampleShape?: number[]; normalization?: Normalization } | undefined {
  try {
    return JSON.parse(readFileSync(join(runDir, 'data.json'), 'utf8'));
  } catch {
    return undefined;
  }
}
