// Open Experiments Table: the dashboard on its Experiments tab, which asks the host for every run of the runs folder.
import * as vscode from 'vscode';

export function openExperimentsTable(): Thenable<unknown> {
  return vscode.commands.executeCommand('autoencoderLab.openDashboard', 'experiments');
}
