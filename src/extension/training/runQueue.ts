// The waiting line of training requests behind the one active run. Pure logic, so it is unit-tested without VS Code.
import { resolve } from 'node:path';

/** Which sweep a run belongs to, so its start and end are recorded in sweep.json and its progress reads "run 2 of 4". */
export interface SweepTag {
  sweepDir: string;
  sweepId: string;
  name: string;
  index: number;
  total: number;
}

/** "Sweep mnist-deep: run 2 of 4", as the status bar and the progress notification say it. */
export function sweepProgressText(tag: SweepTag): string {
  return `Sweep ${tag.name}: run ${tag.index + 1} of ${tag.total}`;
}

export interface RunRequest {
  experimentFile: string;
  /** Set when the request continues an existing run folder. */
  resumeRunDir?: string;
  /** Set when the run is one setting of a sweep. */
  sweep?: SweepTag;
}

/**
 * What a run writes to: a resumed run writes into its own folder, a new run of an experiment into a new folder.
 * Two requests with the same target must never overlap or wait in line twice.
 */
export function runTarget(request: RunRequest): string {
  return request.resumeRunDir ? `resume:${resolve(request.resumeRunDir)}` : `new:${resolve(request.experimentFile)}`;
}

export function sameTarget(a: RunRequest, b: RunRequest): boolean {
  return runTarget(a) === runTarget(b);
}

export class RunQueue<T extends RunRequest> {
  private readonly waiting: T[] = [];

  get size(): number {
    return this.waiting.length;
  }

  get pending(): readonly T[] {
    return this.waiting;
  }

  /** False when a request with the same target already waits. */
  enqueue(request: T): boolean {
    if (this.waiting.some((waiting) => sameTarget(waiting, request))) return false;
    this.waiting.push(request);
    return true;
  }

  /** The next request whose target is not the active run's (those would write into a folder still in use). */
  next(active?: RunRequest): T | undefined {
    const index = this.waiting.findIndex((request) => !active || !sameTarget(request, active));
    return index < 0 ? undefined : this.waiting.splice(index, 1)[0];
  }

  /** Takes the waiting requests that `matches` out of the line (e.g. the rest of a cancelled sweep). */
  remove(matches: (request: T) => boolean): T[] {
    const removed = this.waiting.filter(matches);
    this.waiting.splice(0, this.waiting.length, ...this.waiting.filter((request) => !matches(request)));
    return removed;
  }

  clear(): T[] {
    return this.waiting.splice(0);
  }
}
