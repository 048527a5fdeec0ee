// Resume Run: continue a stopped, failed or interrupted run from its last checkpoint, in the same run folder; a run that
// never saved one (killed or failed in its first epochs) is trained again from the start there, after the user agrees.
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { hasCheckpoint } from '../../runs/checkpointFiles';
import { RETRAIN_NOTE } from '../dashboard/runsTreeProvider';
import type { Services } from '../services';
import { pickRun } from '../runs/pickRun';
import { RESUMING_ELSEWHERE } from '../../protocol/trainedElsewhere';

export async function resumeRun(services: Services, arg?: unknown): Promise<void> {
  const picked = await pickRun(arg, {
    title: 'Resume Run',
    // Every run has it, also one killed before its summary.json; the trainer checks the rest and names what is wrong.
    requires: 'experiment.json',
    accept: (run) => run.resumable !== false,
    noneMessage: 'no stopped, failed or interrupted run to resume.',
    needsTfjsModel: RESUMING_ELSEWHERE,
  });
  if (!picked) return;
  if (!hasCheckpoint(picked.runDir)) {
    const again = 'Train Again';
    const choice = await vscode.window.showWarningMessage(
      `Autoencoder Lab: ${basename(picked.runDir)} has ${RETRAIN_NOTE}, in the same folder (its metrics so far are replaced).`,
      { modal: true },
      again,
    );
    if (choice !== again) return;
  }
  // The trainer reads the experiment the run saved; experimentFile only names the request.
  await services.scheduler.request({ experimentFile: join(picked.runDir, 'experiment.json'), resumeRunDir: picked.runDir });
}
