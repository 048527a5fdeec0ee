// Registers everything the dashboard contributes: commands, the panel serializer, the side view, the Runs tree
// and the file watcher that keeps the tree fresh. The caller disposes what it returns.
import * as vscode from 'vscode';
import { DASHBOARD_VIEWS, type DashboardView, type PersistedWebviewState, type RunListItem } from '../../protocol/dashboardMessages';
import type { TrainingController } from '../training/trainingController';
import type { DashboardDeps, DashboardHost } from './dashboardHost';
import { DASHBOARD_VIEW_TYPE, DashboardPanel } from './dashboardPanel';
import { LiveRun } from './liveRun';
import { RUNS_VIEW_ID, RunsTreeProvider } from './runsTreeProvider';
import { listRuns, resolveRunDir } from './runsFolder';
import { runsDirectory, updateRate } from './settings';
import { SIDEBAR_VIEW_ID, SidebarViewProvider } from './sidebarViewProvider';
import { watchRunSummaries } from './watchRuns';

export const DASHBOARD_COMMANDS = {
  openDashboard: 'autoencoderLab.openDashboard',
  compareRuns: 'autoencoderLab.compareRuns',
  openRun: 'autoencoderLab.openRun',
  refreshRuns: 'autoencoderLab.refreshRuns',
} as const;

export function registerDashboard(context: vscode.ExtensionContext, controller: TrainingController, deps: DashboardDeps): vscode.Disposable[] {
  const live = new LiveRun(controller);
  const host: DashboardHost = {
    extensionUri: context.extensionUri,
    controller,
    live,
    deps,
    runsDir: runsDirectory,
    updateRate,
    openDashboard: (view) => void DashboardPanel.createOrShow(host, view),
    openRun: async (runDir) => DashboardPanel.createOrShow(host).showRun(runDir),
  };
  const tree = new RunsTreeProvider(runsDirectory);
  const sidebar = new SidebarViewProvider(host);
  // Every heartbeat of a training run rewrites its summary.json: the tree and the panel share one listing per change.
  const refreshRuns = () => {
    const runsDir = runsDirectory();
    let listing: Promise<RunListItem[]> | undefined;
    const runs = () => (listing ??= runsDir ? listRuns(runsDir) : Promise.resolve([]));
    tree.refresh(runs);
    void DashboardPanel.current?.refreshRunList(runs);
    DashboardPanel.current?.refreshFolderRun();
    void DashboardPanel.current?.refreshExperiments(false);
  };
  const runIdOf = (arg: unknown) => (typeof arg === 'string' ? arg : (arg as RunListItem | undefined)?.runId);
  const openRun = async (arg: unknown) => {
    const runsDir = runsDirectory();
    const runDir = runsDir ? resolveRunDir(runsDir, runIdOf(arg)) : undefined;
    if (runDir) await host.openRun(runDir);
    else void vscode.window.showWarningMessage('Autoencoder Lab: that run is not in the runs folder.');
  };
  const compareRuns = async (clicked?: unknown, selected?: unknown[]) => {
    const ids = (selected?.length ? selected : clicked ? [clicked] : []).map(runIdOf).filter((id): id is string => !!id);
    const runsDir = runsDirectory();
    const runDirs = runsDir ? ids.map((id) => resolveRunDir(runsDir, id)).filter((dir): dir is string => !!dir) : [];
    const panel = DashboardPanel.createOrShow(host, 'compare');
    panel.showView('compare', ids);
    await panel.refreshRunList();
    if (runDirs.length) panel.compare(runDirs);
  };

  void live.showLatest(runsDirectory());
  return [
    live,
    tree,
    sidebar,
    vscode.commands.registerCommand(DASHBOARD_COMMANDS.openDashboard, (view?: unknown) => host.openDashboard(asView(view))),
    vscode.commands.registerCommand(DASHBOARD_COMMANDS.openRun, openRun),
    vscode.commands.registerCommand(DASHBOARD_COMMANDS.compareRuns, compareRuns),
    vscode.commands.registerCommand(DASHBOARD_COMMANDS.refreshRuns, refreshRuns),
    vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: Partial<PersistedWebviewState> | undefined) => DashboardPanel.revive(panel, host, state),
    }),
    vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, sidebar),
    vscode.window.createTreeView(RUNS_VIEW_ID, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: false }),
    controller.onDidStartRun(refreshRuns),
    controller.onDidEndRun(refreshRuns),
    watchRunSummaries(runsDirectory, refreshRuns),
    { dispose: () => DashboardPanel.current?.dispose() },
  ];
}

function asView(value: unknown): DashboardView | undefined {
  return DASHBOARD_VIEWS.find((view) => view === value);
}
