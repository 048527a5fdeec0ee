// Entry point of the trainer child process (dist/trainer.js). It trains one run per process and talks only over IPC.
import { hostToTrainerSchema, type TrainerToHost } from '../protocol/trainerMessages';
import { runExperiment } from './runExperiment';
import { handleInference } from './inference/inferenceServer';
import { embedRun } from './embedRun';

let stopRequested = false;
let running = false;
let serving = false;

function send(message: TrainerToHost): void {
  if (process.connected) process.send?.(message);
}

process.on('message', (raw: unknown) => {
  const parsed = hostToTrainerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const problem = `trainer ignored an invalid message (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'unknown'})`;
    send({ type: 'log', level: 'warn', message: problem });
    // With no job yet, the host is waiting for one that will never start: end instead of hanging.
    if (!running && !serving) {
      send({ type: 'done', runDir: null, summary: null, error: { message: problem, reason: 'input' } });
      exitWhenFlushed();
    }
    return;
  }
  const message = parsed.data;
  if (message.type === 'stop') {
    stopRequested = true;
    return;
  }
  if (message.type === 'decode' || message.type === 'serve') {
    serving = true;
    handleInference(message, send);
    return;
  }
  if (message.type === 'embed') {
    embedRun(message)
      .then(send, (error: unknown) => send({ type: 'exported', file: null, rows: 0, error: error instanceof Error ? error.message : String(error) }))
      .finally(() => exitWhenFlushed());
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
