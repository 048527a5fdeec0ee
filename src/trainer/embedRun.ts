// Export Embeddings: encodes every sample of a run's dataset with its saved encoder and writes one CSV row per sample.
import * as tf from '@tensorflow/tfjs';
import { labelsTensor, modelInputs } from './models/conditioning';
import { existsSync } from 'node:fs';
import { InputError, isInputError } from '../protocol/errors';
import { csvLine } from '../protocol/csvField';
import type { EmbedMessage, TrainerMessageOf } from '../protocol/trainerMessages';
import { writeFileAtomic } from '../runs/atomicWrite';
import { readRunExperiment } from '../runs/experimentFile';
import { MODEL_FILES, runPath } from '../runs/layout';
import { refuseRunTrainedElsewhere } from '../runs/trainedElsewhere';
import { selectBackend } from './backends/selectBackend';
import { loadDataset } from './data/loadDataset';
import { samplesTensor } from './data/samplesTensor';
import { splitDataset } from './data/split';
import { materialize } from './data/validateSamples';
import { loadLayersModelFromDir } from './runs/loadModel';

const BATCH = 1000;

/** Unusable run files or data come back as an 'input' failure (the CLI exits 2); anything else is thrown. */
export async function embedRun(message: EmbedMessage): Promise<TrainerMessageOf<'exported'>> {
  try {
    return await writeEmbeddings(message);
  } catch (error) {
    if (!isInputError(error)) throw error;
    return { type: 'exported', file: null, rows: 0, error: error.message, reason: 'input' };
  }
}

async function writeEmbeddings(message: EmbedMessage): Promise<TrainerMessageOf<'exported'>> {
  await selectBackend(message.backend);
  refuseRunTrainedElsewhere(message.runDir, 'embed data with it');
  const { experiment, experimentFile } = readRunExperiment(message.runDir);
  const encoderFile = runPath(message.runDir, 'encoder', MODEL_FILES.topology);
  if (!existsSync(encoderFile)) throw new InputError('is missing; the run saves its encoder when it ends (was it stopped before its first epoch?)', { file: encoderFile });
  const loaded = await loadDataset(experiment.data, experimentFile, experiment.training.loss);
  // The run trained on a seeded subset when data.limit is set: export the codes of exactly those samples.
  const dataset = materialize(experiment.data.limit ? splitDataset(loaded, 0, experiment.training.seed, experiment.data.limit).train : loaded);
  const encoder = await loadLayersModelFromDir(runPath(message.runDir, 'encoder'));
  const rows: string[] = [];
  let latentDim = 0;
  for (let start = 0; start < dataset.count; start += BATCH) {
    const count = Math.min(BATCH, dataset.count - start);
    const codes = tf.tidy(() => {
      const output = encoder.predict(modelInputs(encoder, samplesTensor(dataset, start, count), labelsTensor(dataset.labels, start, count)));
      const code = Array.isArray(output) ? output[0] : output; // VAEs: z_mean
      return code.reshape([count, -1]).arraySync() as number[][];
    });
    codes.forEach((code, i) => {
      const n = start + i;
      const label = dataset.labels ? (dataset.labelNames?.[dataset.labels[n]] ?? String(dataset.labels[n])) : '';
      latentDim = code.length;
      rows.push(csvLine([dataset.sourceNames?.[n] ?? `sample ${n}`, label, ...code]));
    });
  }
  encoder.dispose();
  const header = csvLine(['source', 'label', ...Array.from({ length: latentDim }, (_, i) => `z${i}`)]);
  try {
    writeFileAtomic(message.outFile, `${header}\n${rows.map((row) => `${row}\n`).join('')}`);
  } catch (error) {
    throw new InputError(`cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file: message.outFile });
  }
  return { type: 'exported', file: message.outFile, rows: rows.length };
}
