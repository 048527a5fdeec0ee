// A run folder as the exported PyTorch script writes it (issue 18's contract): experiment.json, data.json (a copy,
// may be absent), metrics.jsonl with the world size as `threads` and the kind's loss parts, summary.json with backend
// "pytorch", log.txt and pytorch/{autoencoder.pt, source.json}; no checkpoint/, views/ or evaluation.json. By default
// also no model/, encoder/ or decoder/ (a script from before they were written back, or one stopped before its first
// epoch); `tfjsModels` adds encoder/ and decoder/ model.json files, which the listing readers only look for (the real
// ones are tested in test/unit/pytorch/weightsBack.test.ts). Readers are tested on it without running Python.
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { ExperimentInput } from '../../src/protocol/experiment';
import { KINDS } from '../../src/protocol/kinds';
import type { EpochMetrics, RunStatus, RunSummary } from '../../src/protocol/trainerMessages';
import type { DataJson } from '../../src/runs/dataFile';
import type { RunOwner } from '../../src/runs/runLiveness';

export interface PytorchRunOptions {
  runId: string;
  kind?: 'deep' | 'vae';
  status?: RunStatus;
  /** Finished epochs, one metrics line each; 0 is the script's `--epochs 0` (evaluation only). */
  epochs?: number;
  epochsPlanned?: number;
  /** torchrun's world size, logged as each epoch's `threads`. */
  worldSize?: number;
  /** Present while running (the script's heartbeat); a dead pid on this host makes the run interrupted. */
  owner?: RunOwner;
  /** Whether the script copied the source run's data.json. */
  withData?: boolean;
  /** Whether encoder/ and decoder/ hold a model.json, as the script writes them after each epoch. */
  tfjsModels?: boolean;
  startedAt?: string;
}

const EXPERIMENTS: Record<'deep' | 'vae', ExperimentInput> = {
  deep: { name: 'deep-mnist', kind: 'deep', data: { source: 'builtin:mnist', validationSplit: 0.1, limit: 512 }, model: { hidden: [64], latentDim: 16 }, training: { epochs: 2, batchSize: 64, learningRate: 0.002, seed: 7 } },
  vae: { name: 'vae-mnist', kind: 'vae', data: { source: 'builtin:mnist', validationSplit: 0.1, limit: 512 }, model: { hidden: [64], latentDim: 2 }, training: { epochs: 2, batchSize: 64, learningRate: 0.001, seed: 7 } },
};

/** data.json of a run on the bundled MNIST digits, as our trainer writes it (and the script copies it). */
export const MNIST_DATA_JSON: DataJson = { sampleShape: [28, 28, 1], normalization: { kind: 'scale', divisor: 255 }, labelNames: null, input: { kind: 'images', height: 28, width: 28, channels: 1, resize: 'bilinear' }, threshold: null };

/** Epoch `epoch`'s metrics line: a loss that falls with the epoch, so curves are easy to tell apart. */
export function pytorchEpochMetrics(kind: 'deep' | 'vae', epoch: number, worldSize = 1): EpochMetrics {
  const loss = 0.3 / epoch;
  const parts = Object.fromEntries(KINDS[kind].lossParts.flatMap((part, i) => [[part, loss / (i + 2)], [`val_${part}`, loss / (i + 2) + 0.01]]));
  return { epoch, loss, val_loss: loss + 0.02, seconds: 1.5, samples_per_second: 300 * worldSize, threads: worldSize, ...parts };
}

/** Writes `<runsDir>/<runId>/` as the exported script does and returns the run folder. */
export function writePytorchRunFolder(runsDir: string, options: PytorchRunOptions): string {
  const { runId, kind = 'deep', status = 'completed', worldSize = 1, withData = true } = options;
  const epochs = options.epochs ?? 2;
  const runDir = join(runsDir, runId);
  mkdirSync(join(runDir, 'pytorch'), { recursive: true });
  const experiment = EXPERIMENTS[kind];
  writeFileSync(join(runDir, 'experiment.json'), JSON.stringify(experiment, null, 2));
  if (withData) {
    writeFileSync(join(runDir, 'data.json'), JSON.stringify(MNIST_DATA_JSON));
  }
  const lines = Array.from({ length: epochs }, (_, i) => pytorchEpochMetrics(kind, i + 1, worldSize));
  writeFileSync(join(runDir, 'metrics.jsonl'), lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
  // --epochs 0 evaluates only: the script still records the validation loss it measured, as epoch 0.
  const final = lines.at(-1) ?? { ...pytorchEpochMetrics(kind, 1, worldSize), epoch: 0, seconds: 0.5 };
  const summary: RunSummary = {
    runId,
    name: experiment.name,
    kind,
    status,
    backend: 'pytorch',
    epochs,
    epochsPlanned: options.epochsPlanned ?? epochs,
    final: status === 'running' && epochs === 0 ? null : final,
    best_val_loss: lines.length ? Math.min(...lines.map((line) => line.val_loss ?? Infinity)) : final.val_loss,
    parameterCount: 101_770,
    trainSamples: 461,
    validationSamples: 51,
    droppedSamples: { count: 0, reasons: {} },
    startedAt: options.startedAt ?? '2026-12-01T07:00:00.000Z',
    endedAt: status === 'running' ? null : '2026-12-01T07:01:00.000Z',
    error: status === 'failed' ? { message: 'RuntimeError: CUDA out of memory', reason: 'crashed' } : null,
    ...(options.owner ? { owner: options.owner } : {}),
  };
  writeFileSync(join(runDir, 'summary.json'), JSON.stringify(summary, null, 2));
  writeFileSync(join(runDir, 'log.txt'), `torch 1.13.1, world size ${worldSize}, device cpu\n`);
  writeFileSync(join(runDir, 'pytorch', 'autoencoder.pt'), Buffer.from('not a real state dict'));
  writeFileSync(join(runDir, 'pytorch', 'source.json'), JSON.stringify({ sourceRun: 'deep-20261130-120000', initFrom: null }));
  for (const part of options.tfjsModels ? ['encoder', 'decoder'] : []) {
    mkdirSync(join(runDir, part));
    writeFileSync(join(runDir, part, 'model.json'), JSON.stringify({ format: 'layers-model', modelTopology: { class_name: 'Model', config: { name: part } }, weightsManifest: [] }));
  }
  return runDir;
}

/** An owner record for a process that is gone: a pid no process has on this host, with a fresh heartbeat. */
export function deadOwnerOnThisHost(): RunOwner {
  return { pid: 2 ** 22 + 1, host: hostname(), heartbeatAt: new Date().toISOString() };
}
