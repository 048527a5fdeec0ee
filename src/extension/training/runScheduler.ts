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
  private holds = 0;
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

  request(request: TrainRequest): Promise<RequestOutcome> {
    return this.requestAll([request]);
  }

  /**
   * Several runs asked for at once (a sweep's settings): the first starts, or replaces or waits for the active run as
   * the user chooses, and the others queue behind it in order. One question for all of them.
   */
  async requestAll(requests: TrainRequest[]): Promise<RequestOutcome> {
    const [first, ...rest] = requests;
    if (!first) return 'cancelled';
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage('Autoencoder Lab: training is disabled until you trust this workspace.');
      return 'cancelled';
    }
    const startNow = () => (this.start(first) ? this.queueQuietly(rest, 'started') : 'cancelled');
    const active = this.controller.activeRun;
    if (!active) return startNow();
    if (first.resumeRunDir && sameTarget(active, first)) {
      void vscode.window.showWarningMessage(`Autoencoder Lab: ${basename(first.resumeRunDir)} is training right now.`);
      return 'cancelled';
    }
    const choice = await this.decide(active.runId ?? basename(active.experimentFile), requests);
    if (choice === 'queue') return this.enqueue(requests);
    if (choice === 'stop') {
      // If the run ended while the user decided, start right away.
      if (!this.controller.activeRun) return startNow();
      this.replacement = first;
      this.queueQuietly(rest, 'started');
      this.controller.stop();
      return 'started';
    }
    return 'cancelled';
  }

  /** What waits, in order. */
  get queuedRequests(): readonly TrainRequest[] {
    return this.queue.pending;
  }

  /** Takes the waiting requests that `matches` out of the queue; returns how many. */
  removeQueued(matches: (request: TrainRequest) => boolean): number {
    const removed = this.queue.remove(matches).length;
    this.changed.fire();
    return removed;
  }

  /**
   * Keeps the queue from starting its next run until the returned function is called: Stop Training holds it while it
   * asks whether the rest of a sweep should still run, so none starts before the answer.
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.startNext();
    };
  }

  clearQueue(): number {
    const cleared = this.queue.clear().length;
    this.changed.fire();
    return cleared;
  }

  private async decide(activeName: string, requests: TrainRequest[]): Promise<WhenBusy | undefined> {
    const policy = whenBusy();
    if (policy !== 'ask') return policy;
    const sweep = requests[0]?.sweep;
    const what = sweep ? `the ${requests.length} runs of sweep ${sweep.name}` : 'this run';
    const these = sweep ? 'start them' : 'start this one';
    const choice = await vscode.window.showWarningMessage(
      `Autoencoder Lab: ${activeName} is training. Queue ${what} to start after it, or stop it and ${these} now?`,
      { modal: true },
      QUEUE,
      REPLACE,
    );
    return choice === QUEUE ? 'queue' : choice === REPLACE ? 'stop' : undefined;
  }

  private enqueue(requests: TrainRequest[]): RequestOutcome {
    const [first] = requests;
    const name = first.sweep ? `sweep ${first.sweep.name} (${requests.length} runs)` : basename(first.resumeRunDir ?? first.experimentFile);
    const accepted = requests.filter((request) => this.queue.enqueue(request));
    if (accepted.length === 0) {
      void vscode.window.showInformationMessage(`Autoencoder Lab: ${name} is already waiting in the queue.`);
      return 'cancelled';
    }
    this.changed.fire();
    void vscode.window.showInformationMessage(`Autoencoder Lab: queued ${name} (${this.queue.size} waiting).`);
    return 'queued';
  }

  /** The rest of a request that has started (or will, once the stopped run ends): no message, the caller tells. */
  private queueQuietly(requests: TrainRequest[], outcome: RequestOutcome): RequestOutcome {
    requests.forEach((request) => this.queue.enqueue(request));
    if (requests.length > 0) this.changed.fire();
    return outcome;
  }

  private startNext(): void {
    if (this.controller.activeRun) return; // a request started one meanwhile; the queue goes on when it ends
    if (this.holds > 0) return; // Stop Training is asking about the rest of a sweep; release() starts the next
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
