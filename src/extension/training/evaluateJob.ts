// Evaluate Run runs in a trainer process too: the job behind `aelab eval` (the run's data loaded as training loaded it,
// evaluation.json rewritten by the trainer), one at a time per run. A cancel asks the trainer to stop; it ends between
// batches and writes nothing.
import type * as vscode from 'vscode';
import { TrainerProcess } from '../../host/trainerProcess';
import type { Evaluation } from '../../protocol/evaluation';
import type { BackendName } from '../../protocol/experiment';
import type { TrainerToHost } from '../../protocol/trainerMessages';
import type { TrainerLaunch } from './trainerLaunch';

type Evaluated = Extract<TrainerToHost, { type: 'evaluated' }>;

export type EvaluateResult =
  | { ok: true; evaluation: Evaluation; file: string | null }
  /** 'input': the run's files or experiment cannot be evaluated (the message names the file and field). */
  | { ok: false; error: string; reason: NonNullable<Evaluated['reason']> };

export interface EvaluateJob {
  result: Promise<EvaluateResult>;
  cancel: () => void;
}

export type JobLog = Pick<vscode.LogOutputChannel, 'info' | 'warn'>;

export function runEvaluateJob(launch: TrainerLaunch, runDir: string, backend: BackendName | undefined, log: JobLog): EvaluateJob {
  let evaluated: Evaluated | undefined;
  let refused: { message: string; reason: string } | undefined;
  let cancelled = false;
  const trainer = new TrainerProcess(
    { type: 'evaluate', runDir, backend },
    {
      ...launch(),
      onMessage: (m) => {
        if (m.type === 'evaluated') evaluated = m;
        // The trainer refused the job before starting it (e.g. an invalid message).
        else if (m.type === 'done' && m.error) refused = m.error;
        else if (m.type === 'log') log[m.level === 'warn' ? 'warn' : 'info'](m.message);
      },
      onInvalidMessage: (problem) => log.warn(problem),
    },
  );
  const result = trainer.exited.then((exit): EvaluateResult => {
    if (evaluated?.evaluation && !evaluated.error) return { ok: true, evaluation: evaluated.evaluation, file: evaluated.out };
    if (evaluated) return { ok: false, error: evaluated.error ?? 'the trainer answered without an evaluation', reason: evaluated.reason ?? 'crashed' };
    if (refused) return { ok: false, error: refused.message, reason: refused.reason === 'input' ? 'input' : 'crashed' };
    // No answer: killed after a stop that took too long, or the process died; either way nothing was written.
    return { ok: false, error: exit.error ?? 'the evaluation process ended without an answer', reason: cancelled ? 'stopped' : 'crashed' };
  });
  return {
    result,
    cancel: () => {
      cancelled = true;
      trainer.stop();
    },
  };
}

/** The evaluations running in this window, at most one per run folder. */
export class RunEvaluations {
  private readonly running = new Map<string, EvaluateJob>();

  constructor(private readonly launch: TrainerLaunch, private readonly log: JobLog) {}

  isRunning(runDir: string): boolean {
    return this.running.has(runDir);
  }

  /** Starts evaluating the run; undefined while an evaluation of it is still running. */
  start(runDir: string, backend?: BackendName): EvaluateJob | undefined {
    if (this.running.has(runDir)) return undefined;
    const job = runEvaluateJob(this.launch, runDir, backend, this.log);
    this.running.set(runDir, job);
    void job.result.finally(() => this.running.delete(runDir));
    return job;
  }

  /** Stops every evaluation (the window closes). */
  dispose(): void {
    this.running.forEach((job) => job.cancel());
  }
}
