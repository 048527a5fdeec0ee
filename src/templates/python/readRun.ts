// Everything the Keras and PyTorch exports need from a finished run folder, through the validated run-file readers
// (src/runs/).
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from '../../protocol/errors';
import type { Experiment } from '../../protocol/experiment';
import { readDataJson, type DataJson } from '../../runs/dataFile';
import { readRunExperiment } from '../../runs/experimentFile';
import { MODEL_FILES, RUN_FILES, runPath } from '../../runs/layout';
import { readRunJson } from '../../runs/readJsonFile';
import { refuseRunTrainedElsewhere } from '../../runs/trainedElsewhere';
import { inputShape, networkSpec, type NetworkSpec } from './networkSpec';

export interface ExportedRun {
  runDir: string;
  runId: string;
  experiment: Experiment;
  /** The experiment file the run was started from, where the run folder is now; data.source is relative to it. */
  experimentFile: string;
  encoder: NetworkSpec;
  decoder: NetworkSpec;
  /** Per-sample shape: [H, W, C] or [features]. */
  sampleShape: number[];
  /** The normalisation the run resolved (data.json), e.g. images divided by 255. */
  normalization: DataJson['normalization'];
}

export function readExportedRun(dir: string): ExportedRun {
  const runDir = resolve(dir);
  const notARun = (what: string) => new InputError(`not a run folder: ${what}; pick a folder under the runs directory that holds experiment.json, encoder/ and decoder/`, { file: runDir });
  if (!existsSync(runPath(runDir, 'experiment'))) throw notARun(`${RUN_FILES.experiment} is missing`);
  refuseRunTrainedElsewhere(runDir, 'export it (its exported script is already its training script)');
  for (const part of ['encoder', 'decoder'] as const) {
    if (!existsSync(runPath(runDir, part, MODEL_FILES.topology))) throw notARun(`${RUN_FILES[part]}/${MODEL_FILES.topology} is missing (the run saves it when it ends; was it stopped before its first epoch?)`);
  }
  const { experiment, experimentFile } = readRunExperiment(runDir);
  const encoder = readNetwork(runPath(runDir, 'encoder', MODEL_FILES.topology));
  const decoder = readNetwork(runPath(runDir, 'decoder', MODEL_FILES.topology));
  const data = readDataJson(runDir);
  const sampleShape = data?.sampleShape ?? inputShape(encoder);
  if (!sampleShape) throw new InputError(`the encoder has no input shape and ${RUN_FILES.data} is missing`, { file: runDir });
  // Runs always write data.json; the fallback mirrors the "auto" normalisation for older folders.
  const normalization = data?.normalization ?? (sampleShape.length === 3 ? { kind: 'scale', divisor: 255 } : { kind: 'minmax', min: [], max: [] });
  return { runDir, runId: basename(runDir), experiment, experimentFile, encoder, decoder, sampleShape, normalization };
}

/** model.json is checked as JSON here; networkSpec checks the layers it needs. */
function readNetwork(file: string): NetworkSpec {
  return networkSpec(readRunJson(file, z.unknown()), file);
}
