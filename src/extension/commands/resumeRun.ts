// Resume Run: continue a stopped, failed or interrupted run from its last checkpoint, in the same run folder.
import { join } from 'node:path';
import type { Services } from '../services';
import { pickRun } from '../runs/pickRun';

export async function resumeRun(services: Services, arg?: unknown): Promise<void> {
  const picked = await pickRun(arg, {
    title: 'Resume Run',
    requires: 'checkpoint/checkpoint.json',
    accept: (run) => run.resumable,
    noneMessage: 'no stopped, failed or interrupted run with a checkpoint to resume.',
  });
  if (!picked) return;
  // The trainer reads the experiment the run saved; experimentFile only names the request.
  await services.scheduler.request({ experimentFile: join(picked.runDir, 'experiment.json'), resumeRunDir: picked.runDir });
}
