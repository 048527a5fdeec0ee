// Entry point of the trainer child process (dist/trainer.js). It trains one run per process and talks only over IPC.
import { hostToTrainerSchema, type TrainerToHost } from '../protocol/trainerMessages';
import { runExperiment } from './runExperiment';
import { handleInference } from './inference/inferenceServer';

let stopRequested = false;
let running = false;

function send(message: TrainerToHost): void {
  if (process.connected) process.send?.(message);
}

process.on('message', (raw: unknown) => {
  const parsed = hostToTrainerSchema.safeParse(raw);
  if (!parsed.success) {
    send({ type: 'log', level: 'warn', message: `trainer ignored an invalid message: ${parsed.error.issues[0]?.message ?? 'unknown'}` });
    return;
  }
  const message = parsed.data;
  if (message.type === 'stop') {
    stopRequested = true;
    return;
  }
  if (message.type === 'decode' || message.type === 'serve') {
    handleInference(message, send);
    return;
  }
  if (running) {
    send({ type: 'log', level: 'warn', message: 'trainer ignored a second start: one run per process' });
    return;
  }
  running = true;
  runExperiment(message, { emit: send, shouldStop: () => stopRequested })
    .catch((error: unknown) => send({ type: 'log', level: 'warn', message: `trainer failed: ${String(error)}` }))
    .finally(() => exitWhenFlushed());
});

// The host went away (window reload, crash): stop at the next batch rather than train as an orphan.
process.on('disconnect', () => {
  stopRequested = true;
  if (!running) process.exit(0);
});

function exitWhenFlushed(): void {
  if (!process.connected) process.exit(0);
  // An empty send's callback fires once earlier messages are handed to the IPC channel.
  process.send?.({ type: 'log', level: 'info', message: 'trainer exiting' }, undefined, {}, () => process.exit(0));
}
