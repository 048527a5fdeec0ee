// One run at a time: a request while another run trains is queued, or replaces it, as the user chooses
// (or as autoencoderLab.whenBusy says). Queued runs start one after another when the active run ends.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { backendSetting, runsDirectory, trainingThreads, whenBusy, type WhenBusy } from '../settings';
import { RunQueue, sameTarget, type RunRequest } from './runQueue';
import type { TrainingController } from './trainingController';

export interface TrainRequest extends RunRequest {
  epochs?: number;
}

export type RequestOutcome = 'started' | 'queued' | 'cancelled';

const QUEUE = 'Queue It';
const REPLACE = 'Stop Current Run';

export class RunScheduler implements vscode.Disposable {
  private readonly queue = new RunQueue<TrainRequest>();
  /** Starts as soon as the stopped run has ended, ahead of the queue. */
  private replacement: TrainRequest | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeQueue = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly controller: TrainingController) {
    // Deferred, so every other listener has seen the end before the next run starts.
    this.subscription = controller.onDidEndRun(() => setTimeout(() => this.startNext(), 0));
  }

  get queued(): number {
    return this.queue.size;
  }

  async request(request: TrainRequest): Promise<RequestOutcome> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage('Autoencoder Lab: training is disabled until you trust this workspace.');
      return 'cancelled';
    }
    const active = this.controller.activeRun;
    if (!active) return this.start(request) ? 'started' : 'cancelled';
    if (request.resumeRunDir && sameTarget(active, request)) {
      void vscode.window.showWarningMessage(`Autoencoder Lab: ${basename(request.resumeRunDir)} is training right now.`);
      return 'cancelled';
    }
    const choice = await this.decide(active.runId ?? basename(active.experimentFile));
    if (choice === 'queue') return this.enqueue(request);
    if (choice === 'stop') {
      // If the run ended while the user decided, start right away.
      if (!this.controller.activeRun) return this.start(request) ? 'started' : 'cancelled';
      this.replacement = request;
      this.controller.stop();
      return 'started';
    }
    return 'cancelled';
  }

  clearQueue(): number {
    const cleared = this.queue.clear().length;
    this.changed.fire();
    return cleared;
  }

  private async decide(activeName: string): Promise<WhenBusy | undefined> {
    const policy = whenBusy();
    if (policy !== 'ask') return policy;
    const choice = await vscode.window.showWarningMessage(
      `Autoencoder Lab: ${activeName} is training. Queue this run to start after it, or stop it and start this one now?`,
      { modal: true },
      QUEUE,
      REPLACE,
    );
    return choice === QUEUE ? 'queue' : choice === REPLACE ? 'stop' : undefined;
  }

  private enqueue(request: TrainRequest): RequestOutcome {
    const name = basename(request.resumeRunDir ?? request.experimentFile);
    if (!this.queue.enqueue(request)) {
      void vscode.window.showInformationMessage(`Autoencoder Lab: ${name} is already waiting in the queue.`);
      return 'cancelled';
    }
    this.changed.fire();
    void vscode.window.showInformationMessage(`Autoencoder Lab: queued ${name} (${this.queue.size} waiting).`);
    return 'queued';
  }

  private startNext(): void {
    if (this.controller.activeRun) return; // a request started one meanwhile; the queue goes on when it ends
    const next = this.replacement ?? this.queue.next();
    this.replacement = undefined;
    this.changed.fire();
    if (next) this.start(next);
  }

  private start(request: TrainRequest): boolean {
    const runsDir = runsDirectory();
    if (!runsDir) {
      void vscode.window.showErrorMessage('Autoencoder Lab: open a folder first; runs are saved in the workspace.');
      return false;
    }
    this.controller.start({ ...request, runsDir, backend: backendSetting(), threads: trainingThreads() });
    return true;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
