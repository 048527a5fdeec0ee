// Owns the one active training run in the window: forks the trainer, rebroadcasts its messages, and stops it.
import * as vscode from 'vscode';
import type { SweepTag } from './runQueue';
import type { TrainerLaunch } from './trainerLaunch';
import type { BackendName } from '../../protocol/experiment';
import type { TrainerToHost } from '../../protocol/trainerMessages';
import { TrainerProcess, type TrainerExit } from '../../host/trainerProcess';

export interface ActiveRun {
  experimentFile: string;
  /** Set when this run continues an existing run folder. */
  resumeRunDir?: string;
  runDir?: string;
  runId?: string;
  /** Set when this run is one setting of a sweep. */
  sweep?: SweepTag;
  /** Every message of this run so far, so a view opened mid-run can catch up. */
  messages: TrainerToHost[];
  trainer: TrainerProcess;
}

export interface RunMessageEvent {
  run: ActiveRun;
  message: TrainerToHost;
}

export interface StartOptions {
  experimentFile: string;
  runsDir: string;
  backend?: BackendName;
  threads?: number;
  epochs?: number;
  resumeRunDir?: string;
  sweep?: SweepTag;
}

export class TrainingController implements vscode.Disposable {
  private active: ActiveRun | undefined;
  private readonly messageEmitter = new vscode.EventEmitter<RunMessageEvent>();
  private readonly endEmitter = new vscode.EventEmitter<{ run: ActiveRun; exit: TrainerExit }>();
  private readonly startEmitter = new vscode.EventEmitter<ActiveRun>();
  /** Fires for every validated trainer message of the active run. */
  readonly onDidReceiveMessage = this.messageEmitter.event;
  readonly onDidStartRun = this.startEmitter.event;
  readonly onDidEndRun = this.endEmitter.event;

  constructor(private readonly launch: TrainerLaunch, private readonly output: vscode.LogOutputChannel) {}

  get activeRun(): ActiveRun | undefined {
    return this.active;
  }

  /** Starts a run; the caller has already made sure no other run is active. Resolves when the trainer exits. */
  start(options: StartOptions): { run: ActiveRun; exited: Promise<TrainerExit> } {
    if (this.active) throw new Error('a run is already active');
    const run: ActiveRun = {
      experimentFile: options.experimentFile,
      resumeRunDir: options.resumeRunDir,
      runDir: options.resumeRunDir,
      sweep: options.sweep,
      messages: [],
      trainer: undefined as unknown as TrainerProcess,
    };
    run.trainer = new TrainerProcess(
      {
        type: 'start',
        experimentFile: options.experimentFile,
        runsDir: options.runsDir,
        overrides: { backend: options.backend, threads: options.threads, epochs: options.epochs },
        resumeRunDir: options.resumeRunDir,
      },
      {
        ...this.launch(),
        onMessage: (message) => this.receive(run, message),
        onInvalidMessage: (problem) => this.output.warn(problem),
      },
    );
    this.active = run;
    this.startEmitter.fire(run);
    const exited = run.trainer.exited.then((exit) => {
      if (this.active === run) this.active = undefined;
      this.endEmitter.fire({ run, exit });
      return exit;
    });
    return { run, exited };
  }

  stop(): boolean {
    if (!this.active) return false;
    this.active.trainer.stop();
    return true;
  }

  private receive(run: ActiveRun, message: TrainerToHost): void {
    if (message.type === 'opened' || message.type === 'started') Object.assign(run, { runDir: message.runDir, runId: message.runId });
    if (message.type === 'log') this.output[message.level === 'warn' ? 'warn' : 'info'](message.message);
    // Batch ticks are only useful live; keeping them would make the catch-up history grow without bound.
    if (message.type !== 'batch') run.messages.push(message);
    this.messageEmitter.fire({ run, message });
  }

  dispose(): void {
    // A window reload or shutdown must not orphan a trainer: stop it, and kill it if it lingers.
    this.active?.trainer.stop();
    const trainer = this.active?.trainer;
    if (trainer) setTimeout(() => trainer.kill(), 2000).unref();
    this.messageEmitter.dispose();
    this.endEmitter.dispose();
    this.startEmitter.dispose();
  }
}

