// Keeps each sweep's sweep.json true while its runs go through the training queue: a row becomes running when the
// trainer opens its run folder, and takes its run's outcome when the trainer ends. No vscode here: the controller's
// events are passed in, so tests drive it with plain emitters.
import { resolve } from 'node:path';
import type { TrainerExit } from '../../host/trainerProcess';
import type { SweepRun } from '../../protocol/sweep';
import type { TrainerToHost } from '../../protocol/trainerMessages';
import { SweepRecorder } from '../../sweep/sweepRecorder';
import type { SweepTag } from './runQueue';

export class SweepRows {
  /** One recorder per sweep folder, so its rows are read once and then kept in memory. */
  private readonly recorders = new Map<string, SweepRecorder>();

  add(recorder: SweepRecorder): void {
    this.recorders.set(resolve(recorder.sweepDir), recorder);
  }

  forget(sweepDir: string): void {
    this.recorders.delete(resolve(sweepDir));
  }

  /** The trainer made the run folder of this setting. */
  opened(tag: SweepTag, runId: string): void {
    this.recorder(tag).started(tag.index, runId);
  }

  /**
   * The trainer of this setting has ended; `runDir` is undefined when it never made a run folder. Returns how many
   * rows ended with each status once none is pending or running any more, else undefined.
   */
  ended(tag: SweepTag, runDir: string | undefined, error: string | null): Partial<Record<SweepRun['status'], number>> | undefined {
    const recorder = this.recorder(tag);
    if (runDir) recorder.finished(tag.index, runDir);
    else if (error) recorder.failed(tag.index, error);
    else recorder.notStarted(tag.index); // stopped before it began: the row trains from the start next time
    const statuses = recorder.file.runs.map((row) => row.status);
    if (statuses.some((status) => status === 'pending' || status === 'running')) return undefined;
    const counts: Partial<Record<SweepRun['status'], number>> = {};
    for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  }

  private recorder(tag: SweepTag): SweepRecorder {
    const key = resolve(tag.sweepDir);
    let recorder = this.recorders.get(key);
    if (!recorder) {
      recorder = SweepRecorder.load(tag.sweepDir);
      this.recorders.set(key, recorder);
    }
    return recorder;
  }
}

interface SweepRunEvents {
  onDidReceiveMessage(listener: (event: { run: { sweep?: SweepTag }; message: TrainerToHost }) => void): { dispose(): void };
  onDidEndRun(listener: (event: { run: { sweep?: SweepTag; runDir?: string }; exit: TrainerExit }) => void): { dispose(): void };
}

export interface SweepRunHandlers {
  /** A sweep.json that cannot be written (its folder deleted) is only warned about: the runs themselves are fine. */
  warn(problem: string): void;
  /** Every row of the sweep has ended ("completed: 3, failed: 1"). */
  sweepEnded?(tag: SweepTag, counts: Partial<Record<SweepRun['status'], number>>): void;
}

/** Feeds a controller's runs of a sweep to `rows`. */
export function recordSweepRuns(controller: SweepRunEvents, rows: SweepRows, { warn, sweepEnded }: SweepRunHandlers): { dispose(): void }[] {
  const guarded = (tag: SweepTag, record: () => void) => {
    try {
      record();
    } catch (error) {
      warn(`sweep ${tag.sweepId}: cannot update sweep.json for run ${tag.index + 1} (${error instanceof Error ? error.message : String(error)})`);
    }
  };
  return [
    controller.onDidReceiveMessage(({ run, message }) => {
      if (run.sweep && message.type === 'opened') guarded(run.sweep, () => rows.opened(run.sweep!, message.runId));
    }),
    controller.onDidEndRun(({ run, exit }) => {
      const tag = run.sweep;
      if (!tag) return;
      guarded(tag, () => {
        const counts = rows.ended(tag, run.runDir, exit.error);
        if (counts) sweepEnded?.(tag, counts);
      });
    }),
  ];
}
