// Write errors end a run cleanly, on a real file system: a full disk (a small tmpfs filled up mid-run), a file system
// that turns read-only, or (without root) a run folder that loses its write permission. Each ends with "cannot write the
// run: …", exit 1, no stack trace and no half-written file; once the disk is writable again the run resumes.
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { markRunEnded } from '../../../src/host/markRunEnded';
import type { EpochMetrics } from '../../../src/protocol/trainerMessages';
import { CLI_SCRIPT, tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';
import { leftoverTempFiles, onlyRunDir, readStoredSummary, startCli, taggedProcesses, waitFor } from './cliProcess';

interface Breaker {
  name: string;
  code: RegExp;
  /** Prepares the runs folder, returns it. */
  setUp(workspace: string): string;
  breakIt(runsDir: string): void;
  repair(runsDir: string): void;
}

const isRoot = process.getuid?.() === 0;
const mounted: string[] = [];

function tmpfs(workspace: string, size: string): string {
  const runsDir = join(workspace, 'runs');
  mkdirSync(runsDir);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'aelab-test', runsDir]);
  mounted.push(runsDir);
  return runsDir;
}

const fullDisk: Breaker = {
  name: 'a full disk (ENOSPC on a 64 MB tmpfs)',
  code: /ENOSPC/,
  setUp: (workspace) => tmpfs(workspace, '64m'),
  breakIt(runsDir) {
    const fd = openSync(join(runsDir, 'filler'), 'w');
    const chunk = Buffer.alloc(1 << 16, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    } finally {
      closeSync(fd);
    }
  },
  repair: (runsDir) => rmSync(join(runsDir, 'filler')),
};

const readOnlyFileSystem: Breaker = {
  name: 'a file system that turns read-only (EROFS)',
  code: /EROFS/,
  setUp: (workspace) => tmpfs(workspace, '64m'),
  breakIt: (runsDir) => execFileSync('mount', ['-o', 'remount,ro', runsDir]),
  repair: (runsDir) => execFileSync('mount', ['-o', 'remount,rw', runsDir]),
};

// Without root there is no mount: taking the write permission away is the same failure path (EACCES).
const readOnlyFolder: Breaker = {
  name: 'a run folder that loses its write permission (EACCES)',
  code: /EACCES/,
  setUp: (workspace) => join(workspace, 'runs'),
  breakIt: (runsDir) => setWritable(runsDir, false),
  repair: (runsDir) => setWritable(runsDir, true),
};

function setWritable(dir: string, writable: boolean): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) setWritable(join(dir, entry.name), writable);
  chmodSync(dir, writable ? 0o755 : 0o555);
}

afterAll(() => {
  for (const dir of mounted) execFileSync('umount', ['-l', dir]);
});

function everyJsonParses(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) everyJsonParses(path);
    else if (entry.name.endsWith('.json')) expect(() => JSON.parse(readFileSync(path, 'utf8')), path).not.toThrow();
    else if (entry.name.endsWith('.jsonl')) readFileSync(path, 'utf8').trim().split('\n').forEach((line) => expect(() => JSON.parse(line), path).not.toThrow());
  }
}

describe.each(isRoot ? [fullDisk, readOnlyFileSystem] : [readOnlyFolder])('write errors: $name', (breaker) => {
  it('ends the run with "cannot write the run", exit 1, no stack trace, nothing half-written; it resumes once writable', async () => {
    const workspace = tempWorkspace('aelab-write-');
    writeExperiment(workspace, { name: 'full', data: { source: 'builtin:mnist', validationSplit: 0.1, limit: 1000 }, training: { epochs: 200, batchSize: 32, learningRate: 0.002, seed: 9 } });
    const runsDir = breaker.setUp(workspace);
    const run = startCli(['train', 'full.ae.json', '--runs-dir', runsDir, '--threads', '1'], workspace);
    await waitFor('two epochs', () => run.output().includes('epoch 2/200'), 90_000);
    breaker.breakIt(runsDir);
    const exit = await run.exited;
    breaker.repair(runsDir);

    expect(exit.code, exit.stderr).toBe(1);
    expect(exit.stderr).toMatch(/aelab: cannot write the run: /);
    expect(exit.stderr).toMatch(breaker.code);
    expect(exit.stderr).not.toMatch(/\n\s+at /);
    expect(taggedProcesses(run.tag)).toEqual([]);
    const runDir = onlyRunDir(runsDir);
    expect(leftoverTempFiles(runDir)).toEqual([]);
    everyJsonParses(runDir);

    // Whether the last summary write got through or not, no reader shows it as running, and it can be resumed.
    const listed = await runNode([CLI_SCRIPT, 'runs', '--runs-dir', runsDir, '--json'], { cwd: workspace });
    const [entry] = JSON.parse(listed.stdout) as { status: string; resumable: string | false }[];
    expect(['failed', 'interrupted']).toContain(entry.status);
    expect(entry.resumable).toBe('checkpoint');

    const stoppedAt = readStoredSummary(runDir).epochs;
    const resumed = await runNode([CLI_SCRIPT, 'resume', runDir, '--epochs', String(stoppedAt + 1), '--threads', '1'], { cwd: workspace });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(readStoredSummary(runDir)).toMatchObject({ status: 'completed', epochs: stoppedAt + 1 });
    const epochs = readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as EpochMetrics).epoch);
    expect(epochs).toEqual(Array.from({ length: stoppedAt + 1 }, (_, i) => i + 1));
  });
});

describe('markRunEnded (the host recording a dead trainer)', () => {
  const runningRun = () => {
    const runDir = mkdtempSync(join(tmpdir(), 'aelab-mark-'));
    const summary = { runId: 'r', name: 'r', kind: 'deep', status: 'running', backend: 'wasm', epochs: 1, epochsPlanned: 3, final: null, best_val_loss: null, parameterCount: 1, trainSamples: 1, validationSamples: 0, droppedSamples: { count: 0, reasons: {} }, startedAt: new Date().toISOString(), endedAt: null, error: null, owner: { pid: 1, host: 'h', heartbeatAt: new Date().toISOString() } };
    writeFileSync(join(runDir, 'summary.json'), JSON.stringify(summary));
    return runDir;
  };

  it('marks a running run stopped or failed and drops its owner', () => {
    const runDir = runningRun();
    const marked = markRunEnded(runDir, { status: 'failed', error: { message: 'the trainer was killed by SIGKILL', reason: 'killed' } });
    expect(marked.writeError).toBeUndefined();
    expect(readStoredSummary(runDir)).toMatchObject({ status: 'failed', error: { reason: 'killed' } });
    expect(readStoredSummary(runDir).owner).toBeUndefined();
  });

  it('returns the write error instead of throwing when summary.json cannot be written', () => {
    const runDir = runningRun();
    // The atomic writer's temp name taken by a folder: its open fails (EISDIR), as a full disk's would, for any user.
    mkdirSync(join(runDir, `.summary.json.${process.pid}.tmp`));
    const before = statSync(join(runDir, 'summary.json')).mtimeMs;
    const marked = markRunEnded(runDir, { status: 'stopped', error: null });
    expect(marked.writeError).toMatch(/^cannot write the run: /);
    expect(marked.summary?.status).toBe('stopped');
    expect(statSync(join(runDir, 'summary.json')).mtimeMs).toBe(before);
    expect(readStoredSummary(runDir).status).toBe('running');
  });

  it('leaves a run the trainer finished alone', () => {
    const runDir = runningRun();
    markRunEnded(runDir, { status: 'stopped', error: null });
    expect(markRunEnded(runDir, { status: 'failed', error: { message: 'late', reason: 'crashed' } }).summary?.status).toBe('stopped');
  });
});
