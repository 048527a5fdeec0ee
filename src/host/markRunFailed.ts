// When the trainer dies without saying goodbye, the host records why in the run's summary.json.
import { readSummary } from '../trainer/runs/runFolder';
import { writeFileAtomic } from '../trainer/runs/atomicWrite';
import { join } from 'node:path';
import type { RunError, RunSummary } from '../protocol/trainerMessages';

export function markRunFailed(runDir: string, message: string, reason: RunError['reason']): RunSummary | null {
  const summary = readSummary(runDir);
  if (!summary || summary.status !== 'running') return summary ?? null;
  const failed: RunSummary = { ...summary, status: 'failed', endedAt: new Date().toISOString(), error: { message, reason } };
  writeFileAtomic(join(runDir, 'summary.json'), `${JSON.stringify(failed, null, 2)}\n`);
  return failed;
}
