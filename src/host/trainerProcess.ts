// Runs the trainer as a child process and turns its IPC stream into validated, typed events.
// Shared by the VS Code extension and the CLI, so both drive exactly the same engine.
import { fork, type ChildProcess } from 'node:child_process';
import { trainerToHostSchema, type EmbedMessage, type HostToTrainer, type RunError, type RunSummary, type StartMessage, type TrainerToHost } from '../protocol/trainerMessages';

/** The first message decides what the process does: train, export embeddings, or serve a decoder. */
export type TrainerJob = StartMessage | EmbedMessage | Extract<HostToTrainer, { type: 'serve' }>;
import { markRunFailed } from './markRunFailed';
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
  private done: Extract<TrainerToHost, { type: 'done' }> | null = null;
  private killTimer: NodeJS.Timeout | undefined;
  private nextRequestId = 0;
  private readonly pendingDecodes = new Map<number, { resolve: (images: Float32Array[]) => void; reject: (error: Error) => void }>();

  constructor(private readonly job: TrainerJob, private readonly options: TrainerProcessOptions) {
    this.child = fork(options.trainerScript, [], {
      env: options.env ?? process.env,
      serialization: 'advanced',
      execArgv: trainerExecArgv(options.env),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
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
    this.child.send(job);
  }

  /** Decodes latent codes with the run's live (or served) decoder. */
  decode(codes: Float32Array, count: number): Promise<Float32Array[]> {
    if (!this.child.connected) return Promise.reject(new Error('the trainer process has ended'));
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pendingDecodes.set(requestId, { resolve, reject });
      this.child.send({ type: 'decode', requestId, codes, count });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Asks the trainer to stop after the current batch; kills it if it does not exit in time. */
  stop(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    if (this.child.connected) this.child.send({ type: 'stop' });
    this.killTimer ??= setTimeout(() => this.child.kill('SIGKILL'), this.options.stopGraceMs ?? 15_000);
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.child.kill(signal);
  }

  private receive(raw: unknown): void {
    const parsed = trainerToHostSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.options.onInvalidMessage?.(`dropped an invalid trainer message (${issue?.path.join('.') || 'root'}: ${issue?.message})`);
      return;
    }
    const message = parsed.data;
    if (message.type === 'started') this.runDir = message.runDir;
    if (message.type === 'done') this.done = message;
    if (message.type === 'decoded') return this.settleDecode(message);
    this.options.onMessage(message);
  }

  private settleDecode(message: Extract<TrainerToHost, { type: 'decoded' }>): void {
    const pending = this.pendingDecodes.get(message.requestId);
    this.pendingDecodes.delete(message.requestId);
    if (message.images) pending?.resolve(message.images);
    else pending?.reject(new Error(message.error ?? 'decode failed'));
  }

  private onExit(exitCode: number | null, signal: NodeJS.Signals | null, stderr: string): TrainerExit {
    this.pendingDecodes.forEach(({ reject }) => reject(new Error('the trainer process ended')));
    this.pendingDecodes.clear();
    if (this.job.type !== 'start' && exitCode === 0) return { summary: null, error: null, exitCode, signal };
    if (this.done) return { summary: this.done.summary, error: this.done.error?.message ?? null, reason: this.done.error?.reason, exitCode, signal };
    const how = signal ? `was killed by ${signal}` : `exited with code ${exitCode}`;
    const detail = stderr.trim().split('\n').slice(-3).join(' | ');
    const error = `the trainer ${how} before finishing${detail ? `: ${detail}` : ''}`;
    const summary = this.runDir ? markRunFailed(this.runDir, error, signal ? 'killed' : 'crashed') : null;
    return { summary, error, exitCode, signal };
  }
}
