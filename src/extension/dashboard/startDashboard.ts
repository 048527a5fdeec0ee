// Everything behind what the dashboard contributes: its commands, the panel serializer, the side view and the Runs
// tree, for activation to register (extension.ts), plus the live run and the file watcher that keeps the tree fresh.
// The caller disposes `disposables`.
import * as vscode from 'vscode';
import { DASHBOARD_VIEWS, type DashboardView, type PersistedWebviewState, type RunListItem } from '../../protocol/dashboardMessages';
import type { TrainingController } from '../training/trainingController';
import type { DashboardDeps, DashboardHost } from './dashboardHost';
import { DashboardPanel } from './dashboardPanel';
import { LiveRun } from './liveRun';
import { RunsTreeProvider } from './runsTreeProvider';
import { listRuns, resolveRunDir } from './runsFolder';
import { runsDirectory, updateRate } from './settings';
import { SidebarViewProvider } from './sidebarViewProvider';
import { watchRunSummaries } from './watchRuns';

export interface Dashboard {
  commands: Record<'openDashboard' | 'openRun' | 'compareRuns' | 'refreshRuns', (...args: never[]) => unknown>;
  runsTree: RunsTreeProvider;
  sidebar: vscode.WebviewViewProvider;
  serializer: vscode.WebviewPanelSerializer;
  disposables: vscode.Disposable[];
}

export function startDashboard(context: vscode.ExtensionContext, controller: TrainingController, deps: DashboardDeps): Dashboard {
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
  return {
    commands: { openDashboard: (view?: unknown) => host.openDashboard(asView(view)), openRun, compareRuns, refreshRuns },
    runsTree: tree,
    sidebar,
    serializer: { deserializeWebviewPanel: (panel, state: Partial<PersistedWebviewState> | undefined) => DashboardPanel.revive(panel, host, state) },
    disposables: [
      live,
      tree,
      sidebar,
      controller.onDidStartRun(refreshRuns),
      controller.onDidEndRun(refreshRuns),
      watchRunSummaries(runsDirectory, refreshRuns),
      { dispose: () => DashboardPanel.current?.dispose() },
    ],
  };
}

function asView(value: unknown): DashboardView | undefined {
  return DASHBOARD_VIEWS.find((view) => view === value);
}
