// The vq-vae template through `aelab` on the wasm backend: an epoch with finite losses and codebook usage, a resume
// that continues exactly where an uninterrupted run goes (the codebook is in the checkpoint), and the saved models
// loading back for `aelab encode` and `aelab reconstruct`. In process: no tensors accumulate over epochs on wasm.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import type { EpochMetrics, RunSummary } from '../../../src/protocol/trainerMessages';
import { findTemplate } from '../../../src/templates/templates';
import { selectBackend } from '../../../src/trainer/backends/selectBackend';
import { loadBuiltinDataset } from '../../../src/trainer/data/builtin';
import { splitDataset } from '../../../src/trainer/data/split';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import { CLI_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';
import { trainCountingTensors } from '../../helpers/trainCountingTensors';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'images-small');
const aelab = (args: string[], cwd: string) => runNode([CLI_SCRIPT, ...args], { cwd, timeout: 240_000 });
const metricsOf = (runDir: string) => readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as EpochMetrics);

function templateWorkspace(prefix: string): string {
  const workspace = tempWorkspace(prefix);
  const experiment = findTemplate('vq-vae')!.experiment('vq');
  experiment.data = { ...experiment.data, limit: 320 };
  experiment.training = { ...experiment.training, batchSize: 64 };
  writeFileSync(join(workspace, 'vq.ae.json'), JSON.stringify(experiment));
  return workspace;
}

async function train(workspace: string, epochs: number): Promise<{ summary: RunSummary; runDir: string }> {
  const result = await aelab(['train', 'vq.ae.json', '--backend', 'wasm', '--epochs', String(epochs), '--json'], workspace);
  expect(result.status, result.stderr).toBe(0);
  const summary = JSON.parse(result.stdout) as RunSummary;
  return { summary, runDir: join(workspace, '.aelab', 'runs', summary.runId) };
}

describe('vq-vae through aelab on wasm', () => {
  it('trains an epoch with finite losses and codebook usage, resumes exactly, and its saved models encode and reconstruct', async () => {
    const workspace = templateWorkspace('aelab-vq-');
    const first = await train(workspace, 1);
    expect(first.summary).toMatchObject({ status: 'completed', backend: 'wasm (SIMD)', epochs: 1 });
    const [epoch1] = metricsOf(first.runDir);
    for (const key of ['loss', 'val_loss', 'recon_loss', 'commitment_loss', 'codebook_loss', 'val_recon_loss', 'perplexity']) expect(Number.isFinite(epoch1[key]), key).toBe(true);
    expect(epoch1.perplexity).toBeGreaterThanOrEqual(1);
    expect(epoch1.perplexity).toBeLessThanOrEqual(128);
    expect(Number.isInteger(epoch1.dead_codes) && (epoch1.dead_codes as number) < 128).toBe(true);
    // Epoch 1 ends with dead-code restarts (a weight change), so the resume below checks they are checkpointed.
    expect(epoch1.restarted_codes).toBe(epoch1.dead_codes);
    expect(epoch1.restarted_codes).toBeGreaterThan(0);

    const resumed = await aelab(['resume', first.runDir, '--epochs', '2', '--backend', 'wasm'], workspace);
    expect(resumed.status, resumed.stderr).toBe(0);
    const whole = await train(templateWorkspace('aelab-vq-whole-'), 2);
    // The same numbers up to the last rounded digit (a sum over the validation batches may round either way).
    const [resumedMetrics, wholeMetrics] = [metricsOf(first.runDir), metricsOf(whole.runDir)];
    expect(resumedMetrics).toHaveLength(2);
    resumedMetrics.forEach((epoch, i) => {
      const { seconds: _s, samples_per_second: _r, ...values } = epoch;
      expect(Object.keys(values).sort()).toEqual(Object.keys(wholeMetrics[i]).filter((k) => k !== 'seconds' && k !== 'samples_per_second').sort());
      for (const [key, value] of Object.entries(values)) expect(Math.abs((value as number) - (wholeMetrics[i][key] as number)), `epoch ${i + 1} ${key}`).toBeLessThanOrEqual(2e-6);
    });

    const encoded = await aelab(['encode', first.runDir, FIXTURE, '--out', join(workspace, 'codes.csv')], workspace);
    expect(encoded.status, encoded.stderr).toBe(0);
    const rows = readFileSync(join(workspace, 'codes.csv'), 'utf8').trim().split('\n');
    // z_e of a 7x7 grid of 16-d vectors: 784 code columns after source and label.
    expect(rows[0].split(',')).toHaveLength(2 + 7 * 7 * 16);
    const reconstructed = await aelab(['reconstruct', first.runDir, FIXTURE, '--out', join(workspace, 'out')], workspace);
    expect(reconstructed.status, reconstructed.stderr).toBe(0);
    expect(readdirSync(join(workspace, 'out'), { recursive: true }).filter((f) => String(f).endsWith('.png')).length).toBe(rows.length - 1);
  }, 300_000);

  it('keeps numTensors flat across epochs on wasm', async () => {
    await selectBackend('wasm');
    const experiment = experimentSchema.parse({ ...findTemplate('vq-vae')!.experiment('leaks'), training: { epochs: 3, batchSize: 50, loss: 'mse' } });
    const dataset = loadBuiltinDataset('builtin:mnist');
    const { train: trainSet, validation } = splitDataset(dataset, 0.1, 1, 300);
    const autoencoder = buildAutoencoder(experiment, dataset.sampleShape);
    const { numTensors } = await trainCountingTensors({ autoencoder, train: trainSet, validation, training: experiment.training });
    expect(numTensors).toHaveLength(3);
    expect(numTensors[2]).toBe(numTensors[1]);
    expect(numTensors[1]).toBe(numTensors[0]);
  }, 120_000);
});
