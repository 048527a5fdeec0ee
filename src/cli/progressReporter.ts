// Progress for humans: a cli-progress bar on a TTY, one line per epoch otherwise (logs, CI). All on stderr.
import { SingleBar, Presets } from 'cli-progress';
import { isLossComponent } from '../protocol/epochStats';
import type { TrainerToHost } from '../protocol/trainerMessages';

const threadsNote = (threads: number | undefined) => (threads && threads > 1 ? ` on ${threads} threads` : '');

export interface ProgressReporter {
  onMessage(message: TrainerToHost): void;
  finish(): void;
}

export function createProgressReporter({ quiet, tty }: { quiet: boolean; tty: boolean }): ProgressReporter {
  const write = (line: string) => !quiet && process.stderr.write(`${line}\n`);
  let bar: SingleBar | undefined;
  let epochsPlanned = 0;
  let batches = 0;

  const clearBar = () => {
    bar?.stop();
    bar = undefined;
  };

  return {
    onMessage(message) {
      switch (message.type) {
        case 'started':
          epochsPlanned = message.epochsPlanned;
          batches = message.batchesPerEpoch;
          write(`run ${message.runId}: ${message.kind}, ${message.parameterCount.toLocaleString('en')} parameters, ${message.trainSamples} train / ${message.validationSamples} val samples, backend ${message.backend}`);
          write(`run folder: ${message.runDir}`);
          break;
        case 'batch':
          if (quiet || !tty) break;
          if (!bar) {
            bar = new SingleBar({ format: `epoch ${message.epoch}/${epochsPlanned} [{bar}] {value}/{total} batches | loss {loss}`, hideCursor: true, stream: process.stderr }, Presets.shades_classic);
            bar.start(batches, 0, { loss: '…' });
          }
          bar.update(message.batch, message.loss !== undefined ? { loss: message.loss.toFixed(4) } : {});
          break;
        case 'epoch': {
          clearBar();
          const m = message.metrics;
          const extras = Object.entries(m)
            .filter(([k]) => isLossComponent(k))
            .map(([k, v]) => `${k} ${typeof v === 'number' ? v.toFixed(4) : v}`);
          write(
            [`epoch ${m.epoch}/${epochsPlanned}`, `loss ${m.loss.toFixed(4)}`, `val_loss ${m.val_loss?.toFixed(4) ?? '-'}`, ...extras, `${m.seconds.toFixed(1)}s`, `${Math.round(m.samples_per_second).toLocaleString('en')} samples/s${threadsNote(m.threads)}`].join(' · '),
          );
          break;
        }
        case 'log':
          if (message.message === 'trainer exiting') break;
          clearBar();
          write(`${message.level === 'warn' ? 'warning: ' : ''}${message.message}`);
          break;
        case 'done':
          clearBar();
          if (message.summary) write(`${message.summary.status}: ${message.runDir}`);
          break;
        default:
          break; // view data is for the dashboard, not the terminal
      }
    },
    finish: clearBar,
  };
}
