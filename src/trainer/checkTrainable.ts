// Checks that need both the experiment and the loaded data. Errors stop the run; warnings go to the run log.
import { InputError } from '../protocol/errors';
import type { Experiment } from '../protocol/experiment';
import { KINDS, needsImages, sequenceNetwork } from '../protocol/kinds';
import type { Dataset } from './data/dataset';
import { refuseOversizedModel } from './models/estimateModelSize';

export function checkTrainable(experiment: Experiment, file: string, train: Dataset, sampleShape: number[]): string[] {
  const warnings: string[] = [];
  if (train.count === 0) throw new InputError('no training samples are left after the validation split; add data or lower data.validationSplit', { file, field: 'data.validationSplit' });
  if (experiment.training.batchSize > train.count) {
    throw new InputError(`batch size ${experiment.training.batchSize} is larger than the ${train.count} training samples; use at most ${train.count}`, {
      file,
      field: 'training.batchSize',
    });
  }
  if (needsImages(experiment.kind, experiment.model) && sampleShape.length !== 3) {
    throw new InputError(`kind "${experiment.kind}" needs image data of shape [height, width, channels], but the data has shape [${sampleShape.join(', ')}]; use kind "deep" for tables`, {
      file,
      field: 'kind',
    });
  }
  const sequence = sequenceNetwork(experiment.kind, experiment.model);
  if (sequence && sampleShape.length > 2) {
    // The kind itself (conv1d, lstm) or model.architecture chose the sequence network.
    const field = KINDS[experiment.kind].network.from === 'sequence' ? 'kind' : 'model.architecture';
    throw new InputError(
      `${field === 'kind' ? `kind "${experiment.kind}"` : `model.architecture "${sequence}"`} reads samples as sequences of shape [steps, channels] (data.format "timeseries", or table rows as one-channel series), ` +
        `but data.format "${experiment.data.format}" gave samples of shape [${sampleShape.join(', ')}]; use an image kind such as "conv" for images`,
      { file, field },
    );
  }
  if (KINDS[experiment.kind].generates === 'label' && !train.labels) {
    throw new InputError(`kind "${experiment.kind}" generates by label, so it trains on labelled data only, but ${experiment.data.source} has no labels; use labelled images (one folder per class, IDX with its labels file, builtin:mnist) or a table with data.labelColumn`, {
      file,
      field: 'data.source',
    });
  }
  refuseOversizedModel(experiment, sampleShape, file, undefined, train.labelNames?.length ?? 0);
  const inputSize = sampleShape.reduce((a, b) => a * b, 1);
  if (experiment.kind === 'undercomplete' && experiment.model.latentDim >= inputSize) {
    warnings.push(`${file}: field "model.latentDim": ${experiment.model.latentDim} is not smaller than the input size ${inputSize}, so the undercomplete autoencoder can learn the identity; use a smaller code`);
  }
  // A z-scored series goes below 0, which a sigmoid output cannot reach (images and min-max tables stay in [0, 1]).
  if (train.series && train.normalization.kind === 'zscore' && experiment.model.outputActivation === 'sigmoid') {
    warnings.push(`${file}: field "model.outputActivation": "sigmoid" only outputs values in (0, 1), but the series is z-scored (negative values too); set it to "linear" with training.loss "mse"`);
  }
  return warnings;
}
