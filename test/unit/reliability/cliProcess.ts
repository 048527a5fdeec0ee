// Drives the real `aelab` CLI as a terminal or CI would: in its own process group, signalled as a group, and finds
// every process a test started (the CLI and its trainer, which runs in a group of its own) by an environment tag.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunSummary } from '../../../src/protocol/trainerMessages';
import { CLI_SCRIPT } from '../../helpers/experimentFiles';

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  child: ChildProcess;
  tag: string;
  output: () => string;
  exited: Promise<CliExit>;
}

let tags = 0;

/** Starts `aelab <args>` as the leader of a new process group (what a shell does for a foreground job). */
export function startCli(args: string[], cwd: string, command: string[] = [process.execPath, CLI_SCRIPT]): CliRun {
  const tag = `${process.pid}-${Date.now()}-${tags++}`;
  const child = spawn(command[0], [...command.slice(1), ...args], { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AELAB_TEST_TAG: tag } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<CliExit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, tag, output: () => stdout + stderr, exited };
}

/** Signals a whole process group, as a terminal (Ctrl+C, hang-up) or `timeout` does. */
export function signalGroup(run: CliRun, signal: NodeJS.Signals): void {
  try {
    process.kill(-run.child.pid!, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Live processes carrying a run's tag: the CLI and the trainer it forked (zombies excluded). */
export function taggedProcesses(tag: string): number[] {
  const marker = `AELAB_TEST_TAG=${tag}\0`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(join('/proc', entry, 'stat'), 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (`${readFileSync(join('/proc', entry, 'environ'), 'latin1')}\0`.includes(marker)) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** The trainer of a CLI run once it runs trainer.js: a fork not yet past exec still shows the CLI's command line. */
export function trainerPid(run: CliRun): number | undefined {
  return taggedProcesses(run.tag).find((pid) => pid !== run.child.pid && commandLine(pid).includes('trainer.js'));
}

function commandLine(pid: number): string {
  try {
    return readFileSync(join('/proc', String(pid), 'cmdline'), 'latin1');
  } catch {
    return '';
  }
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function onlyRunDir(runsDir: string): string {
  const runs = existsSync(runsDir) ? readdirSync(runsDir) : [];
  if (runs.length !== 1) throw new Error(`expected one run in ${runsDir}, found ${runs.length}`);
  return join(runsDir, runs[0]);
}

export function readStoredSummary(runDir: string): RunSummary {
  return JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as RunSummary;
}

/** Files a crash could leave behind: the atomic writers' temp names. */
export function leftoverTempFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (/\.\d+\.(tmp|old)$/.test(entry.name)) found.push(path);
      else if (entry.isDirectory()) walk(path);
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}
