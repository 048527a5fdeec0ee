// Writes model/ (end to end), encoder/ and decoder/ in the tfjs layers format, and what applying the run to new data
// needs: data.json (input spec, normalisation, label names, anomaly threshold) and search/ (the training set's codes).
import { writeDataJson, type AnomalyThreshold, type DataJson } from '../../runs/dataFile';
import type { RunFolder } from '../../runs/runFolder';
import { removeSearchCodes, writeSearchCodes } from '../../runs/searchCodes';
import type { TrainingConfig } from '../../protocol/experiment';
import type { PointAggregate } from '../../protocol/series';
import type { Dataset } from '../data/dataset';
import type { Autoencoder } from '../models/types';
import { modelsOfAutoencoder, type RunModels } from '../apply/runModels';
import { runThreshold } from '../apply/runThreshold';
import { inputSpecOf } from './inputSpec';
import { combinedModel, saveLayersModel } from './saveModel';
import { passOverTrainingSet } from './trainingSetPass';

/**
 * Returns the anomaly threshold it wrote into data.json (null when the training set gave none). `aggregate`
 * (data.aggregate) makes a time series' point errors, which its threshold is on.
 */
export async function saveRunModels(autoencoder: Autoencoder, run: RunFolder, dataset: Dataset, train: Dataset, loss: TrainingConfig['loss'], aggregate: PointAggregate = 'mean'): Promise<AnomalyThreshold | null> {
  await saveLayersModel(combinedModel(autoencoder.encoder, autoencoder.decoder), run.path('model'));
  await saveLayersModel(autoencoder.encoder, run.path('encoder'));
  await saveLayersModel(autoencoder.decoder, run.path('decoder'));
  const data = { sampleShape: dataset.sampleShape, normalization: dataset.normalization, labelNames: dataset.labelNames ?? null, input: inputSpecOf(dataset, aggregate), threshold: null, ...(dataset.audio ? { audio: dataset.audio.settings } : {}) };
  // Written before the pass over the training set below, so a trainer killed during it (a stop that took too long)
  // still leaves a run that can be applied, only without search codes and a default threshold.
  writeDataJson(run.runDir, data);
  removeSearchCodes(run.runDir); // a resumed run's codes are of its old weights
  return keepTrainingSetResults(run.runDir, modelsOfAutoencoder(autoencoder), train, loss, aggregate, data);
}

/**
 * What a run keeps from one pass over its training set with its final models: search/ (the codes) and the anomaly
 * threshold, written into `data` (the run's data.json without it). Also how a run trained by another engine gets them
 * when it is first evaluated. Returns the threshold (null when the training set gave none).
 */
export function keepTrainingSetResults(runDir: string, models: RunModels, train: Dataset, loss: TrainingConfig['loss'], aggregate: PointAggregate, data: DataJson): AnomalyThreshold | null {
  // The input as given, never corrupted (also for denoising runs): that is how new data is scored.
  const pass = passOverTrainingSet(models, train, loss, aggregate);
  writeSearchCodes(runDir, {
    count: pass.count,
    dim: models.latentDim,
    codes: pass.codes,
    sources: Array.from({ length: train.count }, (_, i) => train.sourceNames?.[i] ?? `sample ${i}`),
    labels: Array.from({ length: train.count }, (_, i) => (train.labels ? (train.labelNames?.[train.labels[i]] ?? String(train.labels[i])) : null)),
  });
  // A series is scored point by point, so its threshold is on the training part's point errors (one per point).
  const thresholdErrors = pass.pointErrors ?? pass.errors;
  const rule = runThreshold(thresholdErrors);
  const threshold: AnomalyThreshold | null = rule && { ...rule, metric: loss, samples: thresholdErrors.filter(Number.isFinite).length };
  writeDataJson(runDir, { ...data, threshold });
  return threshold;
}
