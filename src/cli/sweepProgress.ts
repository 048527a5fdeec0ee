// `aelab sweep`'s progress, on stderr: one line per finished run (logs, CI), and on a TTY a cli-progress bar of runs done
// with each training run's epoch and batch beside it.
import { Presets, SingleBar } from 'cli-progress';
import type { SweepFile, SweepRun } from '../protocol/sweep';
import type { TrainerToHost } from '../protocol/trainerMessages';

export interface SweepProgress {
  onMessage(index: number, message: TrainerToHost): void;
  /** The row as sweep.json now holds it, after its trainer ended. */
  finished(row: SweepRun): void;
  line(text: string): void;
  finish(): void;
}

export function createSweepProgress(sweep: SweepFile, { quiet, tty, toTrain }: { quiet: boolean; tty: boolean; toTrain: number }): SweepProgress {
  let done = sweep.runs.length - toTrain;
  const total = sweep.runs.length;
  /** Index -> what its run is doing now, for the bar. */
  const active = new Map<number, string>();
  const epochsPlanned = new Map<number, number>();
  let bar: SingleBar | undefined;

  const clearBar = () => {
    bar?.stop();
    bar = undefined;
  };
  const line = (text: string) => {
    if (quiet) return;
    clearBar();
    process.stderr.write(`${text}\n`);
  };
  const redraw = () => {
    if (quiet || !tty) return;
    const activity = [...active.entries()].map(([index, what]) => `s${index} ${what}`).join(' · ') || '…';
    if (!bar) {
      bar = new SingleBar({ format: 'sweep [{bar}] {value}/{total} runs | {activity}', hideCursor: true, stream: process.stderr }, Presets.shades_classic);
      bar.start(total, done, { activity });
    }
    bar.update(done, { activity });
  };

  return {
    onMessage(index, message) {
      switch (message.type) {
        case 'started':
          epochsPlanned.set(index, message.epochsPlanned);
          active.set(index, 'starting');
          if (!tty) line(`s${index}: run ${message.runId} started (${message.trainSamples} train / ${message.validationSamples} val samples, backend ${message.backend})`);
          return redraw();
        case 'batch':
          active.set(index, `epoch ${message.epoch}/${epochsPlanned.get(index) ?? '?'} batch ${message.batch}/${message.batches}`);
          return redraw();
        case 'log':
          if (message.level === 'warn') line(`warning: s${index}: ${message.message}`);
          return;
        default:
          return;
      }
    },
    finished(row) {
      active.delete(row.index);
      if (row.status === 'completed' || row.status === 'failed') done++;
      const setting = Object.entries(row.parameters)
        .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
        .join(', ');
      const best = row.best?.val_loss != null ? `, best val_loss ${row.best.val_loss.toFixed(4)} at epoch ${row.best.epoch}` : '';
      const error = row.error ? `: ${row.error}` : '';
      line(`s${row.index} ${row.status} (${setting}): ${row.runId ?? 'no run folder'}${best}${error} [${done}/${total} done]`);
      redraw();
    },
    line,
    finish: clearBar,
  };
}
