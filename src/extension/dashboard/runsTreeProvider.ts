// The Runs tree: every run of the runs folder with its kind, status and best validation loss.
import * as vscode from 'vscode';
import type { RunListItem } from '../../protocol/dashboardMessages';
import type { RunStatus } from '../../protocol/trainerMessages';
import { listRuns } from './runsFolder';

export const RUNS_VIEW_ID = 'autoencoderLab.runs';

const STATUS_ICONS: Record<RunStatus, vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue')),
  completed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  stopped: new vscode.ThemeIcon('debug-stop', new vscode.ThemeColor('charts.yellow')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
};

export class RunsTreeProvider implements vscode.TreeDataProvider<RunListItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly runsDir: () => string | undefined) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(element?: RunListItem): Promise<RunListItem[]> {
    const runsDir = this.runsDir();
    return element || !runsDir ? [] : listRuns(runsDir);
  }

  getTreeItem(run: RunListItem): vscode.TreeItem {
    const item = new vscode.TreeItem(run.name, vscode.TreeItemCollapsibleState.None);
    item.id = run.runId;
    const best = run.bestValLoss === null ? '' : ` · best val ${run.bestValLoss.toPrecision(4)}`;
    item.description = `${run.kind}${best}`;
    item.iconPath = STATUS_ICONS[run.status];
    item.contextValue = `autoencoderLab.run.${run.status}`;
    item.tooltip = new vscode.MarkdownString(
      [`**${run.name}** (${run.kind})`, `${run.status}, epoch ${run.epochs}/${run.epochsPlanned}`, `best val loss: ${run.bestValLoss ?? '—'}`, `started ${run.startedAt}`, `\`${run.runId}\``].join('\n\n'),
    );
    item.command = { command: 'autoencoderLab.openRun', title: 'Open Run', arguments: [run.runId] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
