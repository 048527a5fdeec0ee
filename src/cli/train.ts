// `aelab train`: forks the trainer, shows progress (a bar on a TTY, plain lines otherwise) and maps the outcome to an exit code.
import { join } from 'node:path';
import type { BackendName } from '../protocol/experiment';
import type { StartMessage, TrainerToHost } from '../protocol/trainerMessages';
import { TrainerProcess } from '../host/trainerProcess';
import { createProgressReporter } from './progressReporter';
import { EXIT } from './exitCodes';
import { handleStopSignals } from './stopSignals';

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

/** What a stop signal prints: the stop saves the models and a checkpoint; after a kill the host still records the run as stopped. */
export const TRAINING_STOP_WORDS = { stopping: 'stopping after the current batch', killing: 'killing the trainer; resume continues from the last checkpoint' };

/** Forks the trainer for one run, as every training command does (train, resume, train-folder, sweep). */
export function startTrainer(start: StartMessage, onMessage: (message: TrainerToHost) => void): TrainerProcess {
  return new TrainerProcess(start, {
    trainerScript: join(__dirname, 'trainer.js'),
    onMessage,
    onInvalidMessage: (problem) => process.stderr.write(`warning: ${problem}\n`),
  });
}

async function runTraining(start: StartMessage, json: boolean): Promise<number> {
  const reporter = createProgressReporter({ quiet: json, tty: Boolean(process.stderr.isTTY) });
  const signals = handleStopSignals(TRAINING_STOP_WORDS);
  const trainer = startTrainer(start, (message) => reporter.onMessage(message));
  signals.attach(trainer);
  const exit = await trainer.exited;
  signals.dispose();
  const received = signals.received();
  reporter.finish();

  if (json && exit.summary) process.stdout.write(`${JSON.stringify(exit.summary, null, 2)}\n`);
  const status = exit.summary?.status;
  // A stop that reached the trainer before it opened a run ends it quietly: there is nothing to save.
  const stoppedBeforeStart = received !== undefined && !exit.summary && exit.exitCode === 0;
  if (exit.error && !stoppedBeforeStart) process.stderr.write(`aelab: ${exit.error}\n`);
  if (status === 'completed') return EXIT.ok;
  if (received && (status === 'stopped' || stoppedBeforeStart)) return EXIT.signalled[received];
  if (status === 'stopped') return EXIT.stopped;
  return exit.reason === 'input' ? EXIT.badInput : EXIT.failed;
}
