// Fault injection on the real trainer child: SIGKILL mid-epoch, host disconnect, divergence, resume continuity.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EpochMetrics, RunSummary } from '../../../src/protocol/trainerMessages';
import { tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';
import { startTrainer } from '../../helpers/runTrainer';

const readMetrics = (runDir: string) =>
  readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as EpochMetrics);
const readSummary = (runDir: string) => JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as RunSummary;

const faultExperiment = { data: { source: 'builtin:mnist', validationSplit: 0.1, limit: 2000 }, training: { epochs: 4, batchSize: 32, learningRate: 0.002, seed: 3 } };

describe('faults', () => {
  it('SIGKILL mid-epoch: summary says failed with the signal, the checkpoint is intact, and resume completes', async () => {
    const workspace = tempWorkspace();
    const file = writeExperiment(workspace, { name: 'killed', ...faultExperiment });
    let runDir = '';
    const killed = startTrainer({ experimentFile: file, runsDir: join(workspace, 'runs') }, (message, trainer) => {
      if (message.type === 'started') runDir = message.runDir;
      if (message.type === 'batch' && message.epoch === 2 && message.batch === 20) {
        trainer.kill('SIGKILL');
      }
    });
    const exit = await killed.exited;
    // The host learns of the death from the child's exit event and has recorded it by the time `exited` resolves.
    expect(exit.signal).toBe('SIGKILL');
    expect(exit.summary).toMatchObject({ status: 'failed', epochs: 1, error: { reason: 'killed' } });
    expect(exit.summary?.error?.message).toContain('SIGKILL');
    expect(readSummary(runDir).status).toBe('failed');

    const manifest = JSON.parse(readFileSync(join(runDir, 'checkpoint', 'checkpoint.json'), 'utf8'));
    expect(manifest.epoch).toBe(1);
    const floats = [...manifest.model, ...manifest.optimizer].reduce((n: number, s: { shape: number[] }) => n + s.shape.reduce((a, b) => a * b, 1), 0);
    expect(statSync(join(runDir, 'checkpoint', 'weights.bin')).size).toBe(floats * 4);

    const resumed = startTrainer({ experimentFile: join(runDir, 'experiment.json'), runsDir: join(workspace, 'runs'), resumeRunDir: runDir });
    const resumedExit = await resumed.exited;
    expect(resumedExit.summary).toMatchObject({ status: 'completed', epochs: 4, runId: exit.summary!.runId });
    expect(readMetrics(runDir).map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
  });

  it('resuming at a fixed seed continues the uninterrupted loss curve', async () => {
    const workspace = tempWorkspace();
    const file = writeExperiment(workspace, { name: 'continuity', ...faultExperiment });
    const straight = await startTrainer({ experimentFile: file, runsDir: join(workspace, 'a') }).exited;

    let runDir = '';
    const first = startTrainer({ experimentFile: file, runsDir: join(workspace, 'b'), overrides: { epochs: 2 } }, (m) => m.type === 'started' && (runDir = m.runDir));
    expect((await first.exited).summary?.status).toBe('completed');
    const second = await startTrainer({ experimentFile: file, runsDir: join(workspace, 'b'), resumeRunDir: runDir, overrides: { epochs: 4 } }).exited;
    expect(second.summary?.status).toBe('completed');

    const expected = readMetrics(join(workspace, 'a', straight.summary!.runId));
    const actual = readMetrics(runDir);
    expect(actual.map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
    for (let i = 0; i < 4; i++) {
      expect(Math.abs(actual[i].loss - expected[i].loss) / expected[i].loss).toBeLessThan(0.01);
      expect(Math.abs(actual[i].val_loss! - expected[i].val_loss!) / expected[i].val_loss!).toBeLessThan(0.01);
    }
  });

  it('a host that disconnects (window reload) stops the trainer instead of orphaning it', async () => {
    const workspace = tempWorkspace();
    const file = writeExperiment(workspace, { name: 'orphan', ...faultExperiment, training: { ...faultExperiment.training, epochs: 100 } });
    let runDir = '';
    const run = startTrainer({ experimentFile: file, runsDir: join(workspace, 'runs') }, (message, trainer) => {
      if (message.type === 'started') runDir = message.runDir;
      if (message.type === 'batch' && message.batch === 10) (trainer as unknown as { child: { disconnect(): void } }).child.disconnect();
    });
    const exit = await run.exited;
    expect(exit.exitCode).toBe(0);
    expect(readSummary(runDir).status).toBe('stopped');
  });

  it('a diverging run fails with reason "diverged" at an epoch and batch, keeps the last good checkpoint, and suggests a lower learning rate', async () => {
    const workspace = tempWorkspace();
    const file = writeExperiment(workspace, {
      name: 'diverge',
      data: { source: 'builtin:mnist', validationSplit: 0.1, limit: 1000 },
      model: { hidden: [64], latentDim: 16, activation: 'relu', outputActivation: 'linear' },
      training: { epochs: 5, batchSize: 10, learningRate: 1e6, optimizer: 'sgd', loss: 'mse', seed: 1 },
    });
    let runDir = '';
    const exit = await startTrainer({ experimentFile: file, runsDir: join(workspace, 'runs') }, (m) => m.type === 'started' && (runDir = m.runDir)).exited;
    expect(exit.summary?.status).toBe('failed');
    expect(exit.summary?.error).toMatchObject({ reason: 'diverged' });
    expect(exit.summary?.error?.epoch).toBeGreaterThanOrEqual(1);
    expect(exit.summary?.error?.batch).toBeGreaterThanOrEqual(1);
    expect(exit.summary?.error?.message).toMatch(/lower training\.learningRate/);
    expect(existsSync(join(runDir, 'model'))).toBe(false);
  });
});
