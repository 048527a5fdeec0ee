// The Runs tree: every run of the runs folder with its kind, status and best validation loss.
import * as vscode from 'vscode';
import type { RunListItem } from '../../protocol/dashboardMessages';
import type { ShownStatus } from '../../runs/runLiveness';
import { lacksTfjsModel } from '../../protocol/trainedElsewhere';
import { runTooltipMarkdown } from './runTooltip';
import { listRuns } from './runsFolder';

const STATUS_ICONS: Record<ShownStatus, vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue')),
  completed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  stopped: new vscode.ThemeIcon('debug-stop', new vscode.ThemeColor('charts.yellow')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  // Marked running, but its trainer is gone (killed with its host, a crash, a full disk): resumable, or retrained.
  interrupted: new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('charts.orange')),
  // summary.json (or experiment.json) cannot be read: the tooltip says which file, line and field.
  damaged: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
};

/** What Resume Run will do, said where the user decides: a run with no checkpoint starts over. */
export const RETRAIN_NOTE = 'no checkpoint: trains again from the start';

/**
 * `autoencoderLab.run.<status>`, plus `.resumable` (Resume continues from the checkpoint) or `.retrain` (Resume trains
 * it again from epoch 0): package.json's menus offer Resume Run on those two suffixes. `.elsewhere`: another engine
 * trained it and wrote no tfjs models, so the menus that need one (evaluate, exports) do not match it; Open, Compare
 * and Delete do. Such a run with tfjs models is never resumable, so it takes the plain value.
 */
function runContextValue(run: Pick<RunListItem, 'status' | 'resumable' | 'trainedBy' | 'tfjsModel'>): string {
  const suffix = lacksTfjsModel(run) ? '.elsewhere' : run.resumable === 'checkpoint' ? '.resumable' : run.resumable === 'retrain' ? '.retrain' : '';
  return `autoencoderLab.run.${run.status}${suffix}`;
}

export class RunsTreeProvider implements vscode.TreeDataProvider<RunListItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly runsDir: () => string | undefined) {}

  /** The next getChildren takes its runs from `listing` when given (a listing the caller shares). */
  private nextListing: (() => Promise<RunListItem[]>) | undefined;

  refresh(listing?: () => Promise<RunListItem[]>): void {
    this.nextListing = listing;
    this.changed.fire();
  }

  async getChildren(element?: RunListItem): Promise<RunListItem[]> {
    const runsDir = this.runsDir();
    const listing = this.nextListing;
    this.nextListing = undefined;
    if (element || !runsDir) return [];
    return listing ? listing() : listRuns(runsDir);
  }

  getTreeItem(run: RunListItem): vscode.TreeItem {
    const item = new vscode.TreeItem(run.name, vscode.TreeItemCollapsibleState.None);
    item.id = run.runId;
    const best = run.bestValLoss === null ? '' : ` · best val ${run.bestValLoss.toPrecision(4)}`;
    const note = run.status === 'damaged' ? ' · damaged' : run.resumable === 'retrain' ? ` · ${RETRAIN_NOTE}` : '';
    item.description = `${run.kind}${run.trainedBy ? ` · ${run.trainedBy}` : ''}${best}${note}`;
    item.iconPath = STATUS_ICONS[run.status];
    item.contextValue = runContextValue(run);
    // Untrusted, no HTML, and every run-file string escaped (see runTooltip.ts).
    item.tooltip = new vscode.MarkdownString(runTooltipMarkdown(run), false);
    // A damaged run has nothing to open; its tooltip says what is wrong.
    if (run.status !== 'damaged') item.command = { command: 'autoencoderLab.openRun', title: 'Open Run', arguments: [run.runId] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
