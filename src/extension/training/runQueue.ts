// The waiting line of training requests behind the one active run. Pure logic, so it is unit-tested without VS Code.
import { resolve } from 'node:path';

export interface RunRequest {
  experimentFile: string;
  /** Set when the request continues an existing run folder. */
  resumeRunDir?: string;
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

  clear(): T[] {
    return this.waiting.splice(0);
  }
}
