// The trainer's side of the IPC contract: validates each host message and dispatches it. Pure of process wiring,
// so tests can feed it anything (including 10,000 malformed messages) without forking.
import { hostToTrainerSchema, type HostToTrainer, type TrainerToHost } from '../protocol/trainerMessages';
import type { RunControl } from './runExperiment';

export interface TrainerJobs {
  train: (start: Extract<HostToTrainer, { type: 'start' }>, control: RunControl) => Promise<unknown>;
  embed: (message: Extract<HostToTrainer, { type: 'embed' }>) => Promise<TrainerToHost>;
  infer: (message: Extract<HostToTrainer, { type: 'decode' | 'serve' | 'probe' }>, send: (m: TrainerToHost) => void) => void;
  /** One apply job (reconstruct, score, encode, neighbors) over an input; the process ends after its answer. */
  apply: (message: Extract<HostToTrainer, { type: 'apply' }>, send: (m: TrainerToHost) => void, shouldStop: () => boolean) => Promise<TrainerToHost>;
  /** `aelab eval`: (re)computes a run's evaluation; the process ends after its answer. */
  evaluate: (message: Extract<HostToTrainer, { type: 'evaluate' }>, send: (m: TrainerToHost) => void, shouldStop: () => boolean) => Promise<TrainerToHost>;
}

export interface TrainerIo {
  send: (message: TrainerToHost) => void;
  /** Ends the process once queued messages are flushed. */
  exit: () => void;
  /** True once the host process has died, checked between batches in case its disconnect is not processed yet. */
  hostGone?: () => boolean;
}

export interface TrainerHandler {
  onMessage: (raw: unknown) => void;
  /** The host went away (window reload, crash, SIGKILL). */
  onDisconnect: () => void;
  /** A signal sent to the trainer itself (kill <pid>): stop as if the host asked. */
  onSignal: () => void;
}

export function createMessageHandler(io: TrainerIo, jobs: TrainerJobs): TrainerHandler {
  let stopRequested = false;
  let busy: 'idle' | 'training' | 'serving' | 'embedding' | 'applying' | 'evaluating' = 'idle';
  // A training run stops after its current batch and saves, an apply job after its current batch (removing a half-written
  // output file), an evaluation between batches (answering that it stopped); anything else has nothing to save and ends at once.
  const requestStop = () => {
    stopRequested = true;
    if (busy !== 'training' && busy !== 'applying' && busy !== 'evaluating') io.exit();
  };
  const shouldStop = () => stopRequested || (io.hostGone?.() ?? false);

  const onMessage = (raw: unknown) => {
    const parsed = hostToTrainerSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const problem = `trainer ignored an invalid message (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'unknown'})`;
      io.send({ type: 'log', level: 'warn', message: problem });
      // With no job yet, the host is waiting for one that will never start: end instead of hanging.
      if (busy === 'idle') {
        io.send({ type: 'done', runDir: null, summary: null, error: { message: problem, reason: 'input' } });
        io.exit();
      }
      return;
    }
    const message = parsed.data;
    if (message.type === 'stop') return requestStop();
    if (message.type === 'decode' || message.type === 'serve' || message.type === 'probe') {
      if (busy === 'idle') busy = 'serving';
      jobs.infer(message, io.send);
      return;
    }
    if (busy !== 'idle') {
      io.send({ type: 'log', level: 'warn', message: `trainer ignored "${message.type}": it is already ${busy}` });
      return;
    }
    if (message.type === 'embed') {
      busy = 'embedding';
      jobs
        .embed(message)
        .then(io.send, (error: unknown) => io.send({ type: 'exported', file: null, rows: 0, error: error instanceof Error ? error.message : String(error) }))
        .finally(io.exit);
      return;
    }
    if (message.type === 'apply') {
      busy = 'applying';
      const crashed = (error: unknown) => io.send({ type: 'applied', job: message.job, count: 0, out: null, error: error instanceof Error ? error.message : String(error), reason: 'crashed' });
      jobs.apply(message, io.send, shouldStop).then(io.send, crashed).finally(io.exit);
      return;
    }
    if (message.type === 'evaluate') {
      busy = 'evaluating';
      const crashed = (error: unknown) => io.send({ type: 'evaluated', evaluation: null, out: null, error: error instanceof Error ? error.message : String(error), reason: 'crashed' });
      jobs.evaluate(message, io.send, shouldStop).then(io.send, crashed).finally(io.exit);
      return;
    }
    busy = 'training';
    jobs
      .train(message, { emit: io.send, shouldStop })
      .catch((error: unknown) => io.send({ type: 'log', level: 'warn', message: `trainer failed: ${String(error)}` }))
      .finally(io.exit);
  };

  // The host went away (window reload, crash): stop at the next batch rather than train as an orphan.
  return { onMessage, onDisconnect: requestStop, onSignal: requestStop };
}
