// Activation is cheap: nothing here loads TensorFlow. Training happens in a forked trainer process.
import * as vscode from 'vscode';
import { newExperiment } from './commands/newExperiment';
import { trainExperiment } from './commands/trainExperiment';
import { TrainingController } from './training/trainingController';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Autoencoder Lab', { log: true });
  const controller = new TrainingController(vscode.Uri.joinPath(context.extensionUri, 'dist', 'trainer.js').fsPath, output);
  context.subscriptions.push(
    output,
    controller,
    vscode.commands.registerCommand('autoencoderLab.newExperiment', () => newExperiment()),
    vscode.commands.registerCommand('autoencoderLab.trainExperiment', (uri?: vscode.Uri) => trainExperiment(controller, uri)),
    vscode.commands.registerCommand('autoencoderLab.stopTraining', () => {
      if (!controller.stop()) void vscode.window.showInformationMessage('Autoencoder Lab: no training run is active.');
    }),
  );
}

export function deactivate(): void {
  // The controller is disposed with the subscriptions, which stops any trainer.
}
