// What one dashboard shows, accumulated from trainer messages (live) or a run folder (history).
// Pure: no vscode import, so tests can drive it with recorded trainer messages.
import { DATA_KEYS, emptyDashboardData, RUN_DATA_KEYS, type DashboardData, type DataKey, type RunInfo } from '../../protocol/dashboardMessages';
import type { RunStatus, TrainerToHost } from '../../protocol/trainerMessages';
import { isViewMessage, viewEntry } from '../../protocol/viewPayloads';

export class DashboardModel {
  private readonly state: DashboardData = emptyDashboardData();
  private readonly listeners = new Set<(keys: DataKey[]) => void>();

  get data(): Readonly<DashboardData> {
    return this.state;
  }

  /** Listeners get the keys that changed; returns an unsubscribe function. */
  onDidChange(listener: (keys: DataKey[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(partial: Partial<DashboardData>): void {
    Object.assign(this.state, partial);
    this.fire(Object.keys(partial) as DataKey[]);
  }

  /** Starts over with another run, keeping the run list and comparison. */
  resetRun(partial: Partial<DashboardData> = {}): void {
    const empty = emptyDashboardData();
    for (const key of RUN_DATA_KEYS) Object.assign(this.state, { [key]: empty[key] });
    Object.assign(this.state, partial);
    this.fire(RUN_DATA_KEYS);
  }

  apply(message: TrainerToHost, live = true): void {
    if (isViewMessage(message)) return this.set(viewEntry(message));
    const run = this.state.run;
    switch (message.type) {
      case 'started': {
        const { type: _type, runDir: _runDir, ...info } = message;
        return this.resetRun({ run: { ...info, status: 'running', epochs: 0, live } });
      }
      case 'batch':
        return this.set({ progress: { epoch: message.epoch, batch: message.batch, batches: message.batches, loss: message.loss } });
      case 'epoch':
        return this.set({
          metrics: [...this.state.metrics.filter((m) => m.epoch < message.metrics.epoch), message.metrics],
          ...(run ? { run: { ...run, epochs: message.metrics.epoch } } : {}),
        });
      case 'done':
        return this.set({ progress: null, run: run ? finishedRun(run, message) : run });
      case 'evaluation':
        return this.set({ evaluation: message.evaluation });
      // Not dashboard state: logs go to the output channel, exports and decodes to their requesters; the run folder
      // announced by 'opened' is the controller's to track.
      case 'opened':
      case 'log':
      case 'exported':
      case 'decoded':
      case 'applyProgress':
      case 'applied':
      case 'probed':
      case 'evaluated':
        return;
      default:
        // A trainer message that is neither a view payload (protocol/viewPayloads.ts) nor handled above.
        return message satisfies never;
    }
  }

  /**
   * Marks the run as no longer live, e.g. when its trainer exited without a done message. `recorded` is the status the
   * host wrote into summary.json then (a trainer killed after a stop is 'stopped'); without one, a running run failed.
   */
  markEnded(recorded?: RunStatus): void {
    const run = this.state.run;
    if (!run?.live) return;
    this.set({ run: { ...run, live: false, status: run.status === 'running' ? (recorded ?? 'failed') : run.status } });
  }

  private fire(keys: DataKey[]): void {
    const known = keys.filter((key) => DATA_KEYS.includes(key));
    if (known.length) this.listeners.forEach((listener) => listener(known));
  }
}

function finishedRun(run: RunInfo, done: Extract<TrainerToHost, { type: 'done' }>): RunInfo {
  const summary = done.summary;
  return {
    ...run,
    live: false,
    status: summary?.status ?? (done.error ? 'failed' : run.status),
    epochs: summary?.epochs ?? run.epochs,
    error: done.error?.message,
  };
}
