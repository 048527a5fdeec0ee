// Progress of an apply job on stderr: a cli-progress bar on a TTY, otherwise a plain line about every 10%.
import { Presets, SingleBar } from 'cli-progress';

export interface ApplyProgress {
  update(done: number, total: number | null): void;
  finish(): void;
}

export function createApplyProgress({ quiet, tty, job }: { quiet: boolean; tty: boolean; job: string }): ApplyProgress {
  let bar: SingleBar | undefined;
  let lastTenth = -1;
  return {
    update(done, total) {
      if (quiet) return;
      if (tty && total) {
        if (!bar) {
          bar = new SingleBar({ format: `${job} [{bar}] {value}/{total} samples | {eta_formatted} left`, hideCursor: true, stream: process.stderr }, Presets.shades_classic);
          bar.start(total, 0);
        }
        bar.update(done);
        return;
      }
      const tenth = total ? Math.floor((10 * done) / total) : Math.floor(done / 1000);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      process.stderr.write(`${job}: ${done}${total ? `/${total}` : ''} samples\n`);
    },
    finish() {
      bar?.stop();
      bar = undefined;
    },
  };
}
