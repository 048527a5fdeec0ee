// Writes one run folder: its JSON files and metrics.jsonl atomically (see atomicWrite.ts), and log.txt by appending lines.
import { appendFileSync } from 'node:fs';
import type { EpochMetrics } from '../protocol/trainerMessages';
import { writeFileAtomic } from './atomicWrite';
import { runPath, type RunFile } from './layout';
import { readMetrics } from './metricsFile';

export function writeRunJson(runDir: string, file: 'experiment' | 'summary' | 'data', value: unknown): void {
  writeFileAtomic(runPath(runDir, file), `${JSON.stringify(value, null, 2)}\n`);
}

export class RunFolder {
  private metrics: EpochMetrics[];

  /** Reads the metrics already there (resume), validated: a damaged metrics.jsonl throws an InputError naming its line. */
  constructor(readonly runDir: string) {
    this.metrics = readMetrics(runDir);
  }

  path(file: RunFile): string {
    return runPath(this.runDir, file);
  }

  writeJson(file: 'experiment' | 'summary' | 'data', value: unknown): void {
    writeRunJson(this.runDir, file, value);
  }

  /** The whole file is rewritten atomically each epoch: it is small, and a reader never sees half a line. */
  appendMetrics(metrics: EpochMetrics): void {
    this.metrics.push(metrics);
    this.writeMetrics();
  }

  /** Drops metrics after `epoch`, used when resuming from an earlier checkpoint. */
  truncateMetrics(epoch: number): void {
    this.metrics = this.metrics.filter((m) => m.epoch <= epoch);
    this.writeMetrics();
  }

  log(line: string): void {
    appendFileSync(this.path('log'), `${new Date().toISOString()} ${line}\n`);
  }

  private writeMetrics(): void {
    writeFileAtomic(this.path('metrics'), this.metrics.map((m) => `${JSON.stringify(m)}\n`).join(''));
  }
}
