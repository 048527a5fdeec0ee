// Train Experiment: trains the given, active or picked *.ae.json with a cancellable progress notification.
import * as vscode from 'vscode';
import type { TrainingController } from '../training/trainingController';
import { backendSetting, runsDirectory } from '../settings';

export async function pickExperimentFile(uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (uri?.fsPath.endsWith('.ae.json')) return uri;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.fsPath.endsWith('.ae.json')) return active;
  const files = await vscode.workspace.findFiles('**/*.ae.json', '**/node_modules/**', 200);
  if (files.length === 0) {
    void vscode.window.showErrorMessage('Autoencoder Lab: no *.ae.json experiment in this workspace. Run "Autoencoder Lab: New Experiment" first.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((file) => ({ label: vscode.workspace.asRelativePath(file), file })),
    { title: 'Train Experiment', placeHolder: 'Which experiment?' },
  );
  return picked?.file;
}

export async function trainExperiment(controller: TrainingController, uri?: vscode.Uri): Promise<void> {
  const file = await pickExperimentFile(uri);
  if (!file) return;
  const runsDir = runsDirectory();
  if (!runsDir) {
    void vscode.window.showErrorMessage('Autoencoder Lab: open a folder first; runs are saved in the workspace.');
    return;
  }
  if (controller.activeRun && !(await resolveActiveRun(controller))) return;
  await vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file.fsPath && d.isDirty)?.save();

  const { run, exited } = controller.start({ experimentFile: file.fsPath, runsDir, backend: backendSetting() });
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Training ${vscode.workspace.asRelativePath(file)}`, cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => controller.stop());
      let epochsPlanned = 0;
      const listener = controller.onDidReceiveMessage(({ run: r, message }) => {
        if (r !== run) return;
        if (message.type === 'started') {
          epochsPlanned = message.epochsPlanned;
          progress.report({ message: `backend ${message.backend}` });
        }
        if (message.type === 'epoch') {
          const m = message.metrics;
          progress.report({
            increment: 100 / Math.max(1, epochsPlanned),
            message: `epoch ${m.epoch}/${epochsPlanned} · loss ${m.loss.toFixed(4)} · val ${m.val_loss?.toFixed(4) ?? '-'} · ${Math.round(m.samples_per_second)} samples/s`,
          });
        }
      });
      const exit = await exited;
      listener.dispose();
      reportOutcome(exit.summary?.status, exit.error, exit.summary?.runId);
    },
  );
}

/** One run at a time: a second request asks whether to stop the first. */
async function resolveActiveRun(controller: TrainingController): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage('A training run is already active.', { modal: true }, 'Stop it and start this one');
  if (choice !== 'Stop it and start this one') return false;
  const ended = new Promise<void>((resolve) => {
    const sub = controller.onDidEndRun(() => {
      sub.dispose();
      resolve();
    });
  });
  controller.stop();
  await ended;
  return true;
}

function reportOutcome(status: string | undefined, error: string | null, runId?: string): void {
  if (status === 'completed') void vscode.window.showInformationMessage(`Autoencoder Lab: run ${runId} completed.`);
  else if (status === 'stopped') void vscode.window.showInformationMessage(`Autoencoder Lab: run ${runId} stopped.`);
  else void vscode.window.showErrorMessage(`Autoencoder Lab: ${error ?? 'training failed'}`);
}
