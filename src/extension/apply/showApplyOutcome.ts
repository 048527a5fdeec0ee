// What Apply Autoencoder shows when its job ends: one image beside its output and error map, a folder revealed, the
// scores CSV with how many were flagged, the codes, the nearest training samples, or what went wrong.
import * as vscode from 'vscode';
import type { Applied } from '../../protocol/applyMessages';
import type { ApplicableRun } from './applicableRuns';
import type { ApplyOutcome } from './applyJob';
import { showApplyResult } from './applyResultPanel';
import type { InputShape } from './inputShape';

const PREFIX = 'Autoencoder Lab: ';

export interface ShownJob {
  input: string;
  inputName: string;
  isDirectory: boolean;
  shape: InputShape;
  run: ApplicableRun;
  label: string;
}

export async function showApplyOutcome(outcome: ApplyOutcome, shown: ShownJob): Promise<void> {
  if (!outcome.ok) {
    if (outcome.cancelled) void vscode.window.showInformationMessage(`${PREFIX}${shown.label} of ${shown.inputName} cancelled; the trainer process was stopped.`);
    else void vscode.window.showErrorMessage(`${PREFIX}${shown.label} failed for ${shown.inputName}${outcome.reason === 'input' ? ` (${shown.input})` : ''}: ${outcome.error}`);
    return;
  }
  await showApplied(outcome.applied, shown);
}

const openText = (file: string) => vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
const reveal = (file: string) => vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(file));

async function showApplied(applied: Applied, { input, isDirectory, shape, run, label }: ShownJob): Promise<void> {
  const out = applied.out;
  const where = out ? vscode.workspace.asRelativePath(out) : '';
  switch (applied.job) {
    case 'reconstruct':
      if (!out) break;
      if (!isDirectory && shape.format === 'images') {
        showApplyResult(input, out, run.item.name, label);
        return;
      }
      if (/\.csv$/i.test(out)) await openText(out);
      else await reveal(out);
      void vscode.window.showInformationMessage(`${PREFIX}${label}: ${applied.count} ${{ images: 'images', audio: 'cleaned WAV files', table: 'rows' }[shape.kind]} written to ${where}.`);
      return;
    case 'score':
      if (out) await openText(out);
      void vscode.window.showInformationMessage(
        `${PREFIX}${applied.flagged ?? 0} of ${applied.count}${applied.spans ? ` time points (${applied.spans.length} span${applied.spans.length === 1 ? '' : 's'})` : ''} flagged above ${applied.threshold?.toPrecision(4) ?? '?'}${applied.method ? ` (${applied.method})` : ''}${where ? `; scores in ${where}` : ''}.`,
      );
      return;
    case 'encode':
      if (out && /\.csv$/i.test(out)) await openText(out);
      else if (out) await reveal(out);
      void vscode.window.showInformationMessage(`${PREFIX}encoded ${applied.count} samples into ${where}.`);
      return;
    case 'neighbors':
      await showNeighbors(applied, run.item.name);
      return;
  }
  void vscode.window.showInformationMessage(`${PREFIX}${label}: ${applied.count} samples.`);
}

async function showNeighbors(applied: Applied, runName: string): Promise<void> {
  const items: vscode.QuickPickItem[] = [];
  for (const { query, matches } of applied.neighbors ?? []) {
    items.push({ label: query, kind: vscode.QuickPickItemKind.Separator });
    for (const match of matches) {
      items.push({ label: match.source, description: `${match.label === null ? 'no label' : `label ${match.label}`} · distance ${match.distance.toPrecision(4)}`, detail: `training sample #${match.index}` });
    }
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`${PREFIX}${runName} found no training samples to compare with.`);
    return;
  }
  await vscode.window.showQuickPick(items, { title: `Nearest training samples of ${runName}`, matchOnDescription: true });
}
