// When the trainer ends without recording it (killed, crashed, or its last write refused), the host records how the run
// ended in summary.json. This runs inside a child's exit handler, so it never throws: a failed write is returned.
import { readSummary, writeSummary } from '../runs/summaryFile';
import type { RunError, RunStatus, RunSummary } from '../protocol/trainerMessages';

export interface RunEnding {
  status: Extract<RunStatus, 'failed' | 'stopped'>;
  error: RunError | null;
}

export interface MarkResult {
  /** The summary as it now stands (or as it would have been written), null when the folder has no summary. */
  summary: RunSummary | null;
  /** Set when summary.json could not be written, e.g. on a full disk. */
  writeError?: string;
}

/** Only a summary still saying "running" is changed: one the trainer finished writing is the truth. */
export function markRunEnded(runDir: string, ending: RunEnding | RunSummary): MarkResult {
  let stored: RunSummary | undefined;
  try {
    stored = readSummary(runDir);
  } catch {
    stored = undefined;
  }
  if (!stored || stored.status !== 'running') return { summary: stored ?? null };
  const ended: RunSummary = 'runId' in ending ? { ...ending } : { ...stored, status: ending.status, endedAt: new Date().toISOString(), error: ending.error };
  delete ended.owner;
  try {
    writeSummary(runDir, ended);
    return { summary: ended };
  } catch (error) {
    return { summary: ended, writeError: `cannot write the run: ${error instanceof Error ? error.message : String(error)}` };
  }
}
