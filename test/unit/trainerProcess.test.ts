// A real child-process run through the bundled trainer: the same path VS Code and the CLI take.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EpochMetrics, RunSummary, TrainerToHost } from '../../src/protocol/trainerMessages';
import { tempWorkspace, writeExperiment } from '../helpers/experimentFiles';
import { startTrainer } from '../helpers/runTrainer';

const ofType = <T extends TrainerToHost['type']>(messages: TrainerToHost[], type: T) =>
  messages.filter((m): m is Extract<TrainerToHost, { type: T }> => m.type === type);

describe('trainer child process', () => {
  it('trains 2 epochs on 512 builtin samples and writes a complete run folder', async () => {
    const workspace = tempWorkspace();
    const file = writeExperiment(workspace, { name: 'two-epochs' });
    const runsDir = join(workspace, '.aelab', 'runs');
    const { messages, exited } = startTrainer({ experimentFile: file, runsDir, overrides: { backend: 'wasm' } });
    const exit = await exited;

    expect(exit.error).toBeNull();
    const started = ofType(messages, 'started')[0];
    expect(started).toMatchObject({ trainSamples: 461, validationSamples: 51, kind: 'deep', backend: 'wasm (SIMD)' });
    const epochs = ofType(messages, 'epoch').map((m) => m.metrics);
    expect(epochs.map((m) => m.epoch)).toEqual([1, 2]);
    expect(epochs[1].loss).toBeLessThan(epochs[0].loss);
    expect(epochs[1].val_loss!).toBeLessThan(epochs[0].val_loss!);
    expect(ofType(messages, 'batch').length).toBeGreaterThanOrEqual(2 * 8);
    const reconstructions = ofType(messages, 'reconstructions');
    expect(reconstructions).toHaveLength(2);
    expect(reconstructions[0].inputs).toHaveLength(8);
    expect(reconstructions[0].outputs[0]).toBeInstanceOf(Float32Array);
    expect(reconstructions[0].outputs[0]).toHaveLength(784);

    const runDir = started.runDir;
    expect(runDir.startsWith(runsDir)).toBe(true);
    const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary).toMatchObject({ status: 'completed', backend: 'wasm (SIMD)', epochs: 2, error: null });
    expect(Number.isFinite(summary.final!.val_loss)).toBe(true);
    const experiment = JSON.parse(readFileSync(join(runDir, 'experiment.json'), 'utf8'));
    expect(experiment.training).toMatchObject({ epochs: 2, batchSize: 64, seed: 7, optimizer: 'adam' });
    const lines = readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as EpochMetrics);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(Object.keys(line)).toEqual(expect.arrayContaining(['epoch', 'loss', 'val_loss', 'seconds', 'samples_per_second', 'threads']));
    for (const model of ['model', 'encoder', 'decoder']) {
      const topology = JSON.parse(readFileSync(join(runDir, model, 'model.json'), 'utf8'));
      expect(topology.format).toBe('layers-model');
      expect(existsSync(join(runDir, model, 'weights.bin'))).toBe(true);
    }
    // Atomic writes leave no temp files behind.
    expect(readdirSync(runDir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('stops within one batch and records status "stopped"', async () => {
    const workspace = tempWorkspace();
    const file = writeExperiment(workspace, {
      name: 'stop-me',
      data: { source: 'builtin:mnist', validationSplit: 0.1, limit: 4000 },
      // Batches of tens of ms: 'batch' messages already in flight when the stop arrives then stay under one batch.
      model: { hidden: [512, 256], latentDim: 16 },
      training: { epochs: 50, batchSize: 256, learningRate: 0.001, seed: 1 },
    });
    let batchesAfterStop = -1;
    const { exited } = startTrainer({ experimentFile: file, runsDir: join(workspace, 'runs') }, (message, trainer) => {
      if (message.type !== 'batch') return;
      if (batchesAfterStop >= 0) batchesAfterStop++;
      else if (message.epoch === 1 && message.batch === 5) {
        batchesAfterStop = 0;
        trainer.stop();
      }
    });
    const exit = await exited;
    expect(exit.summary?.status).toBe('stopped');
    expect(batchesAfterStop).toBeLessThanOrEqual(1);
    expect(exit.summary?.epochs).toBe(0);
  });

  it('fails a run with a clear error when the data path does not exist', async () => {
    const workspace = tempWorkspace();
    const file = writeExperiment(workspace, { name: 'missing-data', data: { source: 'nowhere/train.idx.gz' } });
    const { exited } = startTrainer({ experimentFile: file, runsDir: join(workspace, 'runs') });
    const exit = await exited;
    expect(exit.summary?.status).toBe('failed');
    expect(exit.summary?.error).toMatchObject({ reason: 'input', field: 'data.source' });
    expect(exit.error).toContain('missing-data.ae.json');
    expect(exit.error).toContain('nowhere/train.idx.gz');
  });
});
