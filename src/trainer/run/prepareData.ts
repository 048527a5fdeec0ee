// Step 1 of a run: the experiment's data loaded, checked, logged and split.
import type { DataConfig, Experiment } from '../../protocol/experiment';
import type { RunSummary } from '../../protocol/trainerMessages';
import { checkTrainable } from '../checkTrainable';
import type { Dataset } from '../data/dataset';
import { loadDataset } from '../data/loadDataset';
import { splitDataset } from '../data/split';

export interface PreparedData {
  dataset: Dataset;
  train: Dataset;
  validation: Dataset;
}

export async function prepareData(experiment: Experiment, experimentFile: string, summary: RunSummary, log: (level: 'info' | 'warn', message: string) => void): Promise<PreparedData> {
  const data: DataConfig = experiment.data;
  const dataset = await loadDataset(data, experimentFile, experiment.training.loss);
  summary.droppedSamples = { count: dataset.dropped.count, reasons: dataset.dropped.reasons };
  if (dataset.dropped.count > 0) {
    const reasons = Object.entries(dataset.dropped.reasons).map(([why, n]) => `${n} × ${why}`).join(', ');
    log('warn', `dropped ${dataset.dropped.count} samples: ${reasons}`);
  }
  dataset.dropped.files.forEach((file) => log('warn', `skipped bad file: ${file}`));
  dataset.notes.forEach((note) => log('info', note));
  const { train, validation } = splitDataset(dataset, data.validationSplit, experiment.training.seed, data.limit);
  checkTrainable(experiment, experimentFile, train, dataset.sampleShape).forEach((warning) => log('warn', warning));
  Object.assign(summary, { trainSamples: train.count, validationSamples: validation.count });
  return { dataset, train, validation };
}
