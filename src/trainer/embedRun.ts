// Export Embeddings: encodes every sample of a run's dataset with its saved encoder and writes one CSV row per sample.
import * as tf from '@tensorflow/tfjs';
import { samplesTensor } from './data/samplesTensor';
import { join } from 'node:path';
import type { EmbedMessage, TrainerMessageOf } from '../protocol/trainerMessages';
import { selectBackend } from './backends/selectBackend';
import { loadDataset } from './data/loadDataset';
import { splitDataset } from './data/split';
import { materialize } from './data/validateSamples';
import { writeFileAtomic } from './runs/atomicWrite';
import { loadLayersModelFromDir } from './runs/loadModel';
import { readRunExperiment } from './runs/runFolder';
import { csvField } from '../protocol/csvField';

const BATCH = 1000;

export async function embedRun(message: EmbedMessage): Promise<TrainerMessageOf<'exported'>> {
  await selectBackend(message.backend);
  const { experiment, experimentFile } = readRunExperiment(message.runDir);
  const loaded = await loadDataset(experiment.data, experimentFile, experiment.training.loss);
  // The run trained on a seeded subset when data.limit is set: export the codes of exactly those samples.
  const dataset = materialize(experiment.data.limit ? splitDataset(loaded, 0, experiment.training.seed, experiment.data.limit).train : loaded);
  const encoder = await loadLayersModelFromDir(join(message.runDir, 'encoder'));
  const lines: string[] = [];
  for (let start = 0; start < dataset.count; start += BATCH) {
    const rows = Math.min(BATCH, dataset.count - start);
    const codes = tf.tidy(() => {
      const output = encoder.predict(samplesTensor(dataset, start, rows));
      const code = Array.isArray(output) ? output[0] : output; // VAEs: z_mean
      return code.reshape([rows, -1]).arraySync() as number[][];
    });
    codes.forEach((code, i) => {
      const n = start + i;
      const label = dataset.labels ? (dataset.labelNames?.[dataset.labels[n]] ?? String(dataset.labels[n])) : '';
      lines.push([csvField(dataset.sourceNames?.[n] ?? `sample ${n}`), csvField(label), ...code.map((v) => String(v))].join(','));
    });
  }
  encoder.dispose();
  const latentDim = lines.length ? lines[0].split(',').length - 2 : 0;
  const header = ['source', 'label', ...Array.from({ length: latentDim }, (_, i) => `z${i}`)].join(',');
  writeFileAtomic(message.outFile, `${header}\n${lines.join('\n')}\n`);
  return { type: 'exported', file: message.outFile, rows: lines.length };
}
