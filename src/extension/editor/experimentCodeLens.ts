// "▶ Train" and "Open Dashboard" above the first line of every *.ae.json; "Stop" while that experiment trains; and
// "Run Sweep (N runs)" above the `sweep` key of one that has a sweep block.
import * as vscode from 'vscode';
import type { TrainingController } from '../training/trainingController';
import { sweepLens } from './sweepLens';

/** The provider activation registers for every experiment file (manifestIds' EXPERIMENT_FILES); dispose it with the controller. */
export function experimentCodeLens(controller: TrainingController): vscode.CodeLensProvider & vscode.Disposable & { onDidChangeCodeLenses: vscode.Event<void> } {
  const changed = new vscode.EventEmitter<void>();
  const listening = vscode.Disposable.from(changed, controller.onDidStartRun(() => changed.fire()), controller.onDidEndRun(() => changed.fire()));
  return {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      const top = new vscode.Range(0, 0, 0, 0);
      const training = controller.activeRun?.experimentFile === document.uri.fsPath;
      const first: vscode.Command = training
        ? { title: '$(debug-stop) Stop', command: 'autoencoderLab.stopTraining', tooltip: 'Stop this run after the current batch' }
        : { title: '$(play) Train', command: 'autoencoderLab.trainExperiment', arguments: [document.uri], tooltip: 'Train this experiment' };
      return [
        new vscode.CodeLens(top, first),
        new vscode.CodeLens(top, { title: '$(graph-line) Open Dashboard', command: 'autoencoderLab.openDashboard', tooltip: 'Curves, reconstructions and latent space' }),
        ...sweepCodeLens(document),
      ];
    },
    dispose: () => listening.dispose(),
  };
}

/** A sweep that cannot expand gets a lens with no command: its text names the problem and clicking it runs nothing. */
function sweepCodeLens(document: vscode.TextDocument): vscode.CodeLens[] {
  const lens = sweepLens(document.getText(), document.uri.fsPath);
  if (!lens) return [];
  const at = document.positionAt(lens.offset);
  const command = lens.runs === undefined ? '' : 'autoencoderLab.runSweep';
  return [new vscode.CodeLens(new vscode.Range(at, at), { title: lens.title, command, arguments: [document.uri], tooltip: lens.tooltip })];
}
