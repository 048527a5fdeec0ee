import type { NoiseRecording } from '../data/audio/noiseRecording';
import type { Experiment } from '../../protocol/experiment';
import { InputError } from '../../protocol/errors';
import { MODEL_BUILDERS } from './registry';
import type { Autoencoder } from './types';

/** `classes`: how many classes the data's labels have, for the conditional kinds. */
export function buildAutoencoder(experiment: Experiment, inputShape: number[], file?: string, classes?: number, noiseRecording?: NoiseRecording): Autoencoder {
  const build = MODEL_BUILDERS[experiment.kind];
  if (!build) throw new InputError(`kind "${experiment.kind}" is not available in this build`, { file, field: 'kind' });
  return build({ model: experiment.model, training: experiment.training, inputShape, classes, noiseRecording });
}
