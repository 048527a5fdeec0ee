// The run the side view and a following dashboard show: the active run while it trains, else the latest one.
import * as vscode from 'vscode';
import type { TrainingController } from '../training/trainingController';
import { DashboardModel } from './dashboardModel';
import { loadRunFromFolder } from './runHistory';
import { listRuns } from './runsFolder';

export class LiveRun implements vscode.Disposable {
  readonly model = new DashboardModel();
  private shownRunDir: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly controller: TrainingController) {
    const active = controller.activeRun;
    if (active) {
      this.shownRunDir = active.runDir;
      active.messages.forEach((message) => this.model.apply(message));
    }
    this.disposables.push(
      controller.onDidReceiveMessage(({ message }) => {
        if (message.type === 'opened' || message.type === 'started') this.shownRunDir = message.runDir;
        this.model.apply(message);
      }),
      controller.onDidEndRun(({ exit }) => this.model.markEnded(exit.summary?.status)),
    );
  }

  get runDir(): string | undefined {
    return this.shownRunDir;
  }

  get isTraining(): boolean {
    return this.controller.activeRun !== undefined;
  }

  /** Without an active run, show the newest run of the runs folder so the views are not empty after a reload. */
  async showLatest(runsDir: string | undefined): Promise<void> {
    if (!runsDir || this.isTraining || this.model.data.run) return;
    const latest = (await listRuns(runsDir)).find((run) => run.status !== 'damaged'); // a damaged run has nothing to show
    if (!latest || this.isTraining || this.model.data.run) return;
    this.shownRunDir = vscode.Uri.joinPath(vscode.Uri.file(runsDir), latest.runId).fsPath;
    loadRunFromFolder(this.shownRunDir, this.model);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
