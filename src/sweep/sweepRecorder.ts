// `<runs>/<sweep-id>/sweep.json`: one row per setting, rewritten atomically on every change so a reader (the CLI's
// --json, the experiments table, VS Code's queue) never sees half a file. A row's results are copied from its run's
// summary.json, metrics.jsonl and evaluation.json when the run ends; the run folders themselves stay ordinary runs.
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { InputError } from '../protocol/errors';
import { sweepFileSchema, type SweepFile, type SweepRun } from '../protocol/sweep';
import type { RunSummary } from '../protocol/trainerMessages';
import { writeFileAtomic } from '../runs/atomicWrite';
import { createRunDir } from '../runs/createRunDir';
import { readEvaluationHeadline } from '../runs/evaluationHeadline';
import { SWEEP_FILE } from '../runs/layout';
import { readMetricsLeniently } from '../runs/metricsFile';
import { readRunJson } from '../runs/readJsonFile';
import { runIsLive } from '../runs/runLiveness';
import { readSummary } from '../runs/summaryFile';
import type { ExpandedSweep } from './expandSweep';

export interface NewSweep {
  runsDir: string;
  /** The experiment's name: the sweep id is `<name>-sweep-<yyyymmdd-hhmmss>`. */
  name: string;
  /** The experiment file (absolute); stored relative to the sweep folder. */
  experimentFile: string;
  expanded: ExpandedSweep;
}

export class SweepRecorder {
  private constructor(
    readonly sweepDir: string,
    private data: SweepFile,
  ) {}

  /** Claims a new sweep folder (never an existing one) and writes sweep.json with every row pending. */
  static create({ runsDir, name, experimentFile, expanded }: NewSweep, now = new Date()): SweepRecorder {
    const { runId: sweepId, runDir: sweepDir } = createRunDir(runsDir, `${name}-sweep`, now);
    const stamp = now.toISOString();
    const recorder = new SweepRecorder(sweepDir, {
      version: 1,
      sweepId,
      name,
      experimentFile: relative(sweepDir, experimentFile).split(sep).join('/'),
      method: expanded.method,
      keys: expanded.keys,
      createdAt: stamp,
      updatedAt: stamp,
      runs: expanded.settings.map(({ index, parameters }) => ({ index, parameters, runId: null, status: 'pending', best: null, final: null, evaluation: null, error: null })),
    });
    recorder.save();
    return recorder;
  }

  /**
   * Reads a sweep folder to continue it (InputError naming sweep.json, the line and the field when it is damaged). A
   * row left running by a sweep that is gone, or whose run folder is gone, becomes stopped: resume resumes or retrains it.
   */
  static load(sweepDir: string): SweepRecorder {
    const data = readRunJson(join(sweepDir, SWEEP_FILE), sweepFileSchema);
    data.runs.forEach((row, i) => {
      if (row.index !== i) throw new InputError(`expected row ${i} to have index ${i}, got ${row.index}`, { file: join(sweepDir, SWEEP_FILE), field: `runs.${i}.index` });
    });
    const recorder = new SweepRecorder(sweepDir, data);
    let changed = false;
    for (const row of data.runs) {
      // Failed rows stay failed (resume does not retry a setting that failed); `aelab resume <run>` retries one by hand.
      if (row.status === 'pending' || row.status === 'completed' || row.status === 'failed') continue;
      const runDir = row.runId === null ? null : recorder.runDir(row.runId);
      if (runDir === null || !existsSync(runDir)) {
        Object.assign(row, { status: 'stopped', runId: null });
        changed = true;
      } else if (row.status === 'running' && !isLive(runDir)) {
        row.status = 'stopped';
        changed = true;
      }
    }
    if (changed) recorder.save();
    return recorder;
  }

  get sweepId(): string {
    return this.data.sweepId;
  }

  /** A copy of sweep.json as it stands. */
  get file(): SweepFile {
    return structuredClone(this.data);
  }

  /** The experiment file the sweep came from, resolved against the sweep folder's current place. */
  get experimentFile(): string {
    return join(this.sweepDir, this.data.experimentFile);
  }

  /** The runs folder: a sweep's runs are ordinary run folders beside its own folder. */
  get runsDir(): string {
    return dirname(this.sweepDir);
  }

  runDir(runId: string): string {
    return join(this.runsDir, runId);
  }

  /** The row's run folder exists now (the trainer sent `opened`). */
  started(index: number, runId: string): void {
    this.update(index, { runId, status: 'running', error: null });
  }

  /** The row's trainer has ended: its status and results come from the run's own files. */
  finished(index: number, runDir: string): void {
    const summary = readSummary(runDir);
    if (!summary) return this.update(index, { runId: basename(runDir), status: 'failed', error: `${join(runDir, 'summary.json')} is missing or damaged` });
    this.update(index, { runId: basename(runDir), ...resultsOf(runDir, summary) });
  }

  /** The row's trainer ended without a run folder (e.g. a bad value only the trainer could check): nothing to resume. */
  failed(index: number, error: string): void {
    this.update(index, { status: 'failed', error });
  }

  /** The row's trainer was stopped before it made a run folder: the row trains from the start next time. */
  notStarted(index: number): void {
    this.update(index, { status: 'pending', runId: null });
  }

  private update(index: number, change: Partial<SweepRun>): void {
    const row = this.data.runs[index];
    if (!row) throw new RangeError(`sweep ${this.data.sweepId} has no row ${index}`);
    Object.assign(row, change);
    this.save();
  }

  private save(): void {
    this.data.updatedAt = new Date().toISOString();
    writeFileAtomic(join(this.sweepDir, SWEEP_FILE), `${JSON.stringify(this.data, null, 2)}\n`);
  }
}

function isLive(runDir: string): boolean {
  const summary = readSummary(runDir);
  return summary !== undefined && runIsLive(summary);
}

/** A row's results: the run's status, its lowest val_loss and that epoch, the last epoch's metrics and its evaluation headline. */
function resultsOf(runDir: string, summary: RunSummary): Pick<SweepRun, 'status' | 'best' | 'final' | 'evaluation' | 'error'> {
  const bestVal = summary.best_val_loss;
  const bestEpoch = bestVal === null ? null : (readMetricsLeniently(runDir).metrics.find((m) => m.val_loss === bestVal)?.epoch ?? null);
  const headline = readEvaluationHeadline(runDir);
  return {
    // A run left "running" by a trainer that is gone is stopped, as on load: resume continues it.
    status: summary.status === 'running' ? 'stopped' : summary.status,
    best: { val_loss: bestVal, epoch: bestEpoch },
    final: summary.final ? finiteOrNull(summary.final) : null,
    evaluation: headline ? finiteOrNull(Object.fromEntries(Object.entries(headline).map(([key, metric]) => [key, metric.value]))) : null,
    error: summary.error?.message ?? null,
  };
}

/** JSON has no NaN or Infinity (an exact reconstruction's PSNR): those become null. */
function finiteOrNull(values: Record<string, number | null | undefined>): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, typeof value === 'number' && Number.isFinite(value) ? value : null]),
  );
}
