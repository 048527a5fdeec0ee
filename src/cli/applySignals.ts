// Signals during an apply job (aelab reconstruct/score/encode/neighbors), handled as `train` handles them: the first
// SIGINT, SIGTERM or SIGHUP asks the trainer to stop after its current batch; a second one (not a copy of the first
// sent to the whole group) kills it. The CLI then exits 128 + the first signal's number.
import type { TrainerProcess } from '../host/trainerProcess';
import { STOP_SIGNALS, type StopSignal } from './exitCodes';

/** Signals closer together than this are one request (as in train.ts); a person's second Ctrl+C comes later. */
const SAME_SIGNAL_MS = 500;

export interface ApplySignals {
  /** The first stop signal received, if any. */
  received(): StopSignal | undefined;
  /** Whether a second signal killed the trainer. */
  killed(): boolean;
  dispose(): void;
}

export function handleApplySignals(trainer: TrainerProcess, job: string): ApplySignals {
  let received: StopSignal | undefined;
  let receivedAt = 0;
  let killed = false;
  const onSignal = (signal: StopSignal) => {
    if (received && Date.now() - receivedAt < SAME_SIGNAL_MS) return;
    if (received) {
      process.stderr.write(`\n${signal} again: killing the trainer\n`);
      killed = true;
      trainer.kill();
      return;
    }
    received = signal;
    receivedAt = Date.now();
    process.stderr.write(`\n${signal}: stopping the ${job} job after the current batch (send it again to kill)...\n`);
    trainer.stop();
  };
  STOP_SIGNALS.forEach((signal) => process.on(signal, onSignal));
  return {
    received: () => received,
    killed: () => killed,
    dispose: () => STOP_SIGNALS.forEach((signal) => process.off(signal, onSignal)),
  };
}
