// When the trainer dies without saying goodbye, the host records why in the run's summary.json.
import { writeRunJson } from '../runs/runFolder';
import { readSummary } from '../runs/summaryFile';
import type { RunError, RunSummary } from '../protocol/trainerMessages';

export function markRunFailed(runDir: string, message: string, reason: RunError['reason']): RunSummary | null {
  const summary = readSummary(runDir);
  if (!summary || summary.status !== 'running') return summary ?? null;
  const failed: RunSummary = { ...summary, status: 'failed', endedAt: new Date().toISOString(), error: { message, reason } };
  writeRunJson(runDir, 'summary', failed);
  return failed;
}
