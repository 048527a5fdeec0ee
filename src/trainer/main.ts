// Entry point of the trainer child process (dist/trainer.js): one job per process, talking only over IPC.
import type { TrainerToHost } from '../protocol/trainerMessages';
import { applyRun } from './apply/applyRun';
import { embedRun } from './embedRun';
import { evaluateJob } from './evaluate/evaluateJob';
import { handleInference } from './inference/inferenceServer';
import { createMessageHandler } from './messageHandler';
import { watchParent } from './parentWatch';
import { runExperiment } from './runExperiment';

function send(message: TrainerToHost): void {
  // The callback turns a send that races a host disconnect (EPIPE) into a no-op instead of an uncaught error.
  if (process.connected) process.send?.(message, undefined, {}, () => {});
}

function exitWhenFlushed(): void {
  if (!process.connected) process.exit(0);
  // This send's callback fires once earlier messages are handed to the IPC channel.
  process.send?.({ type: 'log', level: 'info', message: 'trainer exiting' }, undefined, {}, () => process.exit(0));
}

const handler = createMessageHandler({ send, exit: exitWhenFlushed, hostGone: watchParent() }, { train: runExperiment, embed: embedRun, infer: handleInference, apply: applyRun, evaluate: evaluateJob });
process.on('message', handler.onMessage);
process.on('disconnect', handler.onDisconnect);
// The host starts this process in its own process group, so a terminal's Ctrl+C, a closed terminal or `timeout` reach
// only the host, which then asks for a stop. A signal sent to this process directly means the same: stop and save.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, handler.onSignal);
// Once the host is gone its end of stdout/stderr is closed: a late warning from a library must not crash the run.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});
