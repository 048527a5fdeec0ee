// The Runs tree: every run of the runs folder with its kind, status and best validation loss.
import * as vscode from 'vscode';
import type { RunListItem } from '../../protocol/dashboardMessages';
import type { ShownStatus } from '../../runs/runLiveness';
import { runTooltipMarkdown } from './runTooltip';
import { listRuns } from './runsFolder';

export const RUNS_VIEW_ID = 'autoencoderLab.runs';

const STATUS_ICONS: Record<ShownStatus, vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue')),
  completed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  stopped: new vscode.ThemeIcon('debug-stop', new vscode.ThemeColor('charts.yellow')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  // Marked running, but its trainer is gone (killed with its host, a crash, a full disk): resumable.
  interrupted: new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('charts.orange')),
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
    // Untrusted, no HTML, and every run-file string escaped (see runTooltip.ts).
    item.tooltip = new vscode.MarkdownString(runTooltipMarkdown(run), false);
    item.command = { command: 'autoencoderLab.openRun', title: 'Open Run', arguments: [run.runId] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
