// `aelab sweep <file>` and `aelab sweep --resume <sweep-dir>`: trains every setting of an experiment's sweep block, each
// as an ordinary run through the same trainer as `aelab train`, `--parallel` at a time with the cores split between
// them, and keeps <runs>/<sweep-id>/sweep.json up to date. Ctrl+C stops every running trainer after its batch (each
// saves a checkpoint) and starts no more; `--resume` continues the stopped runs and trains the pending ones.
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { InputError } from '../protocol/errors';
import type { BackendName } from '../protocol/experiment';
import { MAX_TRAINING_THREADS, type StartMessage } from '../protocol/trainerMessages';
import type { TrainerProcess } from '../host/trainerProcess';
import { createSweep, resumeSweep, sweepJobs, type SweepJob } from '../sweep/sweepJobs';
import type { SweepRecorder } from '../sweep/sweepRecorder';
import { runPath } from '../runs/layout';
import { EXIT } from './exitCodes';
import { handleStopSignals, type StopSignals } from './stopSignals';
import { createSweepProgress, type SweepProgress } from './sweepProgress';
import { startTrainer, TRAINING_STOP_WORDS } from './train';

export interface SweepOptions {
  /** The experiment file with a sweep block (a new sweep), or */
  file?: string;
  /** a sweep folder to continue. */
  resume?: string;
  runsDir: string;
  parallel: number;
  backend?: BackendName;
  /** Threads per run; default: the cores split between the parallel runs. */
  threads?: number;
  json?: boolean;
}

/** Training threads per run when `parallel` runs share this machine's cores (at least one each). */
export function threadsPerRun(parallel: number, cores = availableParallelism()): number {
  return Math.min(MAX_TRAINING_THREADS, Math.max(1, Math.floor(cores / parallel)));
}

export async function sweepCommand(options: SweepOptions): Promise<number> {
  if (Boolean(options.file) === Boolean(options.resume)) throw new InputError('expected either an experiment file with a sweep block or --resume <sweep-dir>, not both or neither');
  const recorder = options.resume ? resumeSweep(options.resume) : createSweep(options.file!, options.runsDir);
  const jobs = sweepJobs(recorder);
  const threads = options.threads ?? threadsPerRun(options.parallel);
  const parallel = Math.max(1, Math.min(options.parallel, jobs.length));
  const progress = createSweepProgress(recorder.file, { quiet: Boolean(options.json), tty: Boolean(process.stderr.isTTY), toTrain: jobs.length });
  progress.line(describeStart(recorder, jobs, parallel, threads));

  const began = Date.now();
  const sweep = new SweepRun(recorder, progress, { backend: options.backend, threads });
  const signals = handleStopSignals(TRAINING_STOP_WORDS);
  signals.attach(sweep);
  await sweep.run(jobs, parallel, signals);
  signals.dispose();
  progress.finish();

  const { runs } = recorder.file;
  const count = (status: string) => runs.filter((row) => row.status === status).length;
  progress.line(`sweep ${recorder.sweepId}: ${count('completed')} completed, ${count('failed')} failed, ${count('stopped')} stopped, ${count('pending')} pending in ${((Date.now() - began) / 1000).toFixed(1)} s; ${recorder.sweepDir}/sweep.json`);
  if (options.json) process.stdout.write(`${JSON.stringify(recorder.file, null, 2)}\n`);
  const received = signals.received();
  if (received) return EXIT.signalled[received];
  if (sweep.inputFailure) return EXIT.badInput;
  if (count('failed') > 0) return EXIT.failed;
  if (count('stopped') > 0 || count('pending') > 0) return EXIT.stopped;
  return EXIT.ok;
}

function describeStart(recorder: SweepRecorder, jobs: SweepJob[], parallel: number, threads: number): string {
  const { runs, method, keys } = recorder.file;
  const resuming = jobs.filter((job) => job.resumeRunDir).length;
  const what = runs.length === jobs.length && resuming === 0 ? `${runs.length} runs` : `${jobs.length - resuming} to train, ${resuming} to resume, ${runs.length - jobs.length} kept of ${runs.length} runs`;
  return `sweep ${recorder.sweepId}: ${what} (${method} over ${keys.join(', ')}), ${parallel} at a time on ${threads} thread${threads > 1 ? 's' : ''} each\nsweep folder: ${recorder.sweepDir}`;
}

/** The trainers of one sweep invocation; stands for all of them when a stop signal arrives. */
class SweepRun {
  private readonly active = new Set<TrainerProcess>();
  /** A run failed because of the user's files or settings (exit code 2). */
  inputFailure = false;

  constructor(
    private readonly recorder: SweepRecorder,
    private readonly progress: SweepProgress,
    private readonly overrides: { backend?: BackendName; threads: number },
  ) {}

  /** `parallel` workers take jobs in index order until none is left or a stop signal arrives. */
  async run(jobs: SweepJob[], parallel: number, signals: StopSignals): Promise<void> {
    const queue = [...jobs];
    const worker = async () => {
      for (let job = queue.shift(); job && !signals.received(); job = queue.shift()) await this.train(job, signals);
    };
    await Promise.all(Array.from({ length: parallel }, worker));
  }

  stop(): void {
    this.active.forEach((trainer) => trainer.stop());
  }

  kill(): void {
    this.active.forEach((trainer) => trainer.kill());
  }

  private async train(job: SweepJob, signals: StopSignals): Promise<void> {
    let runDir: string | undefined;
    const trainer = startTrainer(this.startMessage(job), (message) => {
      if (message.type === 'opened') {
        runDir = message.runDir;
        this.recorder.started(job.index, basename(message.runDir));
      }
      this.progress.onMessage(job.index, message);
    });
    this.active.add(trainer);
    const exit = await trainer.exited;
    this.active.delete(trainer);
    if (exit.reason === 'input') this.inputFailure = true;
    if (runDir) this.recorder.finished(job.index, runDir);
    // Stopped before it made a run folder: the row stays as it was (pending, or stopped with its run) for --resume.
    else if (signals.received() && exit.exitCode === 0) return;
    else this.recorder.failed(job.index, exit.error ?? 'the trainer ended without starting the run');
    this.progress.finished(this.recorder.file.runs[job.index]);
  }

  private startMessage(job: SweepJob): StartMessage {
    const overrides = { backend: this.overrides.backend, threads: this.overrides.threads };
    const runsDir = this.recorder.runsDir;
    // A stopped run continues as `aelab resume` does: from its own experiment.json and last checkpoint.
    if (job.resumeRunDir !== undefined) return { type: 'start', experimentFile: runPath(job.resumeRunDir, 'experiment'), runsDir, overrides, resumeRunDir: job.resumeRunDir };
    return { type: 'start', experimentFile: job.experimentFile, runsDir, overrides };
  }
}
