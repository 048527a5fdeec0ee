// Runs the trainer as a child process and turns its IPC stream into validated, typed events.
// Shared by the VS Code extension and the CLI, so both drive exactly the same engine.
import { fork, type ChildProcess } from 'node:child_process';
import type { ApplyMessage, ProbeMessage, Probed } from '../protocol/applyMessages';
import { trainerToHostSchema, type EmbedMessage, type EvaluateMessage, type HostToTrainer, type RunError, type RunSummary, type StartMessage, type TrainerToHost } from '../protocol/trainerMessages';

/** The first message decides what the process does: train, export embeddings, apply a run to data, evaluate a run, or serve a run. */
export type TrainerJob = StartMessage | EmbedMessage | ApplyMessage | EvaluateMessage | Extract<HostToTrainer, { type: 'serve' }>;
import { markRunEnded } from './markRunEnded';
import { trainerExecArgv } from './trainerExecArgv';

export interface TrainerExit {
  summary: RunSummary | null;
  /** Set when the run could not start (e.g. an invalid experiment file) or the trainer died. */
  error: string | null;
  /** Why it failed, when the trainer said so: 'input' means the user's files or settings. */
  reason?: RunError['reason'];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

export interface TrainerProcessOptions {
  trainerScript: string;
  env?: NodeJS.ProcessEnv;
  onMessage: (message: TrainerToHost) => void;
  onInvalidMessage?: (problem: string) => void;
  /** How long a stop may take before the child is killed. */
  stopGraceMs?: number;
}

export class TrainerProcess {
  readonly exited: Promise<TrainerExit>;
  private readonly child: ChildProcess;
  private runDir: string | null = null;
  private stopRequested = false;
  private done: Extract<TrainerToHost, { type: 'done' }> | null = null;
  private killTimer: NodeJS.Timeout | undefined;
  private nextRequestId = 0;
  private readonly pendingDecodes = new Map<number, { resolve: (images: Float32Array[]) => void; reject: (error: Error) => void }>();
  private readonly pendingProbes = new Map<number, { resolve: (probed: Probed) => void; reject: (error: Error) => void }>();

  constructor(private readonly job: TrainerJob, private readonly options: TrainerProcessOptions) {
    this.child = fork(options.trainerScript, [], {
      env: options.env ?? process.env,
      serialization: 'advanced',
      execArgv: trainerExecArgv(options.env),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Its own process group: a terminal's Ctrl+C, a closed terminal or `timeout` signal the host's group, and the host
      // then stops the trainer cleanly. If the host dies, the IPC disconnect (and a parent check) stops the trainer.
      detached: true,
    });
    this.child.stdout?.resume();
    let stderr = '';
    this.child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    this.child.on('message', (raw) => this.receive(raw));
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (exitCode, signal) => {
        clearTimeout(this.killTimer);
        resolve(this.onExit(exitCode, signal, stderr));
      });
      this.child.on('error', (error) => resolve({ summary: null, error: `cannot start the trainer: ${error.message}`, exitCode: null, signal: null }));
    });
    this.send(job);
  }

  /** A send that races the child's exit reports nothing: the exit handler says what happened. */
  private send(message: TrainerJob | HostToTrainer | ProbeMessage): void {
    if (this.child.connected) this.child.send(message, undefined, {}, () => {});
  }

  /** Decodes latent codes with the run's live (or served) decoder. */
  decode(codes: Float32Array, count: number, labels?: number[]): Promise<Float32Array[]> {
    if (!this.child.connected) return Promise.reject(new Error('the trainer process has ended'));
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pendingDecodes.set(requestId, { resolve, reject });
      this.send({ type: 'decode', requestId, codes, count, ...(labels ? { labels } : {}) });
    });
  }

  /** Runs one sample through a served run's model (the dashboard's Try it view); rejects when the trainer ends first. */
  probe(request: Omit<ProbeMessage, 'type' | 'requestId'>): Promise<Probed> {
    if (!this.child.connected) return Promise.reject(new Error('the trainer process has ended'));
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pendingProbes.set(requestId, { resolve, reject });
      this.send({ type: 'probe', requestId, ...request });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Asks the trainer to stop after the current batch; kills it if it does not exit in time. */
  stop(): void {
    this.stopRequested = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.send({ type: 'stop' });
    this.killTimer ??= setTimeout(() => this.child.kill('SIGKILL'), this.options.stopGraceMs ?? 15_000);
  }

  /** Kills the trainer now; after a stop() the run is recorded as stopped (resumable from its last checkpoint). */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
  }

  private receive(raw: unknown): void {
    const parsed = trainerToHostSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.options.onInvalidMessage?.(`dropped an invalid trainer message (${issue?.path.join('.') || 'root'}: ${issue?.message})`);
      return;
    }
    const message = parsed.data;
    if (message.type === 'opened' || message.type === 'started') this.runDir = message.runDir;
    if (message.type === 'done') this.done = message;
    if (message.type === 'decoded') return this.settleDecode(message);
    if (message.type === 'probed') return this.settleProbe(message);
    this.options.onMessage(message);
  }

  private settleDecode(message: Extract<TrainerToHost, { type: 'decoded' }>): void {
    const pending = this.pendingDecodes.get(message.requestId);
    this.pendingDecodes.delete(message.requestId);
    if (message.images) pending?.resolve(message.images);
    else pending?.reject(new Error(message.error ?? 'decode failed'));
  }

  private settleProbe(message: Probed): void {
    const pending = this.pendingProbes.get(message.requestId);
    this.pendingProbes.delete(message.requestId);
    pending?.resolve(message);
  }

  private onExit(exitCode: number | null, signal: NodeJS.Signals | null, stderr: string): TrainerExit {
    this.pendingDecodes.forEach(({ reject }) => reject(new Error('the trainer process ended')));
    this.pendingDecodes.clear();
    this.pendingProbes.forEach(({ reject }) => reject(new Error('the trainer process ended')));
    this.pendingProbes.clear();
    if (this.job.type !== 'start' && exitCode === 0) return { summary: null, error: null, exitCode, signal };
    if (this.done) return this.exitAfterDone(this.done, exitCode, signal);
    const how = signal ? `was killed by ${signal}` : `exited with code ${exitCode}`;
    const detail = stderr.trim().split('\n').slice(-3).join(' | ');
    const error = `the trainer ${how} before finishing${detail ? `: ${detail}` : ''}`;
    if (!this.runDir) return { summary: null, error, exitCode, signal };
    // A trainer killed after a stop request (a second Ctrl+C, or one that did not stop in time) was stopped by the user.
    const ending = this.stopRequested
      ? { status: 'stopped' as const, error: { message: `${error}; resume continues from the last checkpoint`, reason: 'killed' as const } }
      : { status: 'failed' as const, error: { message: error, reason: signal ? ('killed' as const) : ('crashed' as const) } };
    const marked = markRunEnded(this.runDir, ending);
    return { summary: marked.summary, error: marked.writeError ? `${error}; ${marked.writeError}` : error, reason: marked.writeError ? 'write' : ending.error.reason, exitCode, signal };
  }

  /** The trainer said how the run ended; if it could not write that down (a full disk), the host tries once more. */
  private exitAfterDone(done: Extract<TrainerToHost, { type: 'done' }>, exitCode: number | null, signal: NodeJS.Signals | null): TrainerExit {
    const runDir = done.runDir ?? this.runDir;
    const marked = runDir && done.summary ? markRunEnded(runDir, done.summary) : undefined;
    return { summary: done.summary ?? marked?.summary ?? null, error: done.error?.message ?? null, reason: done.error?.reason, exitCode, signal };
  }
}
