// A sweep in the one-run-at-a-time scheduler: its runs start one after another in index order behind one question;
// Stop Training on a run of a sweep holds the queue while it asks whether to cancel the rest, and cancelling takes only
// that sweep's runs out of the queue. vscode is a stand-in; the controller is a fake whose runs end when told.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SweepTag, RunRequest } from '../../../src/extension/training/runQueue';

const answers: (string | undefined)[] = [];
const warnings: string[] = [];
const infos: string[] = [];
let pendingAnswer: ((choice: string | undefined) => void) | undefined;
const settings: Record<string, unknown> = {};

vi.mock('vscode', () => {
  class EventEmitter<T> {
    private listeners: ((value: T) => void)[] = [];
    event = (listener: (value: T) => void) => {
      this.listeners.push(listener);
      return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
    };
    fire(value: T) {
      this.listeners.forEach((l) => l(value));
    }
    dispose() {}
  }
  return {
    EventEmitter,
    workspace: { isTrusted: true, workspaceFolders: [{ uri: { fsPath: '/w' } }], getConfiguration: () => ({ get: (key: string, fallback: unknown) => settings[key] ?? fallback }) },
    window: {
      showErrorMessage: async () => undefined,
      showInformationMessage: async (message: string) => (infos.push(message), undefined),
      // A queued answer is given at once; without one the question stays open until the test answers it.
      showWarningMessage: (message: string) => {
        warnings.push(message);
        if (answers.length > 0) return Promise.resolve(answers.shift());
        return new Promise((resolve) => (pendingAnswer = resolve));
      },
    },
  };
});
const vscode = await import('vscode');
const { RunScheduler } = await import('../../../src/extension/training/runScheduler');
const { stopTraining } = await import('../../../src/extension/commands/stopTraining');

type Run = RunRequest & { runId?: string };

class FakeController {
  activeRun: Run | undefined;
  readonly started: Run[] = [];
  stops = 0;
  private readonly ended = new vscode.EventEmitter<{ run: Run }>();
  readonly onDidEndRun = this.ended.event;
  readonly onDidStartRun = new vscode.EventEmitter<Run>().event;
  start(options: Run) {
    this.activeRun = { ...options };
    this.started.push(this.activeRun);
  }
  stop() {
    if (!this.activeRun) return false;
    this.stops++;
    return true;
  }
  /** The active run's trainer exits; the scheduler starts the next one on the next tick. */
  async finish() {
    const run = this.activeRun!;
    this.activeRun = undefined;
    this.ended.fire({ run });
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const tag = (index: number): SweepTag => ({ sweepDir: '/w/.aelab/runs/tiny-sweep-1', sweepId: 'tiny-sweep-1', name: 'tiny', index, total: 4 });
const sweepRequests = () => [0, 1, 2, 3].map((index) => ({ experimentFile: `/w/.aelab/runs/tiny-sweep-1/experiments/${index}.ae.json`, sweep: tag(index) }));

function setUp() {
  const controller = new FakeController();
  const scheduler = new RunScheduler(controller as never);
  const services = { controller, scheduler } as never;
  return { controller, scheduler, services };
}

beforeEach(() => {
  answers.length = 0;
  warnings.length = 0;
  infos.length = 0;
  pendingAnswer = undefined;
  delete settings.whenBusy;
});

describe('a sweep in the scheduler', () => {
  it('starts its first run and queues the others, which start one after another in index order', async () => {
    const { controller, scheduler } = setUp();
    expect(await scheduler.requestAll(sweepRequests())).toBe('started');
    expect(scheduler.queued).toBe(3);
    for (let i = 0; i < 3; i++) await controller.finish();
    expect(controller.started.map((run) => run.sweep?.index)).toEqual([0, 1, 2, 3]);
    expect(controller.started.map((run) => run.experimentFile)).toEqual(sweepRequests().map((r) => r.experimentFile));
    expect(scheduler.queued).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('asks once while another run trains, and queues all of its runs behind it', async () => {
    const { controller, scheduler } = setUp();
    await scheduler.request({ experimentFile: '/w/other.ae.json' });
    answers.push('Queue It');
    expect(await scheduler.requestAll(sweepRequests())).toBe('queued');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Queue the 4 runs of sweep tiny to start after it');
    expect(scheduler.queuedRequests.map((r) => r.sweep?.index)).toEqual([0, 1, 2, 3]);
    expect(infos.at(-1)).toBe('Autoencoder Lab: queued sweep tiny (4 runs) (4 waiting).');
    await controller.finish();
    expect(controller.activeRun?.sweep?.index).toBe(0);
  });
});

describe('Stop Training on a run of a sweep', () => {
  it('holds the queue while it asks; "Cancel Rest of Sweep" takes only that sweep\'s runs out of the queue', async () => {
    const { controller, scheduler, services } = setUp();
    await scheduler.requestAll(sweepRequests());
    settings.whenBusy = 'queue';
    await scheduler.request({ experimentFile: '/w/other.ae.json' });
    expect(scheduler.queued).toBe(4);

    const stopping = stopTraining(services);
    expect(controller.stops).toBe(1);
    expect(warnings[0]).toContain('run 1 of sweep tiny stops (it stays "stopped" in sweep.json)');
    expect(warnings[0]).toContain('Cancel the 3 run(s) of the sweep that have not started? They stay "pending", so `aelab sweep --resume /w/.aelab/runs/tiny-sweep-1` can finish the sweep later.');
    await controller.finish(); // the stopped run ends while the question is open: nothing starts
    expect(controller.activeRun).toBeUndefined();
    pendingAnswer!('Cancel Rest of Sweep');
    await stopping;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(scheduler.queuedRequests).toEqual([]);
    expect(controller.started.map((run) => run.experimentFile)).toEqual([sweepRequests()[0].experimentFile, '/w/other.ae.json']);
    expect(infos.at(-1)).toContain('cancelled 3 run(s) of sweep tiny; `aelab sweep --resume /w/.aelab/runs/tiny-sweep-1` finishes them.');
  });

  it('"Continue Sweep" (or closing the question) lets the next run of the sweep start once the stopped one has ended', async () => {
    const { controller, scheduler, services } = setUp();
    await scheduler.requestAll(sweepRequests());
    const stopping = stopTraining(services);
    await controller.finish();
    expect(controller.activeRun).toBeUndefined();
    pendingAnswer!(undefined);
    await stopping;
    expect(controller.activeRun?.sweep?.index).toBe(1);
    expect(scheduler.queued).toBe(2);
  });
});
