// Evaluate Run: (re)computes a finished run's evaluation.json in a trainer process, as `aelab eval` does, for runs made
// before evaluations existed, stopped runs (not evaluated at their end), or after editing the run's `evaluation` block.
// On success the dashboard shows the run's Evaluation tab; on failure the run is left as it was.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { MODEL_FILES, RUN_FILES } from '../../runs/layout';
import { summaryLine } from '../../trainer/evaluate/summaryLine';
import { pickRun } from '../runs/pickRun';
import type { Services } from '../services';
import { backendSetting } from '../settings';
import type { RunEvaluations } from '../training/evaluateJob';

export async function evaluateRun(services: Services, evaluations: RunEvaluations, arg?: unknown): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Autoencoder Lab: evaluating a run runs the trainer on workspace data; trust the workspace first.');
    return;
  }
  const picked = await pickRun(arg, {
    title: 'Evaluate Run',
    // Both models are saved together when a run ends (completed or stopped); the trainer checks the rest.
    requires: join(RUN_FILES.decoder, MODEL_FILES.topology),
    accept: (run) => run.status === 'completed' || run.status === 'stopped',
    noneMessage: 'no finished run with saved models to evaluate.',
    needsTfjsModel: 'evaluate it',
  });
  if (!picked) return;
  const { runId, runDir } = picked;
  if (services.controller.activeRun?.runDir === runDir) {
    void vscode.window.showWarningMessage(`Autoencoder Lab: ${runId} is training; it is evaluated when training ends.`);
    return;
  }
  const job = evaluations.start(runDir, backendSetting());
  if (!job) {
    void vscode.window.showInformationMessage(`Autoencoder Lab: ${runId} is already being evaluated.`);
    return;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Evaluating ${runId}…`, cancellable: true },
    (_progress, token) => {
      token.onCancellationRequested(job.cancel);
      return job.result;
    },
  );
  if (!result.ok) {
    if (result.reason === 'stopped') void vscode.window.showInformationMessage(`Autoencoder Lab: evaluation of ${runId} cancelled; its evaluation.json was not changed.`);
    else void vscode.window.showErrorMessage(`Autoencoder Lab: cannot evaluate ${runId}: ${result.error}`);
    return;
  }
  // Opening the run reads its folder again, so the dashboard shows the new evaluation.json.
  await vscode.commands.executeCommand('autoencoderLab.openRun', runId);
  await vscode.commands.executeCommand('autoencoderLab.openDashboard', 'evaluation');
  void vscode.window.showInformationMessage(`Autoencoder Lab: ${runId} ${summaryLine(result.evaluation)}`);
}
