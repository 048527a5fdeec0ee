// Signals as a terminal, a closed terminal and `timeout` send them: to the whole foreground process group. The trainer
// runs in its own group, so only the CLI gets them; it stops the run after the current batch, saves the models and a
// checkpoint, and exits 128 + the signal number. Everything here goes through the real CLI and trainer.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_SCRIPT, tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';
import { leftoverTempFiles, onlyRunDir, readStoredSummary, signalGroup, startCli, taggedProcesses, trainerPid, waitFor } from './cliProcess';

const longRun = { data: { source: 'builtin:mnist', validationSplit: 0.1, limit: 1000 }, training: { epochs: 200, batchSize: 32, learningRate: 0.002, seed: 5 } };

function workspaceWith(name: string) {
  const workspace = tempWorkspace(`aelab-signals-${name}-`);
  writeExperiment(workspace, { name, ...longRun });
  return { workspace, file: `${name}.ae.json`, runsDir: join(workspace, 'runs') };
}

/** A stopped run that kept its models and checkpoint, with nothing half-written. */
function expectStoppedAndSaved(runDir: string) {
  expect(readStoredSummary(runDir)).toMatchObject({ status: 'stopped', error: null });
  expect(readStoredSummary(runDir).owner).toBeUndefined();
  for (const file of ['model/model.json', 'encoder/model.json', 'decoder/model.json', 'checkpoint/checkpoint.json', 'checkpoint/weights.bin']) expect(existsSync(join(runDir, file)), file).toBe(true);
  expect(leftoverTempFiles(runDir)).toEqual([]);
}

async function resumeToCompletion(workspace: string, runDir: string) {
  const epochs = readStoredSummary(runDir).epochs + 1;
  const resumed = await runNode([CLI_SCRIPT, 'resume', runDir, '--epochs', String(epochs), '--threads', '1'], { cwd: workspace });
  expect(resumed.status, resumed.stderr).toBe(0);
  expect(readStoredSummary(runDir)).toMatchObject({ status: 'completed', epochs });
}

describe('signals to the CLI process group', () => {
  it('Ctrl+C in a real pseudo-terminal: exit 130, stopped with model/ and checkpoint/, and `aelab resume` finishes the run', async () => {
    const { workspace, file, runsDir } = workspaceWith('ctrl-c');
    const command = `${process.execPath} ${CLI_SCRIPT} train ${file} --runs-dir runs --threads 1; echo "EXIT=$?"`;
    // script(1) runs the command on a new pty as the foreground job; ^C written to the pty is turned into SIGINT for
    // the whole foreground process group by the terminal line discipline, exactly as when a person presses Ctrl+C.
    // bash, like an interactive shell, waits for the job and survives a Ctrl+C the job handled, so it can print $?.
    const script = spawn('script', ['-qfc', command, '/dev/null'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, SHELL: '/bin/bash' } });
    let screen = '';
    script.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    const closed = new Promise((resolve) => script.on('close', resolve));
    await waitFor('the progress bar on the terminal', () => / batches /.test(screen), 90_000);
    script.stdin.write('\x03');
    await closed;
    expect(screen).toContain('SIGINT: stopping after the current batch');
    expect(screen).toMatch(/EXIT=130\b/);
    expect(screen).not.toMatch(/\n\s+at /);
    const runDir = onlyRunDir(runsDir);
    expectStoppedAndSaved(runDir);
    await resumeToCompletion(workspace, runDir);
  });

  it('`timeout -s TERM` (a CI time limit, signalling the group): exit 143 and a stopped, saved run', async () => {
    const { workspace, file, runsDir } = workspaceWith('timeout');
    // --preserve-status makes timeout exit with the CLI's own code (otherwise it reports 124 for any timeout).
    const run = startCli(['--preserve-status', '-s', 'TERM', '8', process.execPath, CLI_SCRIPT, 'train', file, '--runs-dir', 'runs', '--threads', '1'], workspace, ['timeout']);
    const exit = await run.exited;
    expect(exit.code, exit.stderr).toBe(143);
    expect(exit.stderr).toContain('SIGTERM: stopping after the current batch');
    expectStoppedAndSaved(onlyRunDir(runsDir));
    expect(taggedProcesses(run.tag)).toEqual([]);
  });

  it('a closed terminal (SIGHUP to the group): exit 129 and a stopped, saved run', async () => {
    const { workspace, file, runsDir } = workspaceWith('hangup');
    const run = startCli(['train', file, '--runs-dir', 'runs', '--threads', '1'], workspace);
    await waitFor('training to start', () => run.output().includes('run folder:'), 90_000);
    signalGroup(run, 'SIGHUP');
    const exit = await run.exited;
    expect(exit.code, exit.stderr).toBe(129);
    expectStoppedAndSaved(onlyRunDir(runsDir));
    expect(taggedProcesses(run.tag)).toEqual([]);
  });

  it('Ctrl+C before the trainer has started still ends cleanly with a stopped, saved run', async () => {
    const { workspace, file, runsDir } = workspaceWith('early');
    const run = startCli(['train', file, '--runs-dir', 'runs', '--threads', '1'], workspace);
    // As soon as the trainer process exists: it is still loading TensorFlow.js, long before its `started` message.
    await waitFor('the trainer process', () => trainerPid(run), 60_000);
    signalGroup(run, 'SIGINT');
    const exit = await run.exited;
    expect(exit.code, exit.stderr).toBe(130);
    expect(exit.stderr).not.toContain('aelab:');
    expectStoppedAndSaved(onlyRunDir(runsDir));
    expect(taggedProcesses(run.tag)).toEqual([]);
  });

  it('a second Ctrl+C kills a trainer that does not stop, and the run is left stopped and resumable, not running', async () => {
    const { workspace, file, runsDir } = workspaceWith('twice');
    const run = startCli(['train', file, '--runs-dir', 'runs', '--threads', '1'], workspace);
    await waitFor('the first epoch', () => run.output().includes('epoch 1/200'), 90_000);
    // Freeze the trainer so the first Ctrl+C cannot be obeyed; only the second one (a kill) can end it.
    const trainer = trainerPid(run)!;
    process.kill(trainer, 'SIGSTOP');
    signalGroup(run, 'SIGINT');
    await waitFor('the stop notice', () => run.output().includes('stopping after the current batch'));
    await new Promise((resolve) => setTimeout(resolve, 800));
    signalGroup(run, 'SIGINT');
    const exit = await run.exited;
    expect(exit.code, exit.stderr).toBe(130);
    expect(exit.stderr).toContain('SIGINT again: killing the trainer');
    const runDir = onlyRunDir(runsDir);
    expect(readStoredSummary(runDir)).toMatchObject({ status: 'stopped', error: { reason: 'killed' } });
    expect(taggedProcesses(run.tag)).toEqual([]);
    await resumeToCompletion(workspace, runDir);
  });

  it('kill -9 of the CLI: its trainer notices, stops at the next batch, saves, and exits instead of running as an orphan', async () => {
    const { workspace, file, runsDir } = workspaceWith('orphan');
    const run = startCli(['train', file, '--runs-dir', 'runs', '--threads', '1'], workspace);
    await waitFor('training to start', () => run.output().includes('run folder:'), 90_000);
    signalGroup(run, 'SIGKILL');
    await run.exited;
    await waitFor('the trainer to exit', () => taggedProcesses(run.tag).length === 0, 60_000);
    expectStoppedAndSaved(onlyRunDir(runsDir));
  });
});
