// A run another engine trained (the exported PyTorch script) comes with tfjs models but without what our trainer keeps
// from its last epoch and its end: the dashboard's views (views/), the search codes and the anomaly threshold. Its
// first evaluation on its own data makes them, through the code a training run uses (startEpochViews,
// keepTrainingSetResults), so its dashboard tabs and `aelab score` / `neighbors` work like ours.
import { existsSync } from 'node:fs';
import type * as tf from '@tensorflow/tfjs';
import type { Experiment } from '../../protocol/experiment';
import { otherEngineOf } from '../../protocol/trainedElsewhere';
import { VIEW_PAYLOADS } from '../../protocol/viewPayloads';
import { readDataJson, type AnomalyThreshold } from '../../runs/dataFile';
import { runPath, SEARCH_FILES } from '../../runs/layout';
import { readSummary } from '../../runs/summaryFile';
import type { LoadedRun } from '../apply/loadRun';
import type { Dataset } from '../data/dataset';
import { buildAutoencoder } from '../models/buildAutoencoder';
import { startEpochViews } from '../run/epochViews';
import { keepTrainingSetResults } from '../runs/saveRunModels';

export interface CompletedRun {
  /** The anomaly threshold it wrote; undefined when the run already had one (or our trainer made it). */
  threshold?: AnomalyThreshold | null;
  /** What the evaluation's notes say was made. */
  notes: string[];
}

/** Makes what the run lacks when another engine trained it; nothing for our runs or one already completed. */
export function completeRunTrainedElsewhere(run: LoadedRun, experiment: Experiment, train: Dataset, validation: Dataset): CompletedRun {
  const summary = readSummary(run.runDir);
  const engine = summary && otherEngineOf(summary.backend);
  if (!summary || !engine) return { notes: [] };
  const notes: string[] = [];
  let threshold: AnomalyThreshold | null | undefined;
  const data = readDataJson(run.runDir);
  if (data && !(run.threshold && existsSync(runPath(run.runDir, 'search', SEARCH_FILES.index)))) {
    threshold = keepTrainingSetResults(run.runDir, run.models, train, run.loss, experiment.data.aggregate ?? 'mean', data);
    notes.push(`trained by ${engine}: its search codes and anomaly threshold (${threshold ? threshold.value.toPrecision(4) : 'none: no finite error'}) were computed from its ${train.count} training samples`);
  }
  if (!existsSync(runPath(run.runDir, 'views', VIEW_PAYLOADS.reconstructions.snapshotFile))) {
    const epoch = summary.modelsEpoch ?? summary.epochs;
    writeViews(run, experiment, train, validation, epoch);
    notes.push(`trained by ${engine}: the dashboard's views (reconstructions, latent space, errors) were made with its epoch-${epoch} models`);
  }
  return { threshold, notes };
}

/** The views a training run writes after an epoch, made once with a fresh network holding the run's weights. */
function writeViews(run: LoadedRun, experiment: Experiment, train: Dataset, validation: Dataset, epoch: number): void {
  const autoencoder = buildAutoencoder(experiment, train.sampleShape);
  try {
    copyWeights(run.layers.encoder, autoencoder.encoder);
    copyWeights(run.layers.decoder, autoencoder.decoder);
    startEpochViews(run.runDir, () => undefined, autoencoder, experiment, train, validation).afterEpoch(epoch);
  } finally {
    autoencoder.encoder.dispose();
    autoencoder.decoder.dispose();
  }
}

/** Both models come from the same builder, so their weights pair up by name and order; checked, not assumed. */
function copyWeights(from: tf.LayersModel, to: tf.LayersModel): void {
  const names = (model: tf.LayersModel) => model.weights.map((weight) => weight.originalName).join(', ');
  if (names(from) !== names(to)) throw new Error(`the saved ${from.name} has weights ${names(from)}; the network built from experiment.json has ${names(to)}`);
  to.setWeights(from.getWeights());
}
