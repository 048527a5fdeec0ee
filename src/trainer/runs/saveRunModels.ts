// Writes model/ (end to end), encoder/ and decoder/ in the tfjs layers format, plus the data normalisation (data.json).
import { writeDataJson } from '../../runs/dataFile';
import type { RunFolder } from '../../runs/runFolder';
import type { Dataset } from '../data/dataset';
import type { Autoencoder } from '../models/types';
import { combinedModel, saveLayersModel } from './saveModel';

export async function saveRunModels(autoencoder: Autoencoder, run: RunFolder, dataset: Dataset): Promise<void> {
  await saveLayersModel(combinedModel(autoencoder.encoder, autoencoder.decoder), run.path('model'));
  await saveLayersModel(autoencoder.encoder, run.path('encoder'));
  await saveLayersModel(autoencoder.decoder, run.path('decoder'));
  writeDataJson(run.runDir, { sampleShape: dataset.sampleShape, normalization: dataset.normalization, labelNames: dataset.labelNames ?? null });
}
