// Writes model/ (end to end), encoder/ and decoder/ in the tfjs layers format, plus the data normalisation.
import type { Dataset } from '../data/dataset';
import type { Autoencoder } from '../models/types';
import { writeFileAtomic } from './atomicWrite';
import type { RunFolder } from './runFolder';
import { combinedModel, saveLayersModel } from './saveModel';
import { join } from 'node:path';

export async function saveRunModels(autoencoder: Autoencoder, run: RunFolder, dataset: Dataset): Promise<void> {
  await saveLayersModel(combinedModel(autoencoder.encoder, autoencoder.decoder), run.path('model'));
  await saveLayersModel(autoencoder.encoder, run.path('encoder'));
  await saveLayersModel(autoencoder.decoder, run.path('decoder'));
  const data = { sampleShape: dataset.sampleShape, normalization: dataset.normalization, labelNames: dataset.labelNames ?? null };
  writeFileAtomic(join(run.runDir, 'data.json'), `${JSON.stringify(data, null, 2)}\n`);
}
