// Which "running" runs are really running: pid, host and heartbeat, on real processes.
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_INTERVAL_MS, HEARTBEAT_STALE_MS, currentOwner, runIsLive, shownStatus } from '../../../src/runs/runLiveness';
import { startHeartbeat } from '../../../src/trainer/heartbeat';

const now = Date.parse('2026-11-30T12:00:00Z');
const at = (msAgo: number) => new Date(now - msAgo).toISOString();

/** A pid that belonged to a process which has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('runIsLive / shownStatus', () => {
  it('a running run whose trainer lives on this host, with a fresh heartbeat, is running', () => {
    const summary = { status: 'running' as const, owner: { pid: process.pid, host: hostname(), heartbeatAt: at(1000) } };
    expect(runIsLive(summary, now)).toBe(true);
    expect(shownStatus(summary, now)).toBe('running');
  });

  it('a running run whose trainer process is gone is interrupted', async () => {
    const summary = { status: 'running' as const, owner: { pid: await deadPid(), host: hostname(), heartbeatAt: at(1000) } };
    expect(runIsLive(summary, now)).toBe(false);
    expect(shownStatus(summary, now)).toBe('interrupted');
  });

  it('a killed trainer that nobody reaped (a zombie, e.g. under a container init that never reaps) is interrupted', async () => {
    // sh starts a child that exits at once, then becomes `sleep`, which never waits for it: the child stays a zombie.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const zombie = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()))));
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(() => process.kill(zombie, 0)).not.toThrow();
      expect(shownStatus({ status: 'running', owner: { pid: zombie, host: hostname(), heartbeatAt: at(1000) } }, now)).toBe('interrupted');
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('a stale heartbeat means interrupted even if the pid was reused by another process', () => {
    const summary = { status: 'running' as const, owner: { pid: process.pid, host: hostname(), heartbeatAt: at(HEARTBEAT_STALE_MS + 1) } };
    expect(shownStatus(summary, now)).toBe('interrupted');
  });

  it('a run owned by another host is trusted while its heartbeat is fresh, interrupted once it is stale', () => {
    const owner = { pid: 1, host: `${hostname()}-elsewhere`, heartbeatAt: at(1000) };
    expect(shownStatus({ status: 'running', owner }, now)).toBe('running');
    expect(shownStatus({ status: 'running', owner: { ...owner, heartbeatAt: at(HEARTBEAT_STALE_MS + 1) } }, now)).toBe('interrupted');
  });

  it('a running run with no owner (older runs) or an unreadable heartbeat is interrupted', () => {
    expect(shownStatus({ status: 'running' }, now)).toBe('interrupted');
    expect(shownStatus({ status: 'running', owner: { pid: process.pid, host: hostname(), heartbeatAt: 'yesterday' } }, now)).toBe('interrupted');
  });

  it('finished runs show their stored status whatever the owner says', async () => {
    const owner = { pid: await deadPid(), host: hostname(), heartbeatAt: at(HEARTBEAT_STALE_MS * 10) };
    for (const status of ['completed', 'stopped', 'failed'] as const) expect(shownStatus({ status, owner }, now)).toBe(status);
  });

  it('currentOwner names this process and host', () => {
    expect(currentOwner(new Date(now))).toEqual({ pid: process.pid, host: hostname(), heartbeatAt: new Date(now).toISOString() });
  });
});

describe('startHeartbeat', () => {
  afterEach(() => vi.useRealTimers());

  it('beats every interval until stopped', () => {
    vi.useFakeTimers();
    const beat = vi.fn();
    const heartbeat = startHeartbeat(beat, () => {});
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS * 3);
    expect(beat).toHaveBeenCalledTimes(3);
    heartbeat.stop();
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS * 3);
    expect(beat).toHaveBeenCalledTimes(3);
  });

  it('hands a failing beat (a full disk) to onError once and stops beating', () => {
    vi.useFakeTimers();
    const failure = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const beat = vi.fn(() => {
      throw failure;
    });
    const onError = vi.fn();
    startHeartbeat(beat, onError);
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS * 4);
    expect(beat).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(failure);
  });
});
