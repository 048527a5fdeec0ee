// Decodes latent codes for the dashboard's Generate views: with the live trainer while the run trains, else with a
// 'serve' trainer process that loads the run's saved decoder. The Try it view's probes go to the same server (a
// training run has no saved model yet, so probing waits for its end). One server at a time; it exits when idle.
import * as vscode from 'vscode';
import type { ProbeMessage, Probed } from '../../protocol/applyMessages';
import type { TrainerLaunch } from './trainerLaunch';
import { TrainerProcess } from '../../host/trainerProcess';
import { backendSetting } from '../settings';
import type { TrainingController } from './trainingController';

const IDLE_MS = 5 * 60_000;
/** Nearest training samples shown with a probe. */
const PROBE_NEIGHBORS = 8;

export class DecoderService implements vscode.Disposable {
  private server: { runDir: string; trainer: TrainerProcess } | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly controller: TrainingController,
    private readonly launch: TrainerLaunch,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  readonly decode = (codes: Float32Array, count: number, runDir: string, labels?: number[]): Promise<Float32Array[]> => {
    const active = this.controller.activeRun;
    if (active?.runDir === runDir) return active.trainer.decode(codes, count, labels);
    if (!vscode.workspace.isTrusted) return Promise.reject(new Error('Decoding a finished run starts a trainer process; trust the workspace first.'));
    return this.serverFor(runDir).decode(codes, count, labels);
  };

  /** Runs one sample through the saved model of the run in runDir (k nearest training samples included). */
  readonly probe = (sample: ProbeMessage['sample'], runDir: string): Promise<Probed> => {
    if (this.controller.activeRun?.runDir === runDir) return Promise.reject(new Error('Try it uses the saved model: it is available when the run ends.'));
    if (!vscode.workspace.isTrusted) return Promise.reject(new Error('Try it starts a trainer process; trust the workspace first.'));
    return this.serverFor(runDir).probe({ runDir, sample, k: PROBE_NEIGHBORS });
  };

  private serverFor(runDir: string): TrainerProcess {
    if (this.server?.runDir !== runDir) {
      this.stopServer();
      const trainer = new TrainerProcess(
        { type: 'serve', runDir, backend: backendSetting() },
        {
          ...this.launch(),
          onMessage: (message) => message.type === 'log' && this.log[message.level === 'warn' ? 'warn' : 'info'](message.message),
          onInvalidMessage: (problem) => this.log.warn(problem),
        },
      );
      const server = { runDir, trainer };
      void trainer.exited.then(() => this.server === server && (this.server = undefined));
      this.server = server;
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stopServer(), IDLE_MS);
    return this.server.trainer;
  }

  private stopServer(): void {
    clearTimeout(this.idleTimer);
    // A server only reads: killing it loses nothing.
    this.server?.trainer.kill('SIGTERM');
    this.server = undefined;
  }

  dispose(): void {
    this.stopServer();
  }
}
