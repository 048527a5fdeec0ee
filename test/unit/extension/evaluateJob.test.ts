// Evaluate Run's job (src/extension/training/evaluateJob.ts) against a real tiny run made with the built CLI (run
// `npm run build` first): it rewrites evaluation.json through the trainer and the dashboard model read from the run
// folder then shows it; the run's edited `evaluation.normalLabels` is used; a cancel leaves evaluation.json untouched;
// a run that cannot be evaluated answers 'input' naming the file; one evaluation per run at a time.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRunFromFolder } from '../../../src/extension/dashboard/runHistory';
import { RunEvaluations, runEvaluateJob, type JobLog } from '../../../src/extension/training/evaluateJob';
import type { TrainerLaunch } from '../../../src/extension/training/trainerLaunch';
import { readEvaluation } from '../../../src/runs/evaluationFile';
import { runPath } from '../../../src/runs/layout';
import { CLI_SCRIPT, TRAINER_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';

let work: string;
let runDir: string;
const launch: TrainerLaunch = () => ({ trainerScript: TRAINER_SCRIPT });
const warnings: string[] = [];
const log: JobLog = { info: () => undefined, warn: (message: string) => void warnings.push(message) };

/** Trains a one-class run on ones (1 epoch, cpu) through the built CLI; the tests rewrite its evaluation. */
beforeAll(async () => {
  work = tempWorkspace('aelab-evaluate-job-');
  const experiment = {
    name: 'ones',
    kind: 'deep',
    data: { source: 'builtin:mnist', limit: 400, validationSplit: 0.25, includeLabels: [1] },
    model: { hidden: [8], latentDim: 3 },
    training: { epochs: 1, batchSize: 16, learningRate: 0.005, seed: 7 },
    evaluation: { limit: 200 },
  };
  writeFileSync(join(work, 'ones.ae.json'), JSON.stringify(experiment));
  const result = await runNode([CLI_SCRIPT, 'train', 'ones.ae.json', '--backend', 'cpu', '--json'], { cwd: work });
  expect(result.status, result.stderr).toBe(0);
  runDir = join(work, '.aelab', 'runs', JSON.parse(result.stdout).runId);
}, 120_000);

const evaluationFile = () => runPath(runDir, 'evaluation');

describe('runEvaluateJob', () => {
  it('writes evaluation.json for a run that has none, and the dashboard model read from the run shows it', async () => {
    // As a run made before evaluations existed: no evaluation.json, and a dashboard showing the run without one.
    rmSync(evaluationFile());
    const shown = loadRunFromFolder(runDir);
    expect(shown.data.evaluation).toBeNull();
    const changed: string[][] = [];
    shown.onDidChange((keys) => changed.push(keys));

    const result = await runEvaluateJob(launch, runDir, 'cpu', log).result;
    if (!result.ok) throw new Error(result.error);
    expect(result.file).toBe(evaluationFile());
    expect(result.evaluation.runId).toBe(runDir.split(/[\\/]/).at(-1));
    expect(result.evaluation.anomaly?.normalLabels).toEqual(['1']);
    expect(readEvaluation(runDir)).toEqual(result.evaluation);

    // What the command does on success: open the run again, which reads its folder into the model it shows.
    loadRunFromFolder(runDir, shown);
    expect(shown.data.evaluation).toEqual(result.evaluation);
    expect(changed.flat()).toContain('evaluation');
  }, 120_000);

  it("uses the run's edited evaluation.normalLabels", async () => {
    const file = runPath(runDir, 'experiment');
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, JSON.stringify({ ...JSON.parse(original), evaluation: { ...JSON.parse(original).evaluation, normalLabels: ['7'] } }));
      const result = await runEvaluateJob(launch, runDir, 'cpu', log).result;
      if (!result.ok) throw new Error(result.error);
      expect(result.evaluation.anomaly?.normalLabels).toEqual(['7']);
      expect(readEvaluation(runDir)?.anomaly?.normalLabels).toEqual(['7']);
    } finally {
      writeFileSync(file, original);
    }
  }, 120_000);

  it('leaves evaluation.json untouched when cancelled', async () => {
    const before = readFileSync(evaluationFile());
    const modified = statSync(evaluationFile()).mtimeMs;
    const job = runEvaluateJob(launch, runDir, 'cpu', log);
    // The stop reaches the trainer while it loads the run; it ends at its first check, before writing anything.
    job.cancel();
    const result = await job.result;
    expect(result).toEqual({ ok: false, error: expect.stringContaining('stopped'), reason: 'stopped' });
    expect(readFileSync(evaluationFile())).toEqual(before);
    expect(statSync(evaluationFile()).mtimeMs).toBe(modified);
  }, 60_000);

  it("answers 'input' naming the file when the run cannot be evaluated, and leaves the run as it was", async () => {
    const data = runPath(runDir, 'data');
    const saved = readFileSync(data);
    const before = readFileSync(evaluationFile());
    rmSync(data);
    try {
      const result = await runEvaluateJob(launch, runDir, 'cpu', log).result;
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.reason).toBe('input');
      expect(result.error).toContain(data);
      expect(readFileSync(evaluationFile())).toEqual(before);
    } finally {
      writeFileSync(data, saved);
    }
  }, 60_000);
});

describe('RunEvaluations', () => {
  it('runs one evaluation per run at a time', async () => {
    const evaluations = new RunEvaluations(launch, log);
    const first = evaluations.start(runDir, 'cpu');
    expect(first).toBeDefined();
    expect(evaluations.isRunning(runDir)).toBe(true);
    expect(evaluations.start(runDir, 'cpu')).toBeUndefined();
    // Another run is not held back (this one is not a run folder, so its job ends at once with 'input').
    const other = evaluations.start(join(work, 'no-such-run'), 'cpu');
    expect(other).toBeDefined();
    expect(await other!.result).toMatchObject({ ok: false, reason: 'input' });
    first!.cancel();
    await first!.result;
    expect(evaluations.isRunning(runDir)).toBe(false);
    expect(existsSync(evaluationFile())).toBe(true);
  }, 60_000);
});
