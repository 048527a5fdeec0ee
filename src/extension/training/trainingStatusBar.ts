// "$(pulse) epoch 3/10 · loss 0.1234" while a run trains; a click opens the dashboard. Hidden when idle.
import * as vscode from 'vscode';
import type { TrainerToHost } from '../../protocol/trainerMessages';
import { sweepProgressText } from './runQueue';
import type { RunScheduler } from './runScheduler';
import type { TrainingController } from './trainingController';

/** Batch ticks arrive many times a second; the text changes at most this often. */
const REFRESH_MS = 250;

export function trainingStatusBar(controller: TrainingController, scheduler: RunScheduler): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('autoencoderLab.training', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Autoencoder Lab Training';
  item.command = 'autoencoderLab.openDashboard';
  let state = { name: '', epoch: 0, epochsPlanned: 0, loss: undefined as number | undefined };
  let shownAt = 0;

  const render = () => {
    shownAt = Date.now();
    const loss = state.loss === undefined ? '' : ` · loss ${state.loss.toFixed(4)}`;
    const queued = scheduler.queued ? ` · ${scheduler.queued} queued` : '';
    const sweep = controller.activeRun?.sweep;
    const prefix = sweep ? `${sweepProgressText(sweep)} · ` : '';
    item.text = state.epochsPlanned ? `$(pulse) ${prefix}epoch ${state.epoch}/${state.epochsPlanned}${loss}${queued}` : `$(pulse) ${prefix}starting${queued}`;
    const partOf = sweep ? ` (${sweepProgressText(sweep)}; sweep.json in ${sweep.sweepDir})` : '';
    item.tooltip = `Autoencoder Lab: training ${state.name}${partOf}. Click to open the dashboard.`;
    item.show();
  };
  const apply = (message: TrainerToHost) => {
    if (message.type === 'started') state = { name: message.name, epoch: 1, epochsPlanned: message.epochsPlanned, loss: undefined };
    else if (message.type === 'batch') Object.assign(state, { epoch: message.epoch, loss: message.loss ?? state.loss });
    else if (message.type === 'epoch') Object.assign(state, { epoch: message.metrics.epoch, loss: message.metrics.loss });
    else return;
    if (message.type !== 'batch' || Date.now() - shownAt >= REFRESH_MS) render();
  };

  return vscode.Disposable.from(
    item,
    controller.onDidStartRun((run) => {
      state = { name: run.runId ?? '', epoch: 0, epochsPlanned: 0, loss: undefined };
      render();
      void vscode.commands.executeCommand('setContext', 'autoencoderLab.training', true);
    }),
    controller.onDidReceiveMessage(({ message }) => apply(message)),
    controller.onDidEndRun(() => {
      item.hide();
      void vscode.commands.executeCommand('setContext', 'autoencoderLab.training', false);
    }),
    scheduler.onDidChangeQueue(() => controller.activeRun && render()),
  );
}
