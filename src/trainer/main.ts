// Entry point of the trainer child process (dist/trainer.js): one job per process, talking only over IPC.
import type { TrainerToHost } from '../protocol/trainerMessages';
import { embedRun } from './embedRun';
import { handleInference } from './inference/inferenceServer';
import { createMessageHandler } from './messageHandler';
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

const handler = createMessageHandler({ send, exit: exitWhenFlushed }, { train: runExperiment, embed: embedRun, infer: handleInference });
process.on('message', handler.onMessage);
process.on('disconnect', handler.onDisconnect);
