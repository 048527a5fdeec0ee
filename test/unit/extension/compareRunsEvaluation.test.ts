// Compare reads each run's evaluation.json for its headline numbers; a missing or damaged file leaves that run
// without them, never the comparison without the run.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadComparison } from '../../../src/extension/dashboard/compareRuns';
import { evaluationHeadline } from '../../../src/runs/evaluationHeadline';
import { evaluationJsonReviver, evaluationSchema } from '../../../src/protocol/evaluation';
import { FIXTURE_RUNS, FIXTURES, fixtureRunId } from '../../webview/harness/fixtures';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of a recorded run folder (with its evaluation.json) that a test may damage. */
function copyRun(name: 'deep-mnist' | 'deep-mnist-small'): string {
  const dir = mkdtempSync(join(tmpdir(), 'aelab-compare-'));
  temps.push(dir);
  const runDir = join(dir, fixtureRunId(name));
  cpSync(join(FIXTURE_RUNS, fixtureRunId(name)), runDir, { recursive: true });
  return runDir;
}

describe('compare: evaluation headline', () => {
  it('carries each metric beside its PCA or raw baseline, and only the metrics the run has', () => {
    const [run] = loadComparison([copyRun('deep-mnist')]).runs;
    expect(run.evaluation).toEqual({
      psnr: { value: 17.84, baseline: 16.77 },
      ssim: { value: 0.7641, baseline: 0.7103 },
      mse: { value: 0.01842, baseline: 0.02315 },
      auroc: { value: 0.9911, baseline: 0.95 },
      auprc: { value: 0.9991, baseline: 0.9941 },
      knnAccuracy: { value: 0.935, baseline: 0.915 },
      probeAccuracy: { value: 0.9, baseline: 0.885 },
      nmi: { value: 0.612, baseline: 0.498 },
    });
  });

  it('gives a VAE its NLL and active units, and drops PSNR/SSIM when the data are not images', () => {
    const vae = evaluationSchema.parse(JSON.parse(readFileSync(join(FIXTURES, 'evaluation-vae-mnist.json'), 'utf8'), evaluationJsonReviver));
    expect(evaluationHeadline(vae)).toMatchObject({ nll: { value: 98.31, baseline: null }, activeUnits: { value: 12, baseline: null, of: 20 } });
    const table = { ...vae, reconstruction: { ...vae.reconstruction, model: { ...vae.reconstruction.model, psnr: null, ssim: null } } };
    expect(Object.keys(evaluationHeadline(table))).toEqual(['mse', 'knnAccuracy', 'probeAccuracy', 'nmi', 'nll', 'activeUnits']);
  });

  it('keeps an exact PSNR (written "Infinity") as Infinity', () => {
    const runDir = copyRun('deep-mnist');
    const file = join(runDir, 'evaluation.json');
    const evaluation = JSON.parse(readFileSync(file, 'utf8'));
    evaluation.reconstruction.model.psnr = 'Infinity';
    writeFileSync(file, JSON.stringify(evaluation));
    expect(loadComparison([runDir]).runs[0].evaluation?.psnr).toEqual({ value: Infinity, baseline: 16.77 });
  });

  it.each([
    ['cut short', (text: string) => text.slice(0, 200)],
    ['with an AUROC above 1', (text: string) => text.replace('"auroc": 0.9911', '"auroc": 1.7')],
    ['of another version', (text: string) => text.replace('"version": 1', '"version": 99')],
  ])('shows a run whose evaluation.json is %s without evaluation, beside a sound one', (_, damage) => {
    const damaged = copyRun('deep-mnist');
    const file = join(damaged, 'evaluation.json');
    const text = readFileSync(file, 'utf8');
    expect(damage(text)).not.toBe(text);
    writeFileSync(file, damage(text));
    const comparison = loadComparison([damaged, copyRun('deep-mnist-small')]);
    expect(comparison.runs.map((run) => run.runId)).toEqual([fixtureRunId('deep-mnist'), fixtureRunId('deep-mnist-small')]);
    expect(comparison.runs[0].evaluation).toBeNull();
    expect(comparison.runs[0].metrics.length).toBeGreaterThan(0);
    expect(comparison.runs[1].evaluation?.auroc?.value).toBe(0.975);
  });

  it('has no evaluation for a run without evaluation.json', () => {
    const runDir = copyRun('deep-mnist');
    rmSync(join(runDir, 'evaluation.json'));
    expect(loadComparison([runDir]).runs[0].evaluation).toBeNull();
  });
});
