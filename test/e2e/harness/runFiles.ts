// Waits on what a run writes to disk: the run folder's summary.json and metrics.jsonl.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunSummary } from '../../../src/protocol/trainerMessages';

export function runIds(runsDir: string): string[] {
  return existsSync(runsDir) ? readdirSync(runsDir).filter((name) => existsSync(join(runsDir, name, 'summary.json'))) : [];
}

export function readSummary(runDir: string): RunSummary | undefined {
  try {
    return JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as RunSummary;
  } catch {
    return undefined; // mid-write or not there yet
  }
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The first run folder created after `before` (a list of run ids that existed already). */
export function waitForNewRun(runsDir: string, before: string[] = [], timeoutMs?: number): Promise<string> {
  return waitFor(`a new run in ${runsDir}`, () => runIds(runsDir).find((id) => !before.includes(id)), timeoutMs).then((id) => join(runsDir, id));
}

export function waitForStatus(runDir: string, statuses: RunSummary['status'][], timeoutMs?: number): Promise<RunSummary> {
  return waitFor(`${runDir} to be ${statuses.join(' or ')}`, () => {
    const summary = readSummary(runDir);
    return summary && statuses.includes(summary.status) ? summary : undefined;
  }, timeoutMs);
}
