// The bookkeeping around one run: its log, its heartbeat in summary.json, and the one way it ends (finish), so the
// training steps never write summary.json or the log themselves.
import type { RunError, RunSummary, TrainerToHost } from '../../protocol/trainerMessages';
import type { RunFolder } from '../../runs/runFolder';
import { currentOwner } from '../../runs/runLiveness';
import { startHeartbeat, type Heartbeat } from '../heartbeat';
import { toRunError } from './runErrors';

export class RunSession {
  /** A write that failed between epochs (the heartbeat): the run ends at the next batch, like any other write error. */
  private writeFailure: Error | undefined;
  private readonly heartbeat: Heartbeat;

  constructor(
    readonly run: RunFolder,
    readonly summary: RunSummary,
    private readonly emit: (message: TrainerToHost) => void,
    private readonly stopRequested: () => boolean,
  ) {
    summary.owner = currentOwner();
    this.heartbeat = startHeartbeat(
      () => {
        summary.owner = currentOwner();
        run.writeJson('summary', summary);
      },
      (error) => (this.writeFailure ??= error instanceof Error ? error : new Error(String(error))),
    );
  }

  readonly shouldStop = (): boolean => this.writeFailure !== undefined || this.stopRequested();

  /** Throws the heartbeat's write error, if there was one, so the run ends as a write failure. */
  throwIfWriteFailed(): void {
    if (this.writeFailure !== undefined) throw this.writeFailure;
  }

  readonly log = (level: 'info' | 'warn', message: string): void => {
    this.emit({ type: 'log', level, message });
    this.run.log(`${level.toUpperCase()} ${message}`);
  };

  writeSummary(): void {
    this.run.writeJson('summary', this.summary);
  }

  /** Records a failure in the run log; the log lives on the disk that may just have failed, so this never throws. */
  logFailure(runError: RunError, error: unknown): void {
    this.emit({ type: 'log', level: 'warn', message: runError.message });
    try {
      this.run.log(`WARN ${runError.message}`);
      if (runError.reason === 'crashed' && error instanceof Error) this.run.log(`STACK ${error.stack}`);
    } catch {
      // The summary (or the host) still records the error.
    }
  }

  finish(status: RunSummary['status'], error: RunError | null = null): RunSummary {
    this.heartbeat.stop();
    const summary = this.summary;
    Object.assign(summary, { status, error, endedAt: new Date().toISOString(), owner: undefined });
    try {
      this.writeSummary();
    } catch (writeError) {
      // summary.json keeps its last state ("running", owned by this process): once this process exits, readers show the
      // run as interrupted, and it resumes from its last checkpoint when the disk has room again.
      // Any earlier error was already logged; the write failure is what the user must act on now.
      Object.assign(summary, { status: 'failed', error: toRunError(writeError) });
    }
    this.emit({ type: 'done', runDir: this.run.runDir, summary, error: summary.error });
    return summary;
  }

  stopHeartbeat(): void {
    this.heartbeat.stop();
  }
}
