// The sequence kinds through `aelab` on wasm, on real daily series (one day of hourly temperatures per CSV row):
// data-parallel replica threads train them, a stopped run resumes from its checkpoint, a finished run encodes to flat
// codes and scores, and image data is refused with exit code 2 naming data.format and the expected shape.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExperimentInput } from '../../../src/protocol/experiment';
import type { EpochMetrics, RunSummary } from '../../../src/protocol/trainerMessages';
import { CLI_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';
import { writeDailyTemperatureRows } from '../../helpers/seriesRows';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'images-small');

const aelab = (workspace: string, ...args: string[]) => runNode([CLI_SCRIPT, ...args], { cwd: workspace, timeout: 240_000 });

function workspaceWith(kind: 'conv1d' | 'lstm', model: ExperimentInput['model']): { workspace: string; days: number } {
  const workspace = tempWorkspace(`aelab-seq-${kind}-`);
  const days = writeDailyTemperatureRows(workspace);
  const experiment: ExperimentInput = { name: kind, kind, data: { source: 'days.csv', validationSplit: 0.1, normalization: 'zscore' }, model: { outputActivation: 'linear', ...model }, training: { epochs: 2, batchSize: 64, loss: 'mse', learningRate: 0.005 } };
  writeFileSync(join(workspace, 'e.ae.json'), JSON.stringify(experiment));
  return { workspace, days };
}

const runDirOf = (workspace: string, summary: RunSummary) => join(workspace, '.aelab', 'runs', summary.runId);
const metricsOf = (runDir: string) => readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as EpochMetrics);

describe.each<['conv1d' | 'lstm', ExperimentInput['model'], number]>([
  ['conv1d', { filters: [16, 8] }, 6 * 8],
  ['lstm', { latentDim: 12 }, 12],
])('%s', (kind, model, codeSize) => {
  it('trains on two replica threads, resumes from its checkpoint, encodes to flat codes and scores every day', async () => {
    const { workspace, days } = workspaceWith(kind, model);
    const trained = await aelab(workspace, 'train', 'e.ae.json', '--backend', 'wasm', '--threads', '2', '--json');
    expect(trained.status, trained.stderr).toBe(0);
    const summary = JSON.parse(trained.stdout) as RunSummary;
    expect(summary).toMatchObject({ status: 'completed', epochs: 2, backend: 'wasm (SIMD)' });
    const runDir = runDirOf(workspace, summary);
    expect(readFileSync(join(runDir, 'log.txt'), 'utf8')).toContain('training on 2 threads (data-parallel replicas)');

    const resumed = await aelab(workspace, 'resume', runDir, '--epochs', '4', '--backend', 'wasm', '--threads', '1', '--json');
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ status: 'completed', epochs: 4 });
    const metrics = metricsOf(runDir);
    expect(metrics.map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
    expect(metrics.every((m) => Number.isFinite(m.loss) && Number.isFinite(m.val_loss!))).toBe(true);
    expect(metrics[3].loss).toBeLessThan(metrics[0].loss);

    expect((await aelab(workspace, 'encode', runDir, 'days.csv', '--out', 'codes.csv')).status).toBe(0);
    const codes = readFileSync(join(workspace, 'codes.csv'), 'utf8').trim().split('\n');
    expect(codes).toHaveLength(days + 1);
    expect(codes[0].split(',').filter((c) => /^z\d+$/.test(c))).toHaveLength(codeSize);
    expect((await aelab(workspace, 'score', runDir, 'days.csv', '--out', 'scores.csv')).status).toBe(0);
    expect(readFileSync(join(workspace, 'scores.csv'), 'utf8').trim().split('\n')).toHaveLength(days + 1);
  });
});

it('refuses a folder of images for a sequence kind with exit code 2, naming data.format and the expected shape', async () => {
  const workspace = tempWorkspace('aelab-seq-images-');
  cpSync(FIXTURE, join(workspace, 'shapes'), { recursive: true });
  writeFileSync(join(workspace, 'e.ae.json'), JSON.stringify({ name: 'img', kind: 'lstm', data: { source: 'shapes', format: 'images' }, training: { epochs: 1, batchSize: 4 } }));
  const result = await aelab(workspace, 'train', 'e.ae.json', '--backend', 'cpu');
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/kind "lstm" reads samples as sequences of shape \[steps, channels\].*but data\.format "images" gave samples of shape \[\d+, \d+, \d\]/);
});
