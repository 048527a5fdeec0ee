// A run folder's evaluation.json reaches the rebuilt dashboard (DashboardData.evaluation); a damaged one is ignored,
// with the reader's message as the run's problem, never a crash.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRunFromFolder } from '../../../src/extension/dashboard/runHistory';
import type { Evaluation } from '../../../src/protocol/evaluation';
import { writeEvaluation } from '../../../src/runs/evaluationFile';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'webview', 'runs', 'deep-mnist-20261125-130112');
const work = mkdtempSync(join(tmpdir(), 'aelab-history-eval-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const metrics = { mse: 0, mae: 0, bce: 0.1, psnr: Infinity, ssim: 1 };
const evaluation: Evaluation = {
  version: 1,
  runId: 'deep-mnist-20261125-130112',
  createdAt: '2026-12-01T00:00:00.000Z',
  set: { kind: 'validation', path: null, samples: 10, trainSamples: 90 },
  kind: 'deep',
  loss: 'bce',
  latentDim: 16,
  reconstruction: { model: metrics, pca: null, noisyInput: null, corruption: null, perClass: null },
  anomaly: null,
  features: null,
  vae: null,
  notes: ['pca: skipped'],
  seconds: 1.5,
};

function runCopy(name: string): string {
  const dir = join(work, name);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe('run history and evaluation.json', () => {
  it('reads evaluation.json into the dashboard data (Infinity included)', () => {
    const dir = runCopy('with');
    writeEvaluation(dir, evaluation);
    const data = loadRunFromFolder(dir).data;
    expect(data.evaluation).toEqual(evaluation);
    expect(data.run?.error).toBeUndefined();
  });

  it('has none without the file, and ignores a damaged one, saying why', () => {
    expect(loadRunFromFolder(runCopy('without')).data.evaluation).toBeNull();
    const dir = runCopy('damaged');
    writeFileSync(join(dir, 'evaluation.json'), '{"version": 1, "runId": 3');
    const data = loadRunFromFolder(dir).data;
    expect(data.evaluation).toBeNull();
    expect(data.run?.error).toMatch(/evaluation ignored: .*evaluation\.json/);
    expect(data.metrics.length).toBeGreaterThan(0);
  });
});
