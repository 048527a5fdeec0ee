// Signals to `aelab score|reconstruct|encode` as a terminal, `kill` and a closed terminal send them (to the whole
// process group): the job stops after its current batch, leaves no temporary or half-written output file, keeps the
// PNG files a folder reconstruction already wrote, and the CLI exits 128 + the signal number; a second signal kills
// the trainer. The trainer is frozen (SIGSTOP) while the signal is sent, so where the stop lands does not depend on
// timing. Everything goes through the real CLI and trainer.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';
import { signalGroup, startCli, taggedProcesses, trainerPid, waitFor } from '../reliability/cliProcess';
// @ts-expect-error -- a plain .mjs module of the scripts, without types
import { readMnist, writeDigitFolder, writeDigitNpy } from '../../../scripts/apply/mnistDigits.mjs';

const mnist = readMnist();
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const IMAGES = 600; // three batches of up to 256
let work: string;
let runDir: string;

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

const tempFiles = () => filesUnder(work).filter((file) => /\.tmp$/.test(file));

beforeAll(async () => {
  work = tempWorkspace('aelab-apply-signals-');
  writeDigitNpy(join(work, 'train.npy'), mnist, range(0, 200));
  writeFileSync(join(work, 'digits.ae.json'), JSON.stringify({ name: 'digits', kind: 'deep', data: { source: 'train.npy', validationSplit: 0.1 }, model: { hidden: [16], latentDim: 4 }, training: { epochs: 1, batchSize: 50, learningRate: 0.002, seed: 7 } }));
  const trained = await runNode([CLI_SCRIPT, 'train', 'digits.ae.json', '--backend', 'cpu', '--json'], { cwd: work });
  expect(trained.status, trained.stderr).toBe(0);
  runDir = join(work, '.aelab', 'runs', JSON.parse(trained.stdout).runId);
  writeDigitFolder(join(work, 'folder'), mnist, range(9000, 9000 + IMAGES));
});

/** The trainer among a tag's processes (under script(1) they also include script and its shell). */
function trainerOf(tag: string): number | undefined {
  return taggedProcesses(tag).find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('trainer.js');
    } catch {
      return false;
    }
  });
}

describe('signals to an apply job', () => {
  it('Ctrl+C in a real pseudo-terminal while scoring a folder: exit 130, no scores file and no temporary file', async () => {
    const tag = `apply-ctrl-c-${process.pid}`;
    const command = `${process.execPath} ${CLI_SCRIPT} score ${runDir} folder --out scores.csv --backend cpu; echo "EXIT=$?"`;
    // As in reliability/signals.test.ts: ^C on the pty is SIGINT to the whole foreground process group.
    const script = spawn('script', ['-qfc', command, '/dev/null'], { cwd: work, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, SHELL: '/bin/bash', AELAB_TEST_TAG: tag } });
    let screen = '';
    script.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    const closed = new Promise((resolve) => script.on('close', resolve));
    const trainer = await waitFor('the trainer process', () => trainerOf(tag), 60_000);
    process.kill(trainer, 'SIGSTOP');
    script.stdin.write('\x03');
    await waitFor('the stop notice', () => screen.includes('SIGINT: stopping the score job after the current batch'));
    process.kill(trainer, 'SIGCONT');
    await closed;
    expect(screen).toMatch(new RegExp(`aelab score: stopped after \\d+ of ${IMAGES} samples; nothing was written to ${join(work, 'scores.csv')}`));
    expect(screen).toMatch(/EXIT=130\b/);
    expect(screen).not.toMatch(/\n\s+at /);
    expect(filesUnder(work)).not.toContain('scores.csv');
    expect(tempFiles()).toEqual([]);
    expect(taggedProcesses(tag)).toEqual([]);
  });

  it('SIGTERM to the group during a folder reconstruction: exit 143, the PNG files of finished batches are kept and said so', async () => {
    const run = startCli(['reconstruct', runDir, 'folder', '--out', 'out', '--backend', 'cpu'], work);
    await waitFor('the first PNG', () => { try { return filesUnder(join(work, 'out')).some((f) => f.endsWith('.png')); } catch { return false; } }, 60_000);
    const trainer = trainerPid(run)!;
    process.kill(trainer, 'SIGSTOP');
    signalGroup(run, 'SIGTERM');
    await waitFor('the stop notice', () => run.output().includes('SIGTERM: stopping the reconstruct job'));
    process.kill(trainer, 'SIGCONT');
    const exit = await run.exited;
    expect(exit.code, exit.stderr).toBe(143);
    const said = new RegExp(`stopped after (\\d+) of ${IMAGES} samples; the (\\d+) PNG files already written under ${join(work, 'out')} are kept`).exec(exit.stderr);
    expect(said, exit.stderr).not.toBeNull();
    const kept = Number(said![1]);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(IMAGES);
    expect(kept % 256).toBe(0); // whole batches
    expect(filesUnder(join(work, 'out')).filter((f) => f.endsWith('.png'))).toHaveLength(kept);
    expect(tempFiles()).toEqual([]);
    expect(taggedProcesses(run.tag)).toEqual([]);
  });

  it('a second SIGHUP kills a trainer that does not stop, and the CLI removes the NPY it was writing: exit 129', async () => {
    const run = startCli(['encode', runDir, 'folder', '--out', 'codes.npy', '--backend', 'cpu'], work);
    // The output's temporary file exists once the job has started writing it.
    await waitFor('the temporary output', () => tempFiles().some((file) => file.startsWith('.codes.npy.')), 60_000);
    const trainer = trainerPid(run)!;
    process.kill(trainer, 'SIGSTOP'); // so only the second signal (a kill) can end it
    signalGroup(run, 'SIGHUP');
    await waitFor('the stop notice', () => run.output().includes('SIGHUP: stopping the encode job'));
    await new Promise((resolve) => setTimeout(resolve, 800)); // later than a copy of the same signal
    signalGroup(run, 'SIGHUP');
    const exit = await run.exited;
    expect(exit.code, exit.stderr).toBe(129);
    expect(exit.stderr).toContain('SIGHUP again: killing the trainer');
    expect(exit.stderr).toMatch(/aelab encode: killed after \d+ samples; no half-written output file is left/);
    expect(filesUnder(work)).not.toContain('codes.npy');
    expect(tempFiles()).toEqual([]);
    await waitFor('the trainer to be gone', () => taggedProcesses(run.tag).length === 0);
  });
});
