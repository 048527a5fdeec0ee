// Run Sweep in a real VS Code: an experiment with a 2×2 grid sweep (builtin:mnist, 200 digits, 1 epoch) is opened,
// its "Run Sweep (4 runs)" code lens is clicked, and the four settings train one after another through the training
// queue: the status bar says "Sweep <name>: run i of 4" meanwhile (screenshot sweep-codelens), and at the end sweep.json
// lists four completed rows whose run folders exist beside it in the runs folder, and a message says the sweep finished.
// Then Stop Training during a sweep: the running setting stays stopped, the rest is cancelled and stays pending.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { sweepFileSchema, type SweepFile } from '../../src/protocol/sweep';
import { installUnpacked } from './harness/extensionFolders';
import { readSummary, waitFor } from './harness/runFiles';
import { openSession, sessionTest, type Session } from './harness/session';

const NAME = 'tiny-sweep';
/** Trains long enough (many epochs) to be stopped in its first run. */
const LONG = 'long-sweep';

function writeSweepExperiment(workspace: string, name: string, epochs: number): void {
  const experiment = {
    name,
    kind: 'deep',
    data: { source: 'builtin:mnist', limit: 200, validationSplit: 0.25 },
    model: { hidden: [16], latentDim: 4 },
    training: { epochs, batchSize: 50, seed: 7 },
    sweep: { grid: { 'model.latentDim': [2, 4], 'training.learningRate': [0.01, 0.001] } },
  };
  mkdirSync(join(workspace, 'experiments'), { recursive: true });
  writeFileSync(join(workspace, 'experiments', `${name}.ae.json`), `${JSON.stringify(experiment, null, 2)}\n`);
}

/** sweep.json of the sweep of experiment `name` in the runs folder, once there is one and it parses. */
function readSweepFile(runsDir: string, name: string): { sweepDir: string; sweep: SweepFile } | undefined {
  if (!existsSync(runsDir)) return undefined;
  const folder = readdirSync(runsDir).find((folder) => folder.startsWith(`${name}-sweep-`) && existsSync(join(runsDir, folder, 'sweep.json')));
  if (!folder) return undefined;
  try {
    return { sweepDir: join(runsDir, folder), sweep: sweepFileSchema.parse(JSON.parse(readFileSync(join(runsDir, folder, 'sweep.json'), 'utf8'))) };
  } catch {
    return undefined;
  }
}

let session: Session | undefined;
beforeAll(async () => {
  session = await openSession({
    install: (extensionsDir) => installUnpacked(extensionsDir),
    prepare: (workspace) => {
      writeSweepExperiment(workspace, NAME, 1);
      writeSweepExperiment(workspace, LONG, 500);
    },
    // The dashboard is not under test here; four runs opening it would only slow the trainers down.
    settings: { 'autoencoderLab.openDashboardOnTrain': false },
  });
}, 400_000);
afterAll(async () => session?.close());

const test = sessionTest(() => session);

describe('Run Sweep (unpacked build)', () => {
  test('the Run Sweep code lens trains the four settings of a 2×2 grid through the queue and sweep.json ends with four completed runs', async ({ workbench, runsDir }) => {
    await workbench.openFile(`${NAME}.ae.json`, 'experiments');
    const lens = workbench.page.locator('.codelens-decoration a', { hasText: 'Run Sweep (4 runs)' });
    await lens.waitFor({ timeout: 30_000 });
    await lens.click();

    // The status bar shows which run of the sweep trains; remember every "run i of 4" seen until the sweep ends.
    const progress = workbench.page.locator('.statusbar-item', { hasText: `Sweep ${NAME}: run` });
    const seen = new Set<string>();
    const failure = workbench.notification(/Autoencoder Lab: (cannot run the sweep|.*failed)/);
    const done = await waitFor('sweep.json to list four completed runs', async () => {
      if (await failure.count()) throw new Error(`Run Sweep failed: ${await failure.textContent()}`);
      const text = await progress.first().textContent({ timeout: 200 }).catch(() => null);
      const run = text && /run (\d) of 4/.exec(text);
      if (run && seen.size === 0) await workbench.screenshot('sweep-codelens'); // the lens and the sweep's progress
      if (run) seen.add(run[1]);
      const found = readSweepFile(runsDir, NAME);
      return found && found.sweep.runs.length === 4 && found.sweep.runs.every((row) => row.status === 'completed') ? found : undefined;
    }, 180_000);

    const { sweep, sweepDir } = done;
    expect(sweep).toMatchObject({ name: NAME, method: 'grid', keys: ['model.latentDim', 'training.learningRate'] });
    expect(sweep.runs.map((row) => row.parameters)).toEqual([
      { 'model.latentDim': 2, 'training.learningRate': 0.01 },
      { 'model.latentDim': 2, 'training.learningRate': 0.001 },
      { 'model.latentDim': 4, 'training.learningRate': 0.01 },
      { 'model.latentDim': 4, 'training.learningRate': 0.001 },
    ]);
    // Four ordinary run folders beside the sweep folder, each completed with its row's setting.
    const runIds = sweep.runs.map((row) => row.runId!);
    expect(new Set(runIds).size).toBe(4);
    for (const [index, runId] of runIds.entries()) {
      const runDir = join(runsDir, runId);
      expect(readSummary(runDir)?.status).toBe('completed');
      const trained = JSON.parse(readFileSync(join(runDir, 'experiment.json'), 'utf8'));
      expect([trained.model.latentDim, trained.training.learningRate]).toEqual(Object.values(sweep.runs[index].parameters));
      expect(sweep.runs[index].best?.val_loss).toBeTypeOf('number');
    }
    expect(existsSync(join(sweepDir, 'experiments', '3.ae.json'))).toBe(true);
    // The status bar said which run of the sweep was training, at least once and only for runs 1 to 4.
    expect(seen.size).toBeGreaterThan(0);
    expect([...seen].every((run) => ['1', '2', '3', '4'].includes(run))).toBe(true);
    await workbench.notification(`sweep ${NAME} finished: 4 completed`).waitFor({ timeout: 10_000 });
  });
});

describe('Stop Training during a sweep (unpacked build)', () => {
  test('stops the running setting (stopped in sweep.json) and, asked, cancels the rest, which stay pending for --resume', async ({ workbench, runsDir }) => {
    await workbench.openFile(`${LONG}.ae.json`, 'experiments');
    await workbench.page.locator('.codelens-decoration a', { hasText: 'Run Sweep (4 runs)' }).click();
    // Training, not just starting: the run folder exists and the first epochs run.
    await workbench.page.locator('.statusbar-item', { hasText: `Sweep ${LONG}: run 1 of 4 · epoch` }).waitFor({ timeout: 60_000 });
    await workbench.runCommand('Autoencoder Lab: Stop Training');
    const dialog = workbench.page.locator('.monaco-dialog-box', { hasText: 'Cancel the 3 run(s) of the sweep that have not started?' });
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.textContent()).toContain('aelab sweep --resume');
    await dialog.locator('.monaco-button', { hasText: 'Cancel Rest of Sweep' }).click();

    const stopped = await waitFor('the first row to be stopped', () => {
      const found = readSweepFile(runsDir, LONG);
      return found?.sweep.runs[0].status === 'stopped' ? found.sweep : undefined;
    }, 60_000);
    expect(stopped.runs.map((row) => row.status)).toEqual(['stopped', 'pending', 'pending', 'pending']);
    expect(readSummary(join(runsDir, stopped.runs[0].runId!))?.status).toBe('stopped');
    await workbench.notification(`cancelled 3 run(s) of sweep ${LONG}`).waitFor({ timeout: 10_000 });
    // Nothing else starts: the status bar item goes away and the rows stay pending.
    await workbench.page.locator('.statusbar-item', { hasText: `Sweep ${LONG}` }).waitFor({ state: 'detached', timeout: 10_000 });
    expect(readSweepFile(runsDir, LONG)?.sweep.runs.slice(1).every((row) => row.status === 'pending' && row.runId === null)).toBe(true);
  });
});
