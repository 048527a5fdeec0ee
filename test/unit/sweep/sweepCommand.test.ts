// `aelab sweep` end to end through the real CLI and trainer: a 2×2 grid finishes with four ordinary runs whose
// summaries sweep.json repeats, `--parallel 2` trains two at once on one thread each, bad input exits 2 naming the
// field, and Ctrl+C in a terminal stops the sweep cleanly so that `--resume` completes it.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExperimentInput } from '../../../src/protocol/experiment';
import { sweepFileSchema, type SweepFile } from '../../../src/protocol/sweep';
import { runSummarySchema } from '../../../src/protocol/trainerMessages';
import { SWEEP_FILE } from '../../../src/runs/layout';
import { threadsPerRun } from '../../../src/cli/sweepCommand';
import { CLI_SCRIPT, tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';
import { leftoverTempFiles, waitFor } from '../reliability/cliProcess';

const aelab = (args: string[], cwd: string) => runNode([CLI_SCRIPT, ...args], { cwd, timeout: 240_000 });

const GRID = { grid: { 'model.latentDim': [2, 4], 'training.learningRate': [0.01, 0.001] } };

function sweepWorkspace(name: string, experiment: Partial<ExperimentInput> = {}) {
  const workspace = tempWorkspace(`aelab-sweep-${name}-`);
  writeExperiment(workspace, {
    name,
    data: { source: 'builtin:mnist', validationSplit: 0.1, limit: 300 },
    model: { hidden: [16], latentDim: 8 },
    training: { epochs: 1, batchSize: 64, seed: 3 },
    sweep: GRID,
    ...experiment,
  });
  return { workspace, file: `${name}.ae.json`, runsDir: join(workspace, 'runs') };
}

function readSweep(runsDir: string): { sweepDir: string; sweep: SweepFile } {
  const sweeps = readdirSync(runsDir).filter((name) => name.includes('-sweep-'));
  expect(sweeps).toHaveLength(1);
  const sweepDir = join(runsDir, sweeps[0]);
  return { sweepDir, sweep: sweepFileSchema.parse(JSON.parse(readFileSync(join(sweepDir, SWEEP_FILE), 'utf8'))) };
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

/** Every row names an ordinary run whose summary.json says what the row says, trained from the row's setting. */
function expectRowsMatchRuns(runsDir: string, sweepDir: string, sweep: SweepFile) {
  const runFolders = readdirSync(runsDir).filter((name) => !name.includes('-sweep-'));
  expect(runFolders.sort()).toEqual(sweep.runs.map((row) => row.runId).sort());
  for (const row of sweep.runs) {
    const runDir = join(runsDir, row.runId!);
    const summary = runSummarySchema.parse(readJson(join(runDir, 'summary.json')));
    expect(row.status).toBe(summary.status);
    expect(row.best?.val_loss).toBe(summary.best_val_loss);
    expect(row.final).toEqual(summary.final);
    const metrics = readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { epoch: number; val_loss: number });
    expect(metrics.find((m) => m.epoch === row.best?.epoch)?.val_loss).toBe(summary.best_val_loss);
    expect(row.runId).toMatch(new RegExp(`^${sweep.name}-s${row.index}-\\d{8}-\\d{6}`));
    // The run trained the row's setting, from the setting's file in the sweep folder.
    const experiment = readJson(join(runDir, 'experiment.json')) as { model: { latentDim: number }; training: { learningRate: number }; resolved: { experimentFile: string } };
    expect([experiment.model.latentDim, experiment.training.learningRate]).toEqual([row.parameters['model.latentDim'], row.parameters['training.learningRate']]);
    expect(resolve(runDir, experiment.resolved.experimentFile)).toBe(join(sweepDir, 'experiments', `${row.index}.ae.json`));
    expect(experiment).not.toHaveProperty('sweep');
  }
}

describe('aelab sweep', () => {
  it('a 2×2 grid finishes with four runs, and sweep.json (also printed by --json) repeats each run\'s summary', async () => {
    const { workspace, file, runsDir } = sweepWorkspace('grid');
    const result = await aelab(['sweep', file, '--runs-dir', 'runs', '--backend', 'cpu', '--json'], workspace);
    expect(result.status, result.stderr).toBe(0);
    const { sweepDir, sweep } = readSweep(runsDir);
    expect(JSON.parse(result.stdout)).toEqual(sweep);
    expect(sweep).toMatchObject({ name: 'grid', method: 'grid', keys: ['model.latentDim', 'training.learningRate'], experimentFile: '../../grid.ae.json' });
    expect(sweep.runs.map((row) => [row.status, row.parameters])).toEqual([
      ['completed', { 'model.latentDim': 2, 'training.learningRate': 0.01 }],
      ['completed', { 'model.latentDim': 2, 'training.learningRate': 0.001 }],
      ['completed', { 'model.latentDim': 4, 'training.learningRate': 0.01 }],
      ['completed', { 'model.latentDim': 4, 'training.learningRate': 0.001 }],
    ]);
    for (const row of sweep.runs) expect(row.evaluation?.mse).toBeGreaterThan(0);
    expectRowsMatchRuns(runsDir, sweepDir, sweep);
    expect(leftoverTempFiles(runsDir)).toEqual([]);
  });

  it('--parallel 2 trains two runs at once, one thread each on this machine, and finishes all four', async () => {
    const { workspace, file, runsDir } = sweepWorkspace('parallel');
    const result = await aelab(['sweep', file, '--runs-dir', 'runs', '--backend', 'wasm', '--parallel', '2'], workspace);
    expect(result.status, result.stderr).toBe(0);
    const threads = threadsPerRun(2);
    expect(result.stderr).toContain(`4 runs (grid over model.latentDim, training.learningRate), 2 at a time on ${threads} thread`);
    const { sweepDir, sweep } = readSweep(runsDir);
    expect(sweep.runs.map((row) => row.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expectRowsMatchRuns(runsDir, sweepDir, sweep);
    for (const row of sweep.runs) expect(row.final?.threads).toBe(threads);
    // Two at once: the first two runs were both under way before either ended.
    const [first, second] = sweep.runs.map((row) => runSummarySchema.parse(readJson(join(runsDir, row.runId!, 'summary.json'))));
    expect(first.startedAt < second.endedAt! && second.startedAt < first.endedAt!).toBe(true);
  });

  it('splits the cores between parallel runs, at least one thread each', () => {
    expect([threadsPerRun(1, 2), threadsPerRun(2, 2), threadsPerRun(3, 2), threadsPerRun(2, 8), threadsPerRun(1, 64)]).toEqual([2, 1, 1, 4, 4]);
  });
});

describe('aelab sweep: bad input exits 2 naming the file and field', () => {
  it('a swept value the experiment refuses: nothing is trained and no sweep folder is made', async () => {
    const { workspace, file, runsDir } = sweepWorkspace('bad-value', { sweep: { grid: { 'model.latentDim': [4, 0] } } });
    const result = await aelab(['sweep', file, '--runs-dir', 'runs'], workspace);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`aelab: ${join(workspace, file)}:`);
    expect(result.stderr).toMatch(/\.ae\.json:\d+:\d+: field "sweep\.grid\.model\.latentDim": 0 does not fit model\.latentDim: expected a value > 0/);
    expect(() => readdirSync(runsDir)).toThrow();
  });

  it('a malformed sweep block is named with its line; a file without one, a missing argument and a damaged sweep.json too', async () => {
    const { workspace, file } = sweepWorkspace('malformed', { sweep: { grid: { 'model.latentDim': 4 } } as never });
    const malformed = await aelab(['sweep', file, '--runs-dir', 'runs'], workspace);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toMatch(/malformed\.ae\.json:\d+:\d+: field "sweep\.grid\.model\.latentDim"/);
    const plain = writeExperiment(workspace, { name: 'plain' });
    expect((await aelab(['sweep', plain, '--runs-dir', 'runs'], workspace)).stderr).toContain('field "sweep": has no "sweep" block');
    expect((await aelab(['sweep'], workspace)).stderr).toContain('expected either an experiment file with a sweep block or --resume <sweep-dir>');
    expect((await aelab(['sweep', '--resume', workspace], workspace)).stderr).toContain(`${join(workspace, SWEEP_FILE)}: is missing`);
  });

  it('data the trainer cannot read fails every run with an input error: rows failed with the message, exit 2', async () => {
    const { workspace, file, runsDir } = sweepWorkspace('no-data', { data: { source: 'missing.csv' }, sweep: { grid: { 'model.latentDim': [2, 4] } } });
    const result = await aelab(['sweep', file, '--runs-dir', 'runs', '--backend', 'cpu'], workspace);
    expect(result.status).toBe(2);
    const { sweep } = readSweep(runsDir);
    expect(sweep.runs.map((row) => row.status)).toEqual(['failed', 'failed']);
    // Named from the setting's file in the sweep folder, resolved to where the experiment file said.
    for (const row of sweep.runs) expect(row.error).toContain(`missing.csv" does not exist (resolved to ${join(workspace, 'missing.csv')})`);
  });
});

describe('aelab sweep: Ctrl+C and --resume', () => {
  it('Ctrl+C in a real pseudo-terminal stops the running runs (saved, resumable), leaves the rest pending, exits 130; --resume completes the sweep', async () => {
    const { workspace, file, runsDir } = sweepWorkspace('ctrl-c', { data: { source: 'builtin:mnist', validationSplit: 0.1, limit: 1500 }, training: { epochs: 2, batchSize: 16, seed: 3 } });
    const command = `${process.execPath} ${CLI_SCRIPT} sweep ${file} --runs-dir runs --backend cpu --parallel 2; echo "EXIT=$?"`;
    // As in test/unit/reliability/signals.test.ts: ^C on the pty becomes SIGINT for the whole foreground group.
    const script = spawn('script', ['-qfc', command, '/dev/null'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, SHELL: '/bin/bash' } });
    let screen = '';
    script.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    const closed = new Promise((done) => script.on('close', done));
    await waitFor('both first runs training, on the progress bar', () => /s0 epoch 1\/2 batch/.test(screen) && /s1 epoch 1\/2 batch/.test(screen), 120_000);
    script.stdin.write('\x03');
    await closed;
    expect(screen).toContain('SIGINT: stopping after the current batch');
    expect(screen).toMatch(/EXIT=130\b/);
    expect(screen).not.toMatch(/\n\s+at /);

    const { sweepDir, sweep: stopped } = readSweep(runsDir);
    expect(stopped.runs.map((row) => row.status)).toEqual(['stopped', 'stopped', 'pending', 'pending']);
    expect(stopped.runs.map((row) => row.runId === null)).toEqual([false, false, true, true]);
    for (const row of stopped.runs.slice(0, 2)) {
      const runDir = join(runsDir, row.runId!);
      expect(readJson(join(runDir, 'summary.json'))).toMatchObject({ status: 'stopped', error: null });
      expect(readdirSync(join(runDir, 'checkpoint')).sort()).toEqual(['checkpoint.json', 'weights.bin']);
    }
    expect(leftoverTempFiles(runsDir)).toEqual([]);

    const resumed = await aelab(['sweep', '--resume', sweepDir, '--backend', 'cpu', '--parallel', '2'], workspace);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('2 to train, 2 to resume, 0 kept of 4 runs');
    const { sweep: done } = readSweep(runsDir);
    expect(done.runs.map((row) => row.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    // The stopped runs were continued in their own folders, not trained again elsewhere.
    expect(done.runs.slice(0, 2).map((row) => row.runId)).toEqual(stopped.runs.slice(0, 2).map((row) => row.runId));
    expectRowsMatchRuns(runsDir, sweepDir, done);
    for (const row of done.runs) expect(readFileSync(join(runsDir, row.runId!, 'metrics.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);

    // A finished sweep has nothing left to do: --resume keeps every row.
    const again = await aelab(['sweep', '--resume', sweepDir], workspace);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('0 to train, 0 to resume, 4 kept of 4 runs');
    expect(readSweep(runsDir).sweep.runs).toEqual(done.runs);
  });
});
