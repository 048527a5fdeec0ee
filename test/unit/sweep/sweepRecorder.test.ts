// sweep.json: rows from the expansion, results copied from each run's own files, atomic writes, and a load for resume
// that names the line and field of a damaged file and turns rows left running by a gone sweep into stopped ones.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepFileSchema } from '../../../src/protocol/sweep';
import type { RunSummary } from '../../../src/protocol/trainerMessages';
import { SWEEP_FILE } from '../../../src/runs/layout';
import { currentOwner } from '../../../src/runs/runLiveness';
import { expandSweep } from '../../../src/sweep/expandSweep';
import { SweepRecorder } from '../../../src/sweep/sweepRecorder';
import { tempWorkspace } from '../../helpers/experimentFiles';
import { FIXTURE_RUNS, fixtureRunId } from '../../webview/harness/fixtures';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const NOW = new Date('2026-12-01T01:02:03.456Z');

function newSweep() {
  const workspace = tempWorkspace('aelab-sweep-recorder-');
  temps.push(workspace);
  const runsDir = join(workspace, 'runs');
  const experimentFile = join(workspace, 'experiments', 'mnist-deep.ae.json');
  const raw = { name: 'mnist-deep', kind: 'deep', data: { source: 'builtin:mnist' }, sweep: { grid: { 'model.latentDim': [4, 8], 'training.learningRate': [0.01, 0.001] } } };
  const recorder = SweepRecorder.create({ runsDir, name: 'mnist-deep', experimentFile, expanded: expandSweep(raw, experimentFile) }, NOW);
  return { runsDir, recorder, read: () => sweepFileSchema.parse(JSON.parse(readFileSync(join(recorder.sweepDir, SWEEP_FILE), 'utf8'))) };
}

/** The recorded deep-mnist run (with evaluation.json) copied into the sweep's runs folder, optionally with a changed summary. */
function runFolder(runsDir: string, runId: string, summary: Partial<RunSummary> = {}): string {
  const runDir = join(runsDir, runId);
  cpSync(join(FIXTURE_RUNS, fixtureRunId('deep-mnist')), runDir, { recursive: true });
  const stored = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as RunSummary;
  writeFileSync(join(runDir, 'summary.json'), JSON.stringify({ ...stored, runId, ...summary }));
  return runDir;
}

describe('a new sweep', () => {
  it('claims <name>-sweep-<time> in the runs folder, never an existing one, and lists every setting as pending', () => {
    const { runsDir, recorder, read } = newSweep();
    expect(basename(recorder.sweepDir)).toBe('mnist-deep-sweep-20261201-010203');
    const again = SweepRecorder.create({ runsDir, name: 'mnist-deep', experimentFile: recorder.experimentFile, expanded: { method: 'grid', keys: ['model.latentDim'], settings: [] } }, NOW);
    expect(basename(again.sweepDir)).toBe('mnist-deep-sweep-20261201-010203-1');
    const file = read();
    expect(file).toMatchObject({ version: 1, sweepId: 'mnist-deep-sweep-20261201-010203', name: 'mnist-deep', method: 'grid', keys: ['model.latentDim', 'training.learningRate'], experimentFile: '../../experiments/mnist-deep.ae.json' });
    expect(file.runs.map((r) => [r.index, r.status, r.runId, r.parameters])).toEqual([
      [0, 'pending', null, { 'model.latentDim': 4, 'training.learningRate': 0.01 }],
      [1, 'pending', null, { 'model.latentDim': 4, 'training.learningRate': 0.001 }],
      [2, 'pending', null, { 'model.latentDim': 8, 'training.learningRate': 0.01 }],
      [3, 'pending', null, { 'model.latentDim': 8, 'training.learningRate': 0.001 }],
    ]);
    expect(recorder.experimentFile).toBe(join(runsDir, '..', 'experiments', 'mnist-deep.ae.json'));
  });
});

describe('rows follow their runs', () => {
  it("copies status, best val_loss and its epoch, the final metrics and the evaluation headline from the run's files", () => {
    const { runsDir, recorder, read } = newSweep();
    recorder.started(1, 'mnist-deep-s1-20261201-010204');
    expect(read().runs[1]).toMatchObject({ status: 'running', runId: 'mnist-deep-s1-20261201-010204' });
    recorder.finished(1, runFolder(runsDir, 'mnist-deep-s1-20261201-010204'));
    expect(read().runs[1]).toEqual({
      index: 1,
      parameters: { 'model.latentDim': 4, 'training.learningRate': 0.001 },
      runId: 'mnist-deep-s1-20261201-010204',
      status: 'completed',
      best: { val_loss: 0.276019, epoch: 2 },
      final: { epoch: 2, loss: 0.288178, val_loss: 0.276019, seconds: 2.516, samples_per_second: 715.5 },
      evaluation: { psnr: 17.84, ssim: 0.7641, mse: 0.01842, auroc: 0.9911, auprc: 0.9991, knnAccuracy: 0.935, probeAccuracy: 0.9, nmi: 0.612 },
      error: null,
    });
  });

  it('a stopped or failed run makes a stopped or failed row with its error; a trainer that made no run fails the row', () => {
    const { runsDir, recorder, read } = newSweep();
    recorder.finished(0, runFolder(runsDir, 'a', { status: 'stopped' }));
    recorder.finished(2, runFolder(runsDir, 'b', { status: 'failed', error: { message: 'the loss diverged', reason: 'diverged' } }));
    recorder.failed(3, 'data.source "x" does not exist');
    const rows = read().runs;
    expect(rows.map((r) => [r.status, r.runId, r.error])).toEqual([
      ['stopped', 'a', null],
      ['pending', null, null],
      ['failed', 'b', 'the loss diverged'],
      ['failed', null, 'data.source "x" does not exist'],
    ]);
  });

  it('writes atomically: after every change sweep.json is whole and no temp file is left', () => {
    const { runsDir, recorder } = newSweep();
    recorder.started(0, 'a');
    recorder.finished(0, runFolder(runsDir, 'a'));
    expect(readdirSync(recorder.sweepDir)).toEqual([SWEEP_FILE]);
  });
});

describe('loading a sweep to resume it', () => {
  it('turns rows left running by a gone sweep into stopped ones, and rows whose run folder is gone into stopped rows without a run', () => {
    const { runsDir, recorder, read } = newSweep();
    const dead = { pid: 999_999_999, host: currentOwner().host, heartbeatAt: new Date().toISOString() };
    recorder.started(0, 'interrupted');
    runFolder(runsDir, 'interrupted', { status: 'running', owner: dead });
    recorder.started(1, 'deleted');
    recorder.started(2, 'done');
    recorder.finished(2, runFolder(runsDir, 'done'));
    const loaded = SweepRecorder.load(recorder.sweepDir);
    expect(loaded.file.runs.map((r) => [r.status, r.runId])).toEqual([
      ['stopped', 'interrupted'],
      ['stopped', null],
      ['completed', 'done'],
      ['pending', null],
    ]);
    expect(read().runs[1].status).toBe('stopped');
  });

  it('keeps failed rows failed, also without a run folder (resume does not retry them)', () => {
    const { recorder } = newSweep();
    recorder.failed(0, 'data.source: no such file');
    expect(SweepRecorder.load(recorder.sweepDir).file.runs[0]).toMatchObject({ status: 'failed', runId: null });
  });

  it('refuses a run id that is a path, naming the field (a crafted sweep.json must not reach outside the runs folder)', () => {
    const { recorder } = newSweep();
    recorder.started(0, 'fine');
    const file = join(recorder.sweepDir, SWEEP_FILE);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"runId": "fine"', '"runId": "../../outside"'));
    expect(() => SweepRecorder.load(recorder.sweepDir)).toThrow(/field "runs\.0\.runId": expected a run folder name/);
  });

  it('keeps a row whose run is still training running (another process owns it)', () => {
    const { runsDir, recorder } = newSweep();
    recorder.started(0, 'live');
    runFolder(runsDir, 'live', { status: 'running', owner: currentOwner() });
    expect(SweepRecorder.load(recorder.sweepDir).file.runs[0].status).toBe('running');
  });

  it('names sweep.json, the line and the field of a damaged file', () => {
    const { recorder } = newSweep();
    const file = join(recorder.sweepDir, SWEEP_FILE);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"status": "pending"', '"status": "paused"'));
    expect(() => SweepRecorder.load(recorder.sweepDir)).toThrow(new RegExp(`${file}:\\d+:\\d+: field "runs\\.0\\.status": expected one of "pending", "running", "completed", "stopped", "failed", got "paused"`));
    writeFileSync(file, '{"version": 1,');
    expect(() => SweepRecorder.load(recorder.sweepDir)).toThrow(`${file}:1:`);
    rmSync(file);
    expect(() => SweepRecorder.load(recorder.sweepDir)).toThrow(`${file}: is missing`);
    expect(existsSync(recorder.sweepDir)).toBe(true);
  });
});
