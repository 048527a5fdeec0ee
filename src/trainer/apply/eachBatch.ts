// Drives one apply job: reads the input batch by batch, runs the run's models on it and reports progress, so each job
// only says what to do with one batch's codes, reconstructions and errors. Nothing but the current batch is held.
import type { ApplyInput, InputBatch } from './inputTypes';
import type { LoadedRun } from './loadRun';
import { runBatch } from './runModels';

/** Samples per batch: small enough that a batch of large images stays small, large enough to keep tfjs busy. */
export const APPLY_BATCH = 256;

export type Progress = (done: number, total: number | null) => void;

/** What a job reports to, and asks whether the host wants it stopped (checked between batches). */
export interface JobControl {
  progress: Progress;
  shouldStop: () => boolean;
}

/** A job stopped between batches at the host's request, after `done` samples. */
export class ApplyStopped extends Error {
  constructor(readonly done: number) {
    super(`stopped after ${done} samples`);
  }
}

export interface BatchResult {
  codes: Float32Array;
  reconstructions: Float32Array;
  errors: Float32Array;
}

export async function eachBatch(run: LoadedRun, input: ApplyInput, { progress, shouldStop }: JobControl, use: (batch: InputBatch, result: BatchResult, start: number) => void): Promise<number> {
  let done = 0;
  progress(0, input.total);
  for (const batch of input.batches(APPLY_BATCH)) {
    if (shouldStop()) throw new ApplyStopped(done);
    use(batch, runBatch(run.models, batch.x, [batch.count, ...run.sampleShape], run.loss), done);
    done += batch.count;
    progress(done, input.total);
    // Lets the process receive a stop (or notice its host is gone) between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return done;
}
