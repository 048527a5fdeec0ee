// best/: the weights of the run's best epoch, kept beside the last ones (training aids). Each improving epoch replaces
// the whole folder atomically (models and best.json together); with earlyStopping.restoreBest the run's final
// model/, encoder/ and decoder/ are written from it.
import * as tf from '@tensorflow/tfjs';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceDirAtomic } from '../../runs/atomicWrite';
import { readBestModelManifest, type BestModelManifest } from '../../runs/bestModelFile';
import { BEST_FILES, MODEL_FILES, RUN_FILES, runPath } from '../../runs/layout';
import type { StoppedEarly } from '../../protocol/trainerMessages';
import type { LoopOutcome } from '../loop/trainLoop';
import type { BestEpoch } from '../loop/trainingAids';
import type { Autoencoder } from '../models/types';
import { combinedModel, layersModelFiles, writeLayersModelFiles } from './saveModel';

/** The onBest callback of the training loop: writes best/ from the autoencoder's current weights. */
export function bestModelKeeper(autoencoder: Autoencoder, runDir: string): (best: BestEpoch) => Promise<void> {
  // Built once: it shares the encoder's and decoder's layers, so it always saves their current weights.
  let combined: tf.LayersModel | undefined;
  return async ({ epoch, monitor, value }) => {
    combined ??= combinedModel(autoencoder.encoder, autoencoder.decoder);
    const models = { model: await layersModelFiles(combined), encoder: await layersModelFiles(autoencoder.encoder), decoder: await layersModelFiles(autoencoder.decoder) };
    const manifest: BestModelManifest = { epoch, monitor, value, savedAt: new Date().toISOString() };
    replaceDirAtomic(runPath(runDir, 'best'), (temp) => {
      for (const [name, files] of Object.entries(models)) writeLayersModelFiles(join(temp, RUN_FILES[name as keyof typeof models]), files);
      writeFileSync(join(temp, BEST_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    });
  };
}

/**
 * Puts the weights of best/ into the autoencoder, when best/ holds `best.epoch` (a run resumed from a checkpoint
 * older than best/ has lost that epoch's weights: best/ is then removed). Returns the epoch restored, or a reason.
 */
function restoreBestModel(autoencoder: Autoencoder, runDir: string, best: BestEpoch): { epoch: number } | { skipped: string } {
  const manifest = readBestModelManifest(runDir);
  if (manifest?.epoch !== best.epoch) {
    rmSync(runPath(runDir, 'best'), { recursive: true, force: true });
    return { skipped: `the weights of epoch ${best.epoch} were not kept (the run resumed from an older checkpoint)` };
  }
  // Both read before either is set: a damaged decoder/ must not leave the best encoder beside the last decoder.
  const encoderWeights = readWeights(autoencoder.encoder, runPath(runDir, 'best', RUN_FILES.encoder));
  let decoderWeights: tf.Tensor[];
  try {
    decoderWeights = readWeights(autoencoder.decoder, runPath(runDir, 'best', RUN_FILES.decoder));
  } catch (error) {
    tf.dispose(encoderWeights);
    throw error;
  }
  autoencoder.encoder.setWeights(encoderWeights);
  autoencoder.decoder.setWeights(decoderWeights);
  tf.dispose([...encoderWeights, ...decoderWeights]);
  return { epoch: manifest.epoch };
}

/** weights.bin of a model with `model`'s topology, in model.weights' order (saved specs follow it). */
function readWeights(model: tf.LayersModel, dir: string): tf.Tensor[] {
  const { weightsManifest } = JSON.parse(readFileSync(join(dir, MODEL_FILES.topology), 'utf8')) as { weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  const specs = weightsManifest[0].weights;
  const bytes = readFileSync(join(dir, MODEL_FILES.weights));
  const named = tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), specs);
  if (specs.length !== model.weights.length) {
    tf.dispose(Object.values(named));
    throw new Error(`${dir} holds ${specs.length} weights but the model has ${model.weights.length}`);
  }
  return specs.map((spec) => named[spec.name]);
}

/** What summary.json says about the saved models: their epoch, the best epoch, and why the run ended early. */
export interface SavedModelsEpochs {
  bestEpoch?: number;
  modelsEpoch: number;
  stoppedEarly?: StoppedEarly;
}

/** Before the run's models are saved: the best epoch's weights when earlyStopping.restoreBest asks for them. */
export function chooseSavedModels(outcome: LoopOutcome, autoencoder: Autoencoder, runDir: string, log: (level: 'info' | 'warn', message: string) => void): SavedModelsEpochs {
  const stoppedEarly = outcome.status === 'completed' ? outcome.stoppedEarly : undefined;
  const chosen: SavedModelsEpochs = { bestEpoch: outcome.best?.epoch, modelsEpoch: outcome.epochsDone, ...(stoppedEarly ? { stoppedEarly } : {}) };
  if (!outcome.restoreBest || !outcome.best || outcome.best.epoch === outcome.epochsDone) return chosen;
  let restored: ReturnType<typeof restoreBestModel>;
  try {
    restored = restoreBestModel(autoencoder, runDir, outcome.best);
  } catch (error) {
    // A damaged best/ must not fail a run that trained: its last weights are still good models.
    restored = { skipped: `best/ cannot be read (${error instanceof Error ? error.message : String(error)})` };
  }
  if ('skipped' in restored) {
    log('warn', `earlyStopping.restoreBest: ${restored.skipped}; the saved models are from the last epoch, ${outcome.epochsDone}`);
    return chosen;
  }
  log('info', `restored the best weights, of epoch ${restored.epoch} (${outcome.best.monitor} ${outcome.best.value}), as the run's saved models`);
  return { ...chosen, modelsEpoch: restored.epoch };
}
