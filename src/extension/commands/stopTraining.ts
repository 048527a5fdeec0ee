// Stop Training: the active run stops after its current batch and saves a checkpoint; queued runs follow unless cleared.
import * as vscode from 'vscode';
import type { Services } from '../services';

export async function stopTraining({ controller, scheduler }: Services): Promise<void> {
  if (!controller.stop()) {
    void vscode.window.showInformationMessage('Autoencoder Lab: no training run is active.');
    return;
  }
  if (scheduler.queued === 0) return;
  const clear = await vscode.window.showInformationMessage(`Autoencoder Lab: ${scheduler.queued} queued run(s) will start next.`, 'Clear Queue');
  if (clear) scheduler.clearQueue();
}
