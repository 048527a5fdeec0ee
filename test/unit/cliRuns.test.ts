// `aelab runs` and `aelab resume` on stranded runs: a run whose trainer and CLI were killed together (nobody left to
// write) stays "running" on disk, is listed as interrupted, and resumes without editing any file.
import { hostname } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_SCRIPT, tempWorkspace, writeExperiment } from '../helpers/experimentFiles';
import { runNode } from '../helpers/runNode';
import { onlyRunDir, readStoredSummary, signalGroup, startCli, taggedProcesses, trainerPid, waitFor } from './reliability/cliProcess';

const aelab = (args: string[], cwd: string) => runNode([CLI_SCRIPT, ...args], { cwd });

describe('aelab runs', () => {
  it('lists a run whose CLI and trainer were SIGKILLed together as interrupted and resumable; resume finishes it', async () => {
    const workspace = tempWorkspace('aelab-runs-');
    writeExperiment(workspace, { name: 'stranded', data: { source: 'builtin:mnist', validationSplit: 0.1, limit: 1000 }, training: { epochs: 200, batchSize: 32, learningRate: 0.002, seed: 2 } });
    const run = startCli(['train', 'stranded.ae.json', '--runs-dir', 'runs', '--threads', '1'], workspace);
    await waitFor('the first epoch', () => run.output().includes('epoch 1/200'), 90_000);
    const trainer = trainerPid(run)!;
    // An out-of-memory kill of everything: nobody is left to record how the run ended.
    process.kill(trainer, 'SIGKILL');
    signalGroup(run, 'SIGKILL');
    await run.exited;
    await waitFor('both processes to be gone', () => taggedProcesses(run.tag).length === 0);
    const runDir = onlyRunDir(join(workspace, 'runs'));
    // What was left: "running", owned by the dead trainer (pid, host, heartbeat), which readers see through.
    expect(readStoredSummary(runDir)).toMatchObject({ status: 'running', owner: { pid: trainer, host: hostname() } });

    const listed = await aelab(['runs', '--runs-dir', 'runs', '--json'], workspace);
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ runId: readStoredSummary(runDir).runId, status: 'interrupted', resumable: 'checkpoint', kind: 'deep' }]);
    const table = await aelab(['runs', '--runs-dir', 'runs'], workspace);
    expect(table.stdout).toMatch(/^RUN\s+STATUS\s+KIND\s+EPOCHS\s+BEST VAL\s+DETAIL\n/);
    expect(table.stdout).toContain('interrupted (resumable)');

    const epochs = readStoredSummary(runDir).epochs + 1;
    const resumed = await aelab(['resume', runDir, '--epochs', String(epochs), '--threads', '1'], workspace);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(readStoredSummary(runDir)).toMatchObject({ status: 'completed', epochs });
    expect(JSON.parse((await aelab(['runs', '--runs-dir', 'runs', '--json'], workspace)).stdout)).toMatchObject([{ status: 'completed', resumable: false }]);
  });

  it('a run SIGKILLed before its first checkpoint is listed as retrain; resume trains it again from epoch 1 and completes', async () => {
    const workspace = tempWorkspace('aelab-runs-early-');
    // checkpointEvery 100: after epoch 1 of 200 nothing is checkpointed yet, as in a kill during the first epochs.
    writeExperiment(workspace, { name: 'early', data: { source: 'builtin:mnist', validationSplit: 0.1, limit: 1000 }, training: { epochs: 200, batchSize: 32, learningRate: 0.002, seed: 2, checkpointEvery: 100 } });
    const run = startCli(['train', 'early.ae.json', '--runs-dir', 'runs', '--threads', '1'], workspace);
    await waitFor('the first epoch', () => run.output().includes('epoch 1/200'), 90_000);
    process.kill(trainerPid(run)!, 'SIGKILL');
    signalGroup(run, 'SIGKILL');
    await run.exited;
    await waitFor('both processes to be gone', () => taggedProcesses(run.tag).length === 0);
    const runDir = onlyRunDir(join(workspace, 'runs'));
    expect(existsSync(join(runDir, 'checkpoint'))).toBe(false);

    const listed = JSON.parse((await aelab(['runs', '--runs-dir', 'runs', '--json'], workspace)).stdout);
    expect(listed).toMatchObject([{ status: 'interrupted', resumable: 'retrain' }]);
    expect((await aelab(['runs', '--runs-dir', 'runs'], workspace)).stdout).toContain('interrupted (no checkpoint: resume trains again from the start)');

    const resumed = await aelab(['resume', runDir, '--epochs', '2', '--threads', '1'], workspace);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(readStoredSummary(runDir)).toMatchObject({ status: 'completed', epochs: 2 });
    const epochs = readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line).epoch);
    expect(epochs).toEqual([1, 2]);
  });

  it('a run whose trainer is alive is running: listed so, and resume refuses it with exit 2', async () => {
    const workspace = tempWorkspace('aelab-runs-live-');
    const runDir = join(workspace, 'runs', 'live-1');
    mkdirSync(join(runDir, 'checkpoint'), { recursive: true });
    writeFileSync(join(runDir, 'checkpoint', 'checkpoint.json'), '{}');
    // This test process plays the live trainer.
    const summary = { runId: 'live-1', name: 'live', kind: 'vae', status: 'running', backend: 'wasm', epochs: 1, epochsPlanned: 3, final: null, best_val_loss: null, parameterCount: 1, trainSamples: 1, validationSamples: 0, droppedSamples: { count: 0, reasons: {} }, startedAt: new Date().toISOString(), endedAt: null, error: null, owner: { pid: process.pid, host: hostname(), heartbeatAt: new Date().toISOString() } };
    writeFileSync(join(runDir, 'summary.json'), JSON.stringify(summary));
    expect(JSON.parse((await aelab(['runs', '--runs-dir', 'runs', '--json'], workspace)).stdout)).toMatchObject([{ runId: 'live-1', status: 'running', resumable: false }]);
    const refused = await aelab(['resume', runDir], workspace);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`is still running (process ${process.pid}`);
  });

  it('says so for an empty or missing runs folder, and shows control characters from run files as "?"', async () => {
    const workspace = tempWorkspace('aelab-runs-empty-');
    const empty = await aelab(['runs', '--runs-dir', 'nowhere'], workspace);
    expect(empty.status).toBe(0);
    expect(empty.stderr).toContain('no runs in');
    expect(JSON.parse((await aelab(['runs', '--runs-dir', 'nowhere', '--json'], workspace)).stdout)).toEqual([]);

    const runDir = join(workspace, 'runs', 'odd');
    mkdirSync(runDir, { recursive: true });
    const summary = { runId: 'odd', name: 'odd', kind: 'deep\u001b[31m', status: 'completed', backend: 'wasm', epochs: 1, epochsPlanned: 1, final: null, best_val_loss: 0.5, parameterCount: 1, trainSamples: 1, validationSamples: 0, droppedSamples: { count: 0, reasons: {} }, startedAt: new Date().toISOString(), endedAt: null, error: null };
    writeFileSync(join(runDir, 'summary.json'), JSON.stringify(summary));
    const table = await aelab(['runs', '--runs-dir', 'runs'], workspace);
    expect(table.stdout).toContain('deep?[31m');
    expect(table.stdout).not.toContain('\u001b');
  });

  it('shows a run whose summary.json is damaged as "damaged", with the reader\'s message naming the file, line and field', async () => {
    const workspace = tempWorkspace('aelab-runs-damaged-');
    const runs = join(workspace, 'runs');
    for (const [folder, text] of [['truncated', '{'], ['emptied', '{}']]) {
      mkdirSync(join(runs, folder), { recursive: true });
      writeFileSync(join(runs, folder, 'summary.json'), text);
    }
    // Neither summary.json nor experiment.json: not a run, not listed.
    mkdirSync(join(runs, 'stray'));
    const listed = await aelab(['runs', '--runs-dir', 'runs', '--json'], workspace);
    expect(listed.status).toBe(0);
    const byId = Object.fromEntries((JSON.parse(listed.stdout) as { runId: string }[]).map((run) => [run.runId, run]));
    expect(Object.keys(byId).sort()).toEqual(['emptied', 'truncated']);
    expect(byId.truncated).toMatchObject({ status: 'damaged', resumable: false, detail: expect.stringContaining(`${join(runs, 'truncated', 'summary.json')}:1:2: not JSON`) });
    expect(byId.emptied).toMatchObject({ status: 'damaged', resumable: false, detail: expect.stringContaining(`${join(runs, 'emptied', 'summary.json')}:1:1: field "runId": expected string, but it is missing`) });

    const table = await aelab(['runs', '--runs-dir', 'runs'], workspace);
    expect(table.stdout).toMatch(/^truncated\s+damaged\s+.*summary\.json:1:2: not JSON/m);
    expect(table.stdout).toMatch(/^emptied\s+damaged\s+.*field "runId"/m);
    // And resume still refuses it, naming the file.
    const refused = await aelab(['resume', join(runs, 'emptied')], workspace);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`${join(runs, 'emptied', 'summary.json')}:1:1`);
  });
});
