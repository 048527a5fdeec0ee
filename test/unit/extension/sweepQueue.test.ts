// Run Sweep's queueing: a 2×2 grid becomes four ordinary trainings for the scheduler, each from its setting's experiment
// file in the sweep folder and tagged with the sweep; as the controller's runs open and end, sweep.json's rows follow.
// A stopped run stays stopped and the cancelled rest stays pending; a sweep the user cancels leaves no folder behind.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import type { TrainerExit } from '../../../src/host/trainerProcess';
import { sweepFileSchema } from '../../../src/protocol/sweep';
import type { RunSummary, TrainerToHost } from '../../../src/protocol/trainerMessages';
import { createRunDir } from '../../../src/runs/createRunDir';
import { SWEEP_FILE } from '../../../src/runs/layout';
import { settingFile } from '../../../src/sweep/settingFiles';
import type { SweepTag } from '../../../src/extension/training/runQueue';
import type { RequestOutcome, TrainRequest } from '../../../src/extension/training/runScheduler';
import { queueSweep } from '../../../src/extension/training/sweepQueue';
import { recordSweepRuns, SweepRows } from '../../../src/extension/training/sweepRows';
import { tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';
import { FIXTURE_RUNS, fixtureRunId } from '../../webview/harness/fixtures';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

class FakeScheduler {
  readonly requests: TrainRequest[] = [];
  constructor(private readonly outcome: RequestOutcome = 'started') {}
  async requestAll(requests: TrainRequest[]): Promise<RequestOutcome> {
    if (this.outcome !== 'cancelled') this.requests.push(...requests);
    return this.outcome;
  }
}

/** The controller's two events, fired by hand the way a trainer's run would fire them. */
class FakeController {
  private readonly events = new EventEmitter();
  readonly warnings: string[] = [];
  readonly ended: { sweep: string; counts: object }[] = [];
  onDidReceiveMessage = (listener: (event: { run: { sweep?: SweepTag }; message: TrainerToHost }) => void) => this.subscribe('message', listener);
  onDidEndRun = (listener: (event: { run: { sweep?: SweepTag; runDir?: string }; exit: TrainerExit }) => void) => this.subscribe('end', listener);
  private subscribe<T>(name: string, listener: (event: T) => void) {
    this.events.on(name, listener);
    return { dispose: () => this.events.off(name, listener) };
  }
  /** Opens a run folder like the trainer does (the recorded deep-mnist run, with `status`) and ends it. */
  train(runsDir: string, sweep: SweepTag, status: RunSummary['status']): string {
    const { runId, runDir } = createRunDir(runsDir, `tiny-s${sweep.index}`);
    const run = { sweep, runDir };
    this.events.emit('message', { run, message: { type: 'opened', runId, runDir } });
    cpSync(join(FIXTURE_RUNS, fixtureRunId('deep-mnist')), runDir, { recursive: true });
    const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as RunSummary;
    writeFileSync(join(runDir, 'summary.json'), JSON.stringify({ ...summary, runId, status }));
    this.events.emit('end', { run, exit: { summary: null, error: null, exitCode: 0, signal: null } });
    return runId;
  }
}

function sweepWorkspace() {
  const workspace = tempWorkspace('aelab-sweep-queue-');
  temps.push(workspace);
  const experimentFile = writeExperiment(join(workspace, 'experiments'), {
    name: 'tiny',
    kind: 'deep',
    data: { source: 'builtin:mnist', limit: 200 },
    model: { hidden: [16], latentDim: 4 },
    training: { epochs: 1 },
    sweep: { grid: { 'model.latentDim': [2, 4], 'training.learningRate': [0.01, 0.001] } },
  } as never);
  return { experimentFile, runsDir: join(workspace, '.aelab', 'runs') };
}

const readSweep = (sweepDir: string) => sweepFileSchema.parse(JSON.parse(readFileSync(join(sweepDir, SWEEP_FILE), 'utf8')));

describe('queueSweep', () => {
  it('hands the scheduler one training per setting of a 2×2 grid, from the setting files; sweep.json follows the runs and the sweep ends with the last', async () => {
    const { experimentFile, runsDir } = sweepWorkspace();
    const scheduler = new FakeScheduler();
    const rows = new SweepRows();
    const controller = new FakeController();
    recordSweepRuns(controller, rows, { warn: (problem) => controller.warnings.push(problem), sweepEnded: (tag, counts) => controller.ended.push({ sweep: tag.sweepId, counts }) });

    const queued = await queueSweep(experimentFile, runsDir, scheduler, rows);
    expect(queued).toMatchObject({ outcome: 'started', name: 'tiny', runs: 4 });
    expect(scheduler.requests.map((r) => r.experimentFile)).toEqual([0, 1, 2, 3].map((i) => settingFile(queued.sweepDir, i)));
    expect(scheduler.requests.map((r) => r.sweep)).toEqual([0, 1, 2, 3].map((index) => ({ sweepDir: queued.sweepDir, sweepId: readSweep(queued.sweepDir).sweepId, name: 'tiny', index, total: 4 })));
    const settings = scheduler.requests.map((r) => JSON.parse(readFileSync(r.experimentFile, 'utf8')));
    expect(settings.map((s) => [s.name, s.model.latentDim, s.training.learningRate, 'sweep' in s])).toEqual([
      ['tiny-s0', 2, 0.01, false],
      ['tiny-s1', 2, 0.001, false],
      ['tiny-s2', 4, 0.01, false],
      ['tiny-s3', 4, 0.001, false],
    ]);
    expect(readSweep(queued.sweepDir).runs.map((row) => row.status)).toEqual(['pending', 'pending', 'pending', 'pending']);

    const runIds = scheduler.requests.map((r, i) => {
      expect(controller.ended).toEqual([]); // the sweep ends with its last run
      return controller.train(runsDir, r.sweep!, i === 3 ? 'failed' : 'completed');
    });
    expect(controller.ended).toEqual([{ sweep: scheduler.requests[0].sweep!.sweepId, counts: { completed: 3, failed: 1 } }]);
    const sweep = readSweep(queued.sweepDir);
    expect(sweep.runs.map((row) => [row.index, row.runId, row.status])).toEqual(runIds.map((runId, index) => [index, runId, index === 3 ? 'failed' : 'completed']));
    // Each row's parameters are the values its run's experiment file was trained with.
    expect(sweep.runs.map((row) => row.parameters)).toEqual(settings.map((s) => ({ 'model.latentDim': s.model.latentDim, 'training.learningRate': s.training.learningRate })));
    expect(sweep.runs[0].best?.val_loss).toBeTypeOf('number');
    expect(controller.warnings).toEqual([]);
  });

  it('a stopped run stays stopped and the runs cancelled after it stay pending, for aelab sweep --resume', async () => {
    const { experimentFile, runsDir } = sweepWorkspace();
    const scheduler = new FakeScheduler();
    const rows = new SweepRows();
    const controller = new FakeController();
    recordSweepRuns(controller, rows, { warn: (problem) => controller.warnings.push(problem), sweepEnded: (tag, counts) => controller.ended.push({ sweep: tag.sweepId, counts }) });
    const queued = await queueSweep(experimentFile, runsDir, scheduler, rows);
    const first = controller.train(runsDir, scheduler.requests[0].sweep!, 'completed');
    const second = controller.train(runsDir, scheduler.requests[1].sweep!, 'stopped');
    expect(readSweep(queued.sweepDir).runs.map((row) => [row.runId, row.status])).toEqual([
      [first, 'completed'],
      [second, 'stopped'],
      [null, 'pending'],
      [null, 'pending'],
    ]);
    expect(controller.ended).toEqual([]); // pending rows: the sweep has not ended, aelab sweep --resume finishes it
  });

  it('a run of the sweep whose trainer failed before it made a run folder fails its row with the error', async () => {
    const { experimentFile, runsDir } = sweepWorkspace();
    const scheduler = new FakeScheduler();
    const rows = new SweepRows();
    const controller = new FakeController();
    recordSweepRuns(controller, rows, { warn: () => {} });
    const queued = await queueSweep(experimentFile, runsDir, scheduler, rows);
    (controller as unknown as { events: EventEmitter }).events.emit('end', { run: { sweep: scheduler.requests[0].sweep }, exit: { summary: null, error: 'no such data', exitCode: 2, signal: null } });
    expect(readSweep(queued.sweepDir).runs[0]).toMatchObject({ status: 'failed', error: 'no such data', runId: null });
  });

  it('leaves no sweep folder when the user cancels, and names the sweep key of a value that does not fit', async () => {
    const { experimentFile, runsDir } = sweepWorkspace();
    const cancelled = await queueSweep(experimentFile, runsDir, new FakeScheduler('cancelled'), new SweepRows());
    expect(cancelled.outcome).toBe('cancelled');
    expect(existsSync(cancelled.sweepDir)).toBe(false);

    const bad = JSON.parse(readFileSync(experimentFile, 'utf8'));
    bad.sweep.grid['model.latentDim'] = [2, -1];
    writeFileSync(experimentFile, JSON.stringify(bad));
    const scheduler = new FakeScheduler();
    const error = await queueSweep(experimentFile, runsDir, scheduler, new SweepRows()).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^[^:]+tiny\.ae\.json:\d+:\d+: field "sweep\.grid\.model\.latentDim": -1 does not fit/);
    expect(scheduler.requests).toEqual([]);
  });
});
