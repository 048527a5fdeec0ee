// Ctrl+C, `timeout`/`kill` (SIGTERM) and a closed terminal (SIGHUP) mean the same to every trainer job the CLI runs
// (train, resume, reconstruct, score, encode, neighbors): the first one asks the trainer to stop after its current
// batch; a second one (not a copy of the first sent to the whole group) kills it. The CLI then exits 128 + the first
// signal's number. The handlers go in before the trainer is forked: a Ctrl+C in between would otherwise kill the CLI
// silently and leave the trainer, in its own process group, to notice the lost parent on its own.
import type { TrainerProcess } from '../host/trainerProcess';
import { STOP_SIGNALS, type StopSignal } from './exitCodes';

/** `timeout` and a closing terminal signal both the process and its group: copies closer than this are one request. */
const SAME_SIGNAL_MS = 500;

type StopTarget = Pick<TrainerProcess, 'stop' | 'kill'>;

export interface StopSignals {
  /** Points the signals at the trainer (or sweep) once it exists, passing on any stop or kill that came first. */
  attach(target: StopTarget): void;
  /** The first stop signal received, if any. */
  received(): StopSignal | undefined;
  /** Whether a second signal killed the trainer. */
  killed(): boolean;
  dispose(): void;
}

/** `stopping` and `killing` end the lines printed on the first and the second signal; the target may stand for several trainers (a sweep). */
export function handleStopSignals(words: { stopping: string; killing: string }): StopSignals {
  let trainer: StopTarget | undefined;
  let received: StopSignal | undefined;
  let receivedAt = 0;
  let killed = false;
  const onSignal = (signal: StopSignal) => {
    if (received && Date.now() - receivedAt < SAME_SIGNAL_MS) return;
    if (received) {
      process.stderr.write(`\n${signal} again: ${words.killing}\n`);
      killed = true;
      trainer?.kill();
      return;
    }
    received = signal;
    receivedAt = Date.now();
    process.stderr.write(`\n${signal}: ${words.stopping} (send it again to kill)...\n`);
    trainer?.stop();
  };
  STOP_SIGNALS.forEach((signal) => process.on(signal, onSignal));
  return {
    attach: (target) => {
      trainer = target;
      if (received) target.stop();
      if (killed) target.kill();
    },
    received: () => received,
    killed: () => killed,
    dispose: () => STOP_SIGNALS.forEach((signal) => process.off(signal, onSignal)),
  };
}
