// Own data and run control in a real VS Code: Train on Folder from the explorer's context menu, Export Embeddings
// through the save dialog, Stop from the command palette, and Resume Run continuing the same run folder.
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { writeSmallExperiment } from './harness/experiments';
import { installUnpacked } from './harness/extensionFolders';
import { FIXTURES } from './harness/paths';
import { readSummary, runIds, waitFor, waitForNewRun, waitForStatus } from './harness/runFiles';
import { openSession, sessionTest, type Session } from './harness/session';

let session: Session | undefined;
beforeAll(async () => {
  session = await openSession({
    install: (extensionsDir) => installUnpacked(extensionsDir),
    prepare: (workspace) => {
      cpSync(join(FIXTURES, 'images-small'), join(workspace, 'images-small'), { recursive: true });
      writeSmallExperiment(workspace, 'long', { epochs: 40, limit: 3000 });
    },
  });
});
afterAll(async () => session?.close());

const test = sessionTest(() => session);
const metricLines = (runDir: string) => readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').split('\n').filter(Boolean).length;
const safeMetricLines = (runDir: string) => {
  try {
    return metricLines(runDir);
  } catch {
    return 0;
  }
};

let folderRunDir = '';
let longRunDir = '';

describe('data and run control (unpacked build)', () => {
  test('right-click Train on Folder on a folder of images writes an experiment and starts a run', async ({ workbench, workspace, runsDir }) => {
    await workbench.explorerContextMenu('images-small', 'Train on Folder');
    await workbench.pick('conv', 'default for images'); // the default kind for images comes first
    folderRunDir = await waitForNewRun(runsDir, [], 60_000);
    const experiment = JSON.parse(readFileSync(join(workspace, 'experiments', 'images-small-conv.ae.json'), 'utf8'));
    expect(experiment).toMatchObject({ kind: 'conv', data: { source: '../images-small' } });
    expect(readSummary(folderRunDir)).toMatchObject({ kind: 'conv', name: 'images-small-conv' });
    const summary = await waitForStatus(folderRunDir, ['completed', 'failed', 'stopped'], 240_000);
    expect(summary.status, JSON.stringify(summary.error)).toBe('completed');
  });

  test('Export Embeddings writes a CSV with one row per sample to the path typed in the save dialog', async ({ workbench, workspace }) => {
    const target = join(workspace, 'images-embeddings.csv');
    await workbench.runCommandAndPick('Autoencoder Lab: Export Embeddings', 'images-small-conv');
    await workbench.typePath(target);
    const csv = await waitFor('the embeddings CSV', () => {
      try {
        return readFileSync(target, 'utf8');
      } catch {
        return undefined;
      }
    }, 120_000);
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toMatch(/^source,label,z0,z1,/);
    expect(rows).toHaveLength(24); // 12 circles + 12 squares
    expect(rows.map((row) => row.split(',')[1]).sort()).toEqual([...Array(12).fill('circle'), ...Array(12).fill('square')]);
    expect(new Set(rows.map((row) => row.split(',').length))).toEqual(new Set([header.split(',').length]));
    await workbench.notification(/wrote 24 embeddings/).waitFor({ timeout: 30_000 });
  });

  test('Stop ends a run started from the CodeLens with status "stopped", and the status bar showed its progress', async ({ workbench, runsDir }) => {
    await workbench.openFile('long.ae.json', 'experiments');
    const before = runIds(runsDir);
    await workbench.page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Train' }).click();
    longRunDir = await waitForNewRun(runsDir, before, 60_000);
    // Our own item, by id: the window's progress item shows the same epoch text.
    const trainingItem = workbench.page.locator('.statusbar-item[id$="autoencoderLab.training"]');
    await trainingItem.filter({ hasText: /epoch \d+\/40 · loss \d\.\d{4}/ }).waitFor({ timeout: 60_000 });
    await waitFor('the first epoch', () => safeMetricLines(longRunDir) >= 1, 120_000);
    await workbench.runCommand('Autoencoder Lab: Stop Training');
    const summary = await waitForStatus(longRunDir, ['stopped', 'completed', 'failed'], 60_000);
    expect(summary.status).toBe('stopped');
    expect(summary.epochs).toBeGreaterThanOrEqual(1);
    expect(summary.epochs).toBeLessThan(40);
    await trainingItem.filter({ hasText: /epoch \d+\/40/ }).waitFor({ state: 'detached', timeout: 30_000 });
  });

  test('Resume Run continues the stopped run in its own folder from its checkpoint', async ({ workbench, runsDir }) => {
    const stoppedAt = readSummary(longRunDir)!.epochs;
    const before = runIds(runsDir);
    await workbench.runCommandAndPick('Autoencoder Lab: Resume Run', 'long', longRunDir.split('/').pop());
    await waitForStatus(longRunDir, ['running'], 60_000);
    await waitFor('an epoch after the checkpoint', () => safeMetricLines(longRunDir) > stoppedAt, 120_000);
    await workbench.runCommand('Autoencoder Lab: Stop Training');
    const summary = await waitForStatus(longRunDir, ['stopped', 'completed', 'failed'], 60_000);
    expect(summary.status).toBe('stopped');
    expect(summary.epochs).toBeGreaterThan(stoppedAt);
    expect(runIds(runsDir)).toEqual(before); // no new run folder
    const epochs = readFileSync(join(longRunDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line).epoch);
    expect(epochs).toEqual(epochs.map((_: number, i: number) => i + 1)); // 1, 2, 3... with no gap or repeat
  });

  test('Export Model copies the run\'s model folder into the folder picked in the open dialog', async ({ workbench, workspace }) => {
    const runId = folderRunDir.split('/').pop()!;
    await workbench.runCommandAndPick('Autoencoder Lab: Export Model', 'images-small-conv', runId);
    await workbench.typePath(`${workspace}/`);
    const exported = join(workspace, `${runId}-model`);
    await waitFor('the exported model', () => existsSync(join(exported, 'model.json')), 30_000);
    expect(readdirSync(exported).sort()).toEqual(readdirSync(join(folderRunDir, 'model')).sort());
    expect(JSON.parse(readFileSync(join(exported, 'model.json'), 'utf8'))).toHaveProperty('modelTopology');
  });

  test('Export as Keras Script writes a Python training script to the typed path and opens it', async ({ workbench, workspace }) => {
    const target = join(workspace, 'images_small_conv.py');
    await workbench.runCommandAndPick('Autoencoder Lab: Export as Keras Script', 'images-small-conv', folderRunDir.split('/').pop());
    await workbench.typePath(target);
    await workbench.page.locator('.tab.active', { hasText: 'images_small_conv.py' }).waitFor({ timeout: 30_000 });
    const script = readFileSync(target, 'utf8');
    expect(script).toContain('import keras');
    expect(script).toContain('KIND = "conv"');
  });

  test('Delete Run removes only that run folder, after a modal confirmation', async ({ workbench, runsDir }) => {
    const runId = folderRunDir.split('/').pop()!;
    const others = runIds(runsDir).filter((id) => id !== runId);
    await workbench.runCommandAndPick('Autoencoder Lab: Delete Run', 'images-small-conv', runId);
    const dialog = workbench.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`Delete run ${runId}?`);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await waitFor('the run folder to be gone', () => !existsSync(folderRunDir), 30_000);
    expect(runIds(runsDir)).toEqual(others);
  });
});
