// A run marked "running" is only running while its trainer process lives. Every reader of run status (Runs tree,
// dashboard, `aelab resume`, `aelab runs`) asks here, so a run whose trainer vanished is shown as interrupted.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { RunStatus, RunSummary } from '../protocol/trainerMessages';

/** How often a training process refreshes `summary.json`'s heartbeat. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
/**
 * A heartbeat older than this means the process is gone even if its pid is taken by another process (pid reuse) or the
 * run lives on another machine (a cloned or network workspace). Generous: a long synchronous step may delay a beat.
 */
export const HEARTBEAT_STALE_MS = 120_000;

/**
 * What readers show: the stored status, except a "running" run with no living trainer, which is interrupted, and a run
 * whose summary.json (or, before it exists, experiment.json) cannot be read, which is damaged.
 */
export type ShownStatus = RunStatus | 'interrupted' | 'damaged';

/** The process that trains a run, as `summary.json` records it. */
export interface RunOwner {
  pid: number;
  host: string;
  heartbeatAt: string;
}

export function currentOwner(now = new Date()): RunOwner {
  return { pid: process.pid, host: hostname(), heartbeatAt: now.toISOString() };
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the pid exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/**
 * The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses): state, ppid, …;
 * undefined where there is no /proc (not Linux).
 */
export function procStatFields(pid: number | 'self'): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** A killed process whose parent died too waits as a zombie until init reaps it (never, in some containers). */
function isZombie(pid: number): boolean {
  // Without /proc, kill(pid, 0) is all there is.
  return procStatFields(pid)?.[0] === 'Z';
}

/** True when the run's trainer is (as far as this machine can tell) still alive. */
export function runIsLive(summary: Pick<RunSummary, 'status' | 'owner'>, now = Date.now()): boolean {
  if (summary.status !== 'running') return false;
  const owner = summary.owner;
  // A run written before owners were recorded, or one that never got its first heartbeat: nothing proves it lives.
  if (!owner) return false;
  const age = now - Date.parse(owner.heartbeatAt);
  if (!Number.isFinite(age) || age > HEARTBEAT_STALE_MS) return false;
  if (owner.host !== hostname()) return true;
  return isProcessAlive(owner.pid);
}

export function shownStatus(summary: Pick<RunSummary, 'status' | 'owner'>, now = Date.now()): ShownStatus {
  return summary.status === 'running' && !runIsLive(summary, now) ? 'interrupted' : summary.status;
}
