// Stop Training: the active run stops after its current batch and saves a checkpoint; queued runs follow unless cleared.
// A run of a sweep stays "stopped" in sweep.json, and the user is asked whether the rest of that sweep should still run.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { SweepTag } from '../training/runQueue';
import type { RunScheduler } from '../training/runScheduler';

const CANCEL_SWEEP = 'Cancel Rest of Sweep';
const CONTINUE_SWEEP = 'Continue Sweep';

export async function stopTraining({ controller, scheduler }: Services): Promise<void> {
  const sweep = controller.activeRun?.sweep;
  const sweepRest = sweep ? scheduler.queuedRequests.filter((request) => request.sweep?.sweepDir === sweep.sweepDir).length : 0;
  // Held before stopping, so the sweep's next run cannot start while the user decides.
  const release = sweepRest > 0 ? scheduler.hold() : undefined;
  try {
    if (!controller.stop()) {
      void vscode.window.showInformationMessage('Autoencoder Lab: no training run is active.');
      return;
    }
    if (sweep && sweepRest > 0) await askAboutSweep(scheduler, sweep, sweepRest);
  } finally {
    release?.();
  }
  // After the sweep question the user has decided about the queue; otherwise say what starts next.
  if (sweepRest > 0 || scheduler.queued === 0) return;
  const clear = await vscode.window.showInformationMessage(`Autoencoder Lab: ${scheduler.queued} queued run(s) will start next.`, 'Clear Queue');
  if (clear) scheduler.clearQueue();
}

async function askAboutSweep(scheduler: RunScheduler, sweep: SweepTag, rest: number): Promise<void> {
  const choice = await vscode.window.showWarningMessage(
    `Autoencoder Lab: run ${sweep.index + 1} of sweep ${sweep.name} stops (it stays "stopped" in sweep.json). Cancel the ${rest} run(s) of the sweep that have not started? They stay "pending", so \`aelab sweep --resume ${sweep.sweepDir}\` can finish the sweep later.`,
    { modal: true },
    CANCEL_SWEEP,
    CONTINUE_SWEEP,
  );
  if (choice !== CANCEL_SWEEP) return;
  const cancelled = scheduler.removeQueued((request) => request.sweep?.sweepDir === sweep.sweepDir);
  void vscode.window.showInformationMessage(`Autoencoder Lab: cancelled ${cancelled} run(s) of sweep ${sweep.name}; \`aelab sweep --resume ${sweep.sweepDir}\` finishes them.`);
}
