// One apply job (reconstruct, score, encode, neighbors) in a trainer process: progress as it streams, the trainer's
// answer at the end, and a cancel that stops the job (its unfinished output file removed) or, failing that, kills it.
import type * as vscode from 'vscode';
import { TrainerProcess } from '../../host/trainerProcess';
import type { Applied, ApplyMessage } from '../../protocol/applyMessages';
import type { TrainerLaunch } from '../training/trainerLaunch';

/** How long a cancelled job may take to finish its batch before its process is killed. */
const CANCEL_GRACE_MS = 5_000;

export type ApplyOutcome = { ok: true; applied: Applied } | { ok: false; cancelled: boolean; error: string; reason?: Applied['reason'] };

export interface ApplyJobHandle {
  outcome: Promise<ApplyOutcome>;
  cancel: () => void;
  pid: number | undefined;
}

export function runApplyJob(
  launch: TrainerLaunch,
  message: Omit<ApplyMessage, 'type'>,
  log: Pick<vscode.LogOutputChannel, 'info' | 'warn'>,
  onProgress: (done: number, total: number | null) => void,
): ApplyJobHandle {
  let applied: Applied | undefined;
  /** A trainer that cannot run the job (e.g. one that does not know it) ends with a 'done' error instead. */
  let doneError: string | undefined;
  let cancelled = false;
  const trainer = new TrainerProcess(
    { type: 'apply', ...message },
    {
      ...launch(),
      onMessage: (m) => {
        if (m.type === 'applyProgress') onProgress(m.done, m.total);
        if (m.type === 'applied') applied = m;
        if (m.type === 'done' && m.error) doneError = m.error.message;
        if (m.type === 'log') log[m.level === 'warn' ? 'warn' : 'info'](m.message);
      },
      onInvalidMessage: (problem) => log.warn(problem),
      stopGraceMs: CANCEL_GRACE_MS,
    },
  );
  const outcome = trainer.exited.then((exit): ApplyOutcome => {
    if (cancelled) return { ok: false, cancelled: true, error: 'cancelled' };
    if (applied && !applied.error) return { ok: true, applied };
    if (applied?.error) return { ok: false, cancelled: false, error: applied.error, reason: applied.reason };
    return { ok: false, cancelled: false, error: doneError ?? exit.error ?? 'the trainer ended without an answer', reason: 'crashed' };
  });
  return {
    outcome,
    pid: trainer.pid,
    cancel: () => {
      cancelled = true;
      // Stop between batches, so the job removes its unfinished output file; killed if it does not end in time.
      trainer.stop();
    },
  };
}
