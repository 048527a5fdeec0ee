// `aelab train`: forks the trainer, shows progress (a bar on a TTY, plain lines otherwise) and maps the outcome to an exit code.
import { join } from 'node:path';
import type { BackendName } from '../protocol/experiment';
import type { StartMessage } from '../protocol/trainerMessages';
import { TrainerProcess } from '../host/trainerProcess';
import { createProgressReporter } from './progressReporter';

export interface TrainOptions {
  file: string;
  epochs?: number;
  limit?: number;
  backend?: BackendName;
  threads?: number;
  runsDir: string;
  json?: boolean;
}

export async function trainCommand(options: TrainOptions & { resumeRunDir?: string }): Promise<number> {
  return runTraining(
    {
      type: 'start',
      experimentFile: options.file,
      runsDir: options.runsDir,
      overrides: { epochs: options.epochs, backend: options.backend, limit: options.limit, threads: options.threads },
      resumeRunDir: options.resumeRunDir,
    },
    Boolean(options.json),
  );
}

async function runTraining(start: StartMessage, json: boolean): Promise<number> {
  const reporter = createProgressReporter({ quiet: json, tty: Boolean(process.stderr.isTTY) });
  const trainer = new TrainerProcess(
    start,
    {
      trainerScript: join(__dirname, 'trainer.js'),
      onMessage: (message) => reporter.onMessage(message),
      onInvalidMessage: (problem) => process.stderr.write(`warning: ${problem}\n`),
    },
  );
  const stopOnSignal = () => {
    process.stderr.write('\nstopping after the current batch (Ctrl+C again to kill)...\n');
    process.once('SIGINT', () => trainer.kill());
    trainer.stop();
  };
  process.once('SIGINT', stopOnSignal);
  const exit = await trainer.exited;
  process.off('SIGINT', stopOnSignal);
  reporter.finish();

  if (json && exit.summary) process.stdout.write(`${JSON.stringify(exit.summary, null, 2)}\n`);
  if (exit.error) process.stderr.write(`aelab: ${exit.error}\n`);
  const status = exit.summary?.status;
  if (status === 'completed') return 0;
  if (status === 'stopped') return 130;
  return exit.reason === 'input' ? 2 : 1;
}
