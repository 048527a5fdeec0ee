// The cvae and iwae kinds through `aelab`: one epoch on wasm on builtin:mnist with finite losses and every loss part
// logged, a resume that continues from the checkpoint, a cvae refused on data without labels, and a cvae run applied
// to new files (no labels) that conditions on the uniform label instead of failing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../../src/protocol/kinds';
import type { EpochMetrics, RunSummary } from '../../../src/protocol/trainerMessages';
import { float32Npy } from '../../helpers/hostileFiles';
import { CLI_SCRIPT, tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';

const aelab = (args: string[], cwd: string) => runNode([CLI_SCRIPT, ...args], { cwd, timeout: 240_000 });

function metricsOf(workspace: string, runId: string): EpochMetrics[] {
  return readFileSync(join(workspace, '.aelab', 'runs', runId, 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as EpochMetrics);
}

function expectFiniteParts(metrics: EpochMetrics, kind: 'cvae' | 'iwae'): void {
  for (const name of ['loss', 'val_loss', ...KINDS[kind].lossParts, ...KINDS[kind].lossParts.map((p) => `val_${p}`)]) {
    expect(Number.isFinite(metrics[name as keyof EpochMetrics]), `${kind} ${name} = ${String(metrics[name as keyof EpochMetrics])}`).toBe(true);
  }
}

describe.each(['cvae', 'iwae'] as const)('%s', (kind) => {
  it('trains one epoch on wasm through aelab train with finite losses, and resumes for a second', async () => {
    const workspace = tempWorkspace(`aelab-${kind}-`);
    writeExperiment(workspace, { name: kind, kind, model: { hidden: [64], latentDim: 4, ...(kind === 'iwae' ? { samples: 3 } : {}) }, training: { epochs: 1, batchSize: 32, learningRate: 0.002, seed: 3 } });
    const first = await aelab(['train', `${kind}.ae.json`, '--backend', 'wasm', '--limit', '400', '--json'], workspace);
    expect(first.status, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as RunSummary;
    expect(summary).toMatchObject({ status: 'completed', epochs: 1, backend: 'wasm (SIMD)' });
    const [epoch1] = metricsOf(workspace, summary.runId);
    expectFiniteParts(epoch1, kind);
    if (kind === 'iwae') {
      // The k-sample bound is at least the ELBO of the same log weights (Jensen), and the loss is minus the bound.
      expect(epoch1.iwae_bound).toBeGreaterThanOrEqual(epoch1.elbo as number);
      expect(epoch1.loss).toBeCloseTo(-(epoch1.iwae_bound as number), 4);
    }

    const resumed = await aelab(['resume', join('.aelab', 'runs', summary.runId), '--epochs', '2', '--json'], workspace);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ status: 'completed', epochs: 2 });
    const metrics = metricsOf(workspace, summary.runId);
    expect(metrics.map((m) => m.epoch)).toEqual([1, 2]);
    expect(metrics[0]).toEqual(epoch1); // the first epoch is the checkpointed one, not trained again
    expectFiniteParts(metrics[1], kind);
    expect(metrics[1].loss).toBeLessThan(metrics[0].loss);
    expect(readFileSync(join(workspace, '.aelab', 'runs', summary.runId, 'log.txt'), 'utf8')).toContain(`resuming ${summary.runId} after epoch 1 of 2`);
  }, 300_000);
});

describe('cvae without labels', () => {
  it('refuses a table without a label column, naming data.source and what it needs', async () => {
    const workspace = tempWorkspace('aelab-cvae-nolabels-');
    writeFileSync(join(workspace, 'table.csv'), ['a,b,c', ...Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2}`)].join('\n'));
    writeExperiment(workspace, { name: 'nolabels', kind: 'cvae', data: { source: 'table.csv' }, model: { hidden: [8], latentDim: 2 }, training: { epochs: 1, batchSize: 8 } });
    const result = await aelab(['train', 'nolabels.ae.json', '--backend', 'cpu'], workspace);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('data.source');
    expect(result.stderr).toContain('kind "cvae" generates by label, so it trains on labelled data only, but table.csv has no labels');
  }, 120_000);

  it('aelab encode and reconstruct apply a cvae run to new files, which carry no labels, by conditioning on the uniform label', async () => {
    const workspace = tempWorkspace('aelab-cvae-apply-');
    writeExperiment(workspace, { name: 'applied', kind: 'cvae', model: { hidden: [32], latentDim: 3 }, training: { epochs: 1, batchSize: 32, seed: 5 } });
    const trained = await aelab(['train', 'applied.ae.json', '--backend', 'cpu', '--limit', '200', '--json'], workspace);
    expect(trained.status, trained.stderr).toBe(0);
    const runDir = join('.aelab', 'runs', (JSON.parse(trained.stdout) as RunSummary).runId);
    writeFileSync(join(workspace, 'new.npy'), float32Npy([3, 28, 28, 1], (i) => ((i * 37) % 255) / 255));
    const encoded = await aelab(['encode', runDir, 'new.npy', '--out', 'codes.csv', '--backend', 'cpu'], workspace);
    expect(encoded.status, encoded.stderr).toBe(0);
    const rows = readFileSync(join(workspace, 'codes.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(4); // header + 3 codes
    expect(rows[0]).toContain('z2');
    const reconstructed = await aelab(['reconstruct', runDir, 'new.npy', '--out', 'out.npy', '--backend', 'cpu'], workspace);
    expect(reconstructed.status, reconstructed.stderr).toBe(0);
  }, 180_000);
});
