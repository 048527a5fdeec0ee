// `aelab train`: forks the trainer, shows progress (a bar on a TTY, plain lines otherwise) and maps the outcome to an exit code.
import { join } from 'node:path';
import type { BackendName } from '../protocol/experiment';
import type { StartMessage } from '../protocol/trainerMessages';
import { TrainerProcess } from '../host/trainerProcess';
import { createProgressReporter } from './progressReporter';
import { EXIT, STOP_SIGNALS, type StopSignal } from './exitCodes';

/** Signals closer together than this are one request; a person's second Ctrl+C comes later. */
const SAME_SIGNAL_MS = 500;

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
  // Ctrl+C, `timeout`/`kill` (SIGTERM) and a closed terminal (SIGHUP) all mean the same: stop after the current batch,
  // save the models and a checkpoint. A second one kills the trainer; the host still records the run as stopped.
  let received: StopSignal | undefined;
  let receivedAt = 0;
  const onSignal = (signal: StopSignal) => {
    // `timeout` and a closing terminal signal both the process and its group: copies that close together are one request.
    if (received && Date.now() - receivedAt < SAME_SIGNAL_MS) return;
    if (received) {
      process.stderr.write(`\n${signal} again: killing the trainer; resume continues from the last checkpoint\n`);
      trainer.kill();
      return;
    }
    received = signal;
    receivedAt = Date.now();
    process.stderr.write(`\n${signal}: stopping after the current batch (send it again to kill)...\n`);
    trainer.stop();
  };
  STOP_SIGNALS.forEach((signal) => process.on(signal, onSignal));
  const exit = await trainer.exited;
  STOP_SIGNALS.forEach((signal) => process.off(signal, onSignal));
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
