// The on-disk layout of one run: <runsDir>/<run-id>/{experiment.json, metrics.jsonl, summary.json, log.txt, model/}.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EpochMetrics, RunSummary } from '../../protocol/trainerMessages';
import { experimentSchema, type Experiment } from '../../protocol/experiment';
import { writeFileAtomic } from './atomicWrite';

export const RUN_FILES = {
  experiment: 'experiment.json',
  metrics: 'metrics.jsonl',
  summary: 'summary.json',
  log: 'log.txt',
  model: 'model',
  encoder: 'encoder',
  decoder: 'decoder',
  checkpoint: 'checkpoint',
} as const;

export function writeRunJson(runDir: string, file: 'experiment' | 'summary', value: unknown): void {
  writeFileAtomic(join(runDir, RUN_FILES[file]), `${JSON.stringify(value, null, 2)}\n`);
}

export function createRunDir(runsDir: string, name: string, now = new Date()): { runId: string; runDir: string } {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const safeName = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '').slice(0, 60) || 'run';
  mkdirSync(runsDir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    const runId = attempt === 0 ? `${safeName}-${stamp}` : `${safeName}-${stamp}-${attempt}`;
    const runDir = join(runsDir, runId);
    // mkdir itself is the claim: another process may take the same id between a check and a create.
    try {
      mkdirSync(runDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    return { runId, runDir };
  }
}

export class RunFolder {
  private metricsLines: string[] = [];

  constructor(readonly runDir: string) {
    const existing = join(runDir, RUN_FILES.metrics);
    if (existsSync(existing)) this.metricsLines = readFileSync(existing, 'utf8').split('\n').filter(Boolean);
  }

  path(file: keyof typeof RUN_FILES): string {
    return join(this.runDir, RUN_FILES[file]);
  }

  writeJson(file: 'experiment' | 'summary', value: unknown): void {
    writeRunJson(this.runDir, file, value);
  }

  /** The whole file is rewritten atomically each epoch: it is small, and a reader never sees half a line. */
  appendMetrics(metrics: EpochMetrics): void {
    this.metricsLines.push(JSON.stringify(metrics));
    writeFileAtomic(this.path('metrics'), `${this.metricsLines.join('\n')}\n`);
  }

  /** Drops metrics after `epoch`, used when resuming from an earlier checkpoint. */
  truncateMetrics(epoch: number): void {
    this.metricsLines = this.metricsLines.filter((line) => (JSON.parse(line) as EpochMetrics).epoch <= epoch);
    writeFileAtomic(this.path('metrics'), this.metricsLines.length ? `${this.metricsLines.join('\n')}\n` : '');
  }

  log(line: string): void {
    appendFileSync(this.path('log'), `${new Date().toISOString()} ${line}\n`);
  }
}

/** The resolved experiment a run was started with, and the file it came from. */
export function readRunExperiment(runDir: string): { experiment: Experiment; experimentFile: string } {
  const { resolved, ...saved } = JSON.parse(readFileSync(join(runDir, RUN_FILES.experiment), 'utf8')) as Record<string, unknown> & { resolved?: { experimentFile?: string } };
  return { experiment: experimentSchema.parse(saved), experimentFile: resolved?.experimentFile ?? join(runDir, RUN_FILES.experiment) };
}

export function readSummary(runDir: string): RunSummary | undefined {
  try {
    return JSON.parse(readFileSync(join(runDir, RUN_FILES.summary), 'utf8')) as RunSummary;
  } catch {
    return undefined;
  }
}
