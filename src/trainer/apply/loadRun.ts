// Opens a finished run for applying it to new data: its models, its input spec and normalisation (data.json) and the
// error metric it trained with. Every missing or unusable file is an InputError naming it.
import type * as tf from '@tensorflow/tfjs';
import { existsSync, statSync } from 'node:fs';
import { InputError } from '../../protocol/errors';
import type { TrainingConfig } from '../../protocol/experiment';
import { readDataJson, type AnomalyThreshold, type InputSpec } from '../../runs/dataFile';
import { readRunExperiment } from '../../runs/experimentFile';
import { MODEL_FILES, RUN_FILES, runPath } from '../../runs/layout';
import { refuseRunTrainedElsewhere } from '../../runs/trainedElsewhere';
import type { Normalization } from '../data/dataset';
import { outputOf } from '../models/audioMask';
import { loadLayersModelFromDir } from '../runs/loadModel';
import type { RunInput } from './inputTypes';
import { modelsOfLayers, type RunModels } from './runModels';

export interface LoadedRun extends RunInput {
  runDir: string;
  loss: TrainingConfig['loss'];
  threshold: AnomalyThreshold | null;
  models: RunModels;
  /** The models themselves (the evaluation's VAE metrics need both code heads). */
  layers: { encoder: tf.LayersModel; decoder: tf.LayersModel };
  dispose(): void;
}

/** `decoder`: the run's decoder when the caller has it loaded already (a served run); it stays the caller's to dispose. */
export async function loadRun(runDir: string, decoder?: tf.LayersModel): Promise<LoadedRun> {
  if (!existsSync(runDir) || !statSync(runDir).isDirectory()) throw new InputError('is not a run folder (no such folder)', { file: runDir });
  if (!existsSync(runPath(runDir, 'summary'))) throw new InputError(`is not a run folder (it has no ${RUN_FILES.summary})`, { file: runDir });
  refuseRunTrainedElsewhere(runDir, 'apply, evaluate or serve it');
  const { experiment } = readRunExperiment(runDir);
  const data = readDataJson(runDir);
  if (!data) throw new InputError('is missing; a run writes it with its models when training ends (was the run stopped before its first epoch?)', { file: runPath(runDir, 'data') });
  if (!data.input) throw new InputError('has no "input" spec: the run was made by a version that could not apply models to new data; train it again', { file: runPath(runDir, 'data') });
  for (const part of ['encoder', 'decoder'] as const) {
    const file = runPath(runDir, part, MODEL_FILES.topology);
    if (!existsSync(file)) throw new InputError(`is missing; the run saves its ${part} when training ends`, { file });
  }
  const encoder = await loadModel(runPath(runDir, 'encoder'));
  const ownDecoder = decoder ? undefined : await loadModel(runPath(runDir, 'decoder'));
  return {
    runDir,
    loss: experiment.training.loss,
    spec: data.input as InputSpec,
    normalization: data.normalization as Normalization,
    sampleShape: data.sampleShape,
    audio: data.audio,
    threshold: data.threshold ?? null,
    models: modelsOfLayers(encoder, (decoder ?? ownDecoder)!, outputOf(experiment.model)),
    layers: { encoder, decoder: (decoder ?? ownDecoder)! },
    dispose: () => {
      encoder.dispose();
      ownDecoder?.dispose();
    },
  };
}

async function loadModel(dir: string): Promise<tf.LayersModel> {
  try {
    return await loadLayersModelFromDir(dir);
  } catch (error) {
    throw new InputError(`cannot be loaded as a model (${error instanceof Error ? error.message : String(error)})`, { file: dir });
  }
}
