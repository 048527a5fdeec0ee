// The dashboard editor panel: one at a time, following the live run or showing a run folder.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { Probed } from '../../protocol/applyMessages';
import type { DashboardView, PersistedWebviewState, RunListItem } from '../../protocol/dashboardMessages';
import { rerunWithEdits } from '../experiments/rerunWithEdits';
import { DASHBOARD_VIEW_TYPE } from '../manifestIds';
import { loadComparison } from './compareRuns';
import { connectWebview } from './connectWebview';
import type { DashboardHost } from './dashboardHost';
import type { DashboardModel } from './dashboardModel';
import type { ProbeSample } from './probeRequests';
import { loadRunFromFolder } from './runHistory';
import { listRuns, resolveRunDir } from './runsFolder';
import { ShownFolderRun } from './shownFolderRun';
import { webviewOptions } from './webviewContent';
import { WebviewSession } from './webviewSession';

export class DashboardPanel {
  static current: DashboardPanel | undefined;
  private readonly session: WebviewSession;
  private readonly disposables: vscode.Disposable[] = [];
  /** undefined while following the live run. */
  private folderRun: ShownFolderRun | undefined;
  /** Set once the Experiments tab asked for its data: from then on, runs folder changes refresh it. */
  private experimentsShown = false;

  static createOrShow(host: DashboardHost, view?: DashboardView): DashboardPanel {
    if (DashboardPanel.current) {
      DashboardPanel.current.panel.reveal();
    } else {
      const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, 'Autoencoder Lab', vscode.ViewColumn.Active, webviewOptions(host.extensionUri));
      DashboardPanel.current = new DashboardPanel(panel, host);
    }
    if (view) DashboardPanel.current.showView(view);
    return DashboardPanel.current;
  }

  /** Restores a panel after a window reload, from the run id the webview persisted. */
  static async revive(panel: vscode.WebviewPanel, host: DashboardHost, state: Partial<PersistedWebviewState> | undefined): Promise<void> {
    DashboardPanel.current?.dispose();
    const current = new DashboardPanel(panel, host);
    DashboardPanel.current = current;
    const runsDir = host.runsDir();
    const runDir = runsDir && state?.runId ? resolveRunDir(runsDir, state.runId) : undefined;
    if (runDir) await current.showRun(runDir);
  }

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly host: DashboardHost) {
    this.session = new WebviewSession(host.live.model, { post: (m) => panel.webview.postMessage(m), updateRate: () => host.updateRate() });
    this.disposables.push(
      connectWebview(panel.webview, 'dashboard', host, this.session, {
        listRuns: () => this.refreshRunList(),
        compareRuns: (runDirs) => this.compare(runDirs),
        listExperiments: () => this.refreshExperiments(true),
        deleteRuns: (runIds) => vscode.commands.executeCommand('autoencoderLab.deleteRun', runIds[0], runIds),
        rerunWithEdits: (runDir) => rerunWithEdits(runDir),
        decode: host.deps.decode ? (codes, count, labels) => this.decode(codes, count, labels) : undefined,
        probe: host.deps.probe ? (sample) => this.probe(sample) : undefined,
      }),
      panel.onDidChangeViewState(() => (panel.visible ? this.session.shown() : this.session.pause())),
      panel.onDidDispose(() => this.dispose()),
      host.controller.onDidStartRun(() => this.followLive()),
      { dispose: host.live.model.onDidChange((keys) => keys.includes('run') && this.updateTitle()) },
    );
    this.updateTitle();
  }

  /** Shows a run folder; the live run's folder means following it live. */
  async showRun(runDir: string): Promise<void> {
    if (runDir === this.host.live.runDir) {
      // Once its training ended, its files may change (Evaluate Run, aelab eval): read them again.
      if (!this.host.live.isTraining) loadRunFromFolder(runDir, this.host.live.model);
      return this.followLive();
    }
    this.folderRun = new ShownFolderRun(runDir);
    this.switchModel(this.folderRun.model);
  }

  /** A shown run folder whose summary.json changed (it trains outside this window) is read again. */
  refreshFolderRun(): void {
    if (this.folderRun?.refresh()) this.updateTitle();
  }

  followLive(): void {
    this.folderRun = undefined;
    this.switchModel(this.host.live.model);
  }

  showView(view: DashboardView, compareRunIds?: string[]): void {
    this.session.send({ type: 'SHOW_VIEW', view, compareRunIds });
  }

  /** `listing`: one the caller shares with the Runs tree; otherwise the runs folder is listed here. */
  async refreshRunList(listing?: () => Promise<RunListItem[]>): Promise<void> {
    const runsDir = this.host.runsDir();
    this.session.currentModel.set({ runList: listing ? await listing() : runsDir ? await listRuns(runsDir) : [] });
  }

  /** `asked`: the tab wants the data now; otherwise only refresh a table that has been shown. */
  async refreshExperiments(asked: boolean): Promise<void> {
    this.experimentsShown ||= asked;
    const runsDir = this.host.runsDir();
    if (!this.experimentsShown) return;
    // Loaded on first use: parameter importance brings ml-random-forest, which activation does not need.
    const { loadExperiments } = await import('../experiments/loadExperiments');
    this.session.currentModel.set({ experiments: runsDir ? await loadExperiments(runsDir) : null });
  }

  compare(runDirs: string[]): void {
    this.session.currentModel.set({ comparison: loadComparison(runDirs) });
  }

  private decode(codes: Float32Array, count: number, labels?: number[]): Promise<Float32Array[]> {
    const runDir = this.folderRun?.runDir ?? this.host.live.runDir;
    if (!runDir || !this.host.deps.decode) return Promise.reject(new Error('No run is shown.'));
    return this.host.deps.decode(codes, count, runDir, labels);
  }

  private probe(sample: ProbeSample): Promise<Probed> {
    const runDir = this.folderRun?.runDir ?? this.host.live.runDir;
    if (!runDir || !this.host.deps.probe) return Promise.reject(new Error('No run is shown.'));
    return this.host.deps.probe(sample, runDir);
  }

  private switchModel(model: DashboardModel): void {
    const previous = this.session.currentModel;
    if (model !== previous) model.set({ runList: previous.data.runList, comparison: previous.data.comparison, experiments: previous.data.experiments });
    this.session.setModel(model);
    this.updateTitle();
  }

  private updateTitle(): void {
    const name = this.session.currentModel.data.run?.name ?? (this.folderRun ? basename(this.folderRun.runDir) : undefined);
    this.panel.title = name ? `Autoencoder Lab: ${name}` : 'Autoencoder Lab';
  }

  dispose(): void {
    if (DashboardPanel.current === this) DashboardPanel.current = undefined;
    this.session.dispose();
    this.disposables.splice(0).forEach((d) => d.dispose());
    this.panel.dispose();
  }
}
