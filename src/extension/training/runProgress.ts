// For every run, however it was started: a cancellable progress notification, the dashboard (if the setting says
// so) and a closing message with the outcome.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { TrainerExit } from '../../host/trainerProcess';
import { openDashboardOnTrain } from '../settings';
import { sweepProgressText } from './runQueue';
import type { ActiveRun, TrainingController } from './trainingController';

export function showRunProgress(controller: TrainingController): vscode.Disposable {
  return controller.onDidStartRun((run) => {
    if (openDashboardOnTrain()) void vscode.commands.executeCommand('autoencoderLab.openDashboard');
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Training ${runTitle(run)}`, cancellable: true },
      (progress, token) => followRun(controller, run, progress, token),
    );
  });
}

function runTitle(run: ActiveRun): string {
  if (run.sweep) return sweepProgressText(run.sweep);
  return run.resumeRunDir ? basename(run.resumeRunDir) : vscode.workspace.asRelativePath(run.experimentFile);
}

function followRun(
  controller: TrainingController,
  run: ActiveRun,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<void> {
  token.onCancellationRequested(() => {
    if (controller.activeRun !== run) return;
    // A run of a sweep stops as Stop Training stops it, which asks what becomes of the rest of the sweep.
    if (run.sweep) void vscode.commands.executeCommand('autoencoderLab.stopTraining');
    else controller.stop();
  });
  let epochsPlanned = 0;
  const messages = controller.onDidReceiveMessage(({ run: from, message }) => {
    if (from !== run) return;
    if (message.type === 'started') {
      epochsPlanned = message.epochsPlanned;
      progress.report({ message: `${message.trainSamples} samples · backend ${message.backend}` });
    }
    if (message.type === 'epoch') {
      const m = message.metrics;
      progress.report({
        increment: 100 / Math.max(1, epochsPlanned),
        message: `epoch ${m.epoch}/${epochsPlanned} · loss ${m.loss.toFixed(4)} · val ${m.val_loss?.toFixed(4) ?? '-'} · ${Math.round(m.samples_per_second)} samples/s`,
      });
    }
  });
  return new Promise((resolve) => {
    const ended = controller.onDidEndRun(({ run: from, exit }) => {
      if (from !== run) return;
      messages.dispose();
      ended.dispose();
      reportOutcome(exit);
      resolve();
    });
  });
}

function reportOutcome(exit: TrainerExit): void {
  const summary = exit.summary;
  const name = summary?.runId ?? 'the run';
  if (summary?.status === 'completed') {
    const loss = summary.final?.val_loss ?? summary.final?.loss;
    void vscode.window.showInformationMessage(`Autoencoder Lab: ${name} completed${loss === undefined || loss === null ? '' : ` (loss ${loss.toFixed(4)})`}.`);
  } else if (summary?.status === 'stopped') {
    void vscode.window.showInformationMessage(`Autoencoder Lab: ${name} stopped after epoch ${summary.epochs}.`);
  } else {
    void vscode.window.showErrorMessage(`Autoencoder Lab: ${exit.error ?? summary?.error?.message ?? 'training failed'}`);
  }
}
