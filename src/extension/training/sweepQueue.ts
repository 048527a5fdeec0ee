// A sweep in VS Code's training queue: the sweep folder made as `aelab sweep` makes it (sweep.json and each setting's
// experiment file), then one ordinary training per row handed to the scheduler, tagged with the sweep. No vscode
// here: tests hand it a fake scheduler.
import { rmSync } from 'node:fs';
import { runPath } from '../../runs/layout';
import { createSweep, sweepJobs } from '../../sweep/sweepJobs';
import type { RequestOutcome, TrainRequest } from './runScheduler';
import type { SweepRows } from './sweepRows';

export interface SweepScheduler {
  requestAll(requests: TrainRequest[]): Promise<RequestOutcome>;
}

export interface QueuedSweep {
  outcome: RequestOutcome;
  /** The sweep folder, holding sweep.json; removed again when the user cancelled before anything was queued. */
  sweepDir: string;
  name: string;
  runs: number;
}

/** Throws InputError (naming the file, and the line or sweep field) when the file or its sweep block is wrong. */
export async function queueSweep(experimentFile: string, runsDir: string, scheduler: SweepScheduler, rows: SweepRows): Promise<QueuedSweep> {
  const recorder = createSweep(experimentFile, runsDir);
  rows.add(recorder);
  const { name, runs } = recorder.file;
  const sweep = { sweepDir: recorder.sweepDir, sweepId: recorder.sweepId, name, total: runs.length };
  const requests: TrainRequest[] = sweepJobs(recorder).map((job) => ({
    // A new sweep's jobs are all new runs; a stopped row's job resumes its run folder, as Resume Run does.
    experimentFile: job.experimentFile ?? runPath(job.resumeRunDir, 'experiment'),
    resumeRunDir: job.resumeRunDir,
    sweep: { ...sweep, index: job.index },
  }));
  const outcome = await scheduler.requestAll(requests);
  if (outcome === 'cancelled') {
    // Nothing was queued: leave no sweep behind that looks as if it were waiting to be resumed.
    rows.forget(recorder.sweepDir);
    rmSync(recorder.sweepDir, { recursive: true, force: true });
  }
  return { outcome, sweepDir: recorder.sweepDir, name, runs: requests.length };
}
