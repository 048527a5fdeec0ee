// Step 1 of a run: the experiment's data loaded, checked, logged and split. With data.includeLabels (the one-class
// protocol) training and val_loss see only the named classes, while the evaluation set keeps every class.
import type { DataConfig, Experiment } from '../../protocol/experiment';
import type { RunSummary } from '../../protocol/trainerMessages';
import { checkTrainable } from '../checkTrainable';
import type { Dataset } from '../data/dataset';
import { classNames, keepClasses, selectClasses } from '../data/labelSelection';
import { loadDataset } from '../data/loadDataset';
import { loadNoiseRecording } from '../data/audio/noiseRecording';
import { splitDataset } from '../data/split';

export interface PreparedData {
  dataset: Dataset;
  train: Dataset;
  /** What val_loss is computed on. */
  validation: Dataset;
  /** The whole validation part of the split, every label (what evaluation.json scores). */
  evaluation: Dataset;
}

type Counts = Partial<Pick<RunSummary, 'droppedSamples' | 'trainSamples' | 'validationSamples'>>;

/** `summary`: where the sample counts go (the run's summary, or a scratch object when a run's data is loaded again). */
export async function prepareData(experiment: Experiment, experimentFile: string, summary: Counts, log: (level: 'info' | 'warn', message: string) => void): Promise<PreparedData> {
  const data: DataConfig = experiment.data;
  const dataset = await loadDataset(data, experimentFile, experiment.training.loss);
  const noise = loadNoiseRecording(experiment, experimentFile, dataset.audio?.settings);
  // On the layout, which splits share: training, evaluation and the audio view mix the same recording.
  if (noise && dataset.audio) {
    dataset.audio.noise = noise;
    log('info', `model.noise.file: ${noise.name} (${(noise.samples.length / dataset.audio.settings.sampleRate).toFixed(2)} s, looped)`);
  }
  summary.droppedSamples = { count: dataset.dropped.count, reasons: dataset.dropped.reasons };
  if (dataset.dropped.count > 0) {
    const reasons = Object.entries(dataset.dropped.reasons).map(([why, n]) => `${n} × ${why}`).join(', ');
    log('warn', `dropped ${dataset.dropped.count} samples: ${reasons}`);
  }
  dataset.dropped.files.forEach((file) => log('warn', `skipped bad file: ${file}`));
  dataset.notes.forEach((note) => log('info', note));
  const split = splitDataset(dataset, data.validationSplit, experiment.training.seed, data.limit);
  let { train, validation } = split;
  if (data.includeLabels) {
    const included = selectClasses(dataset, data.includeLabels, 'data.includeLabels');
    train = keepClasses(split.train, included);
    validation = keepClasses(split.validation, included);
    const names = classNames(dataset).filter((_, id) => included.has(id));
    log('info', `data.includeLabels (${names.join(', ')}): training on ${train.count} of ${split.train.count} samples, val_loss on ${validation.count} of ${split.validation.count}; evaluation sees all ${split.validation.count}`);
  }
  checkTrainable(experiment, experimentFile, train, dataset.sampleShape).forEach((warning) => log('warn', warning));
  Object.assign(summary, { trainSamples: train.count, validationSamples: validation.count });
  return { dataset, train, validation, evaluation: split.validation };
}
