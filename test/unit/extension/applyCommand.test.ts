// Apply Autoencoder… end to end on the host side: the built extension runs against a stand-in 'vscode' module, and
// the trainer it starts is a stand-in script that speaks the apply protocol (test/fixtures/apply/standInTrainer.mjs).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src/protocol/trainerMessages';
import type { DataJson } from '../../../src/runs/dataFile';
import { activateBuiltExtension } from '../../helpers/activateBuiltExtension';
import { tempWorkspace } from '../../helpers/experimentFiles';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const GRAY_PNG = join(FIXTURES, 'images-small', 'circle', '00.png');

interface QuickPickItem {
  label: string;
  description?: string;
  detail?: string;
}
interface Recorded {
  picks: { title: string; items: QuickPickItem[] }[];
  infos: string[];
  errors: string[];
  progress: { increment?: number; message?: string }[];
  panels: { title: string; webview: { html: string; cspSource: string } }[];
  opened: string[];
  executed: unknown[][];
  saveDialogs: string[];
}

function writeRun(runsDir: string, runId: string, kind: string, input: DataJson['input'], status: RunSummary['status'] = 'completed'): void {
  const dir = join(runsDir, runId);
  mkdirSync(dir, { recursive: true });
  const summary: RunSummary = {
    runId, name: `${runId}-name`, kind, status, backend: 'cpu', epochs: 1, epochsPlanned: 1, final: null, best_val_loss: 0.0123,
    parameterCount: 10, trainSamples: 10, validationSamples: 2, droppedSamples: { count: 0, reasons: {} },
    startedAt: '2026-11-30T10:00:00.000Z', endedAt: '2026-11-30T10:01:00.000Z', error: null,
  };
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
  const data: DataJson = { sampleShape: [28, 28, 1], normalization: { kind: 'scale', divisor: 255 }, labelNames: null, input, threshold: { method: 'percentile', percentile: 99, value: 0.25, metric: 'bce', samples: 10 } };
  writeFileSync(join(dir, 'data.json'), JSON.stringify(data));
}

const grayImages: DataJson['input'] = { kind: 'images', height: 28, width: 28, channels: 1, resize: 'bilinear' };

/**
 * Activates the built extension "installed" in a temp folder whose dist/trainer.js is the stand-in, in `workspace`.
 * `answer` picks a quick pick item by its label (undefined backs out); `onProgress` can cancel through the token.
 */
function activateApply(options: { workspace: string; mode: 'ok' | 'inputError' | 'hang' | 'refuse'; openDialog?: string; answer: (title: string, labels: string[]) => string | undefined; saveAs?: (defaultPath: string) => string | undefined; onStarted?: (cancel: () => void, dist: string) => void }) {
  const extensionPath = tempWorkspace('aelab-ext-');
  const dist = join(extensionPath, 'dist');
  mkdirSync(dist);
  copyFileSync(join(FIXTURES, 'apply', 'standInTrainer.mjs'), join(dist, 'trainer.js'));
  writeFileSync(join(dist, 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(join(dist, 'stand-in.json'), JSON.stringify({ mode: options.mode }));
  const recorded: Recorded = { picks: [], infos: [], errors: [], progress: [], panels: [], opened: [], executed: [], saveDialogs: [] };
  const handlers = new Map<string, (...args: unknown[]) => Promise<void>>();
  const uri = (fsPath: string) => ({ fsPath, path: fsPath, scheme: 'file', toString: () => `file://${fsPath}` });
  activateBuiltExtension((stub) => {
    const overrides = (target: unknown, own: Record<string, unknown>) => new Proxy(target as object, { get: (t, k) => (typeof k === 'string' && k in own ? own[k] : (t as Record<string | symbol, unknown>)[k]) });
    stub.commands = overrides(stub.commands, {
      registerCommand: (id: string, run: (...args: unknown[]) => Promise<void>) => {
        handlers.set(id, run);
        return { dispose: () => {} };
      },
      executeCommand: async (...args: unknown[]) => void recorded.executed.push(args),
    });
    stub.workspace = overrides(stub.workspace, {
      workspaceFolders: [{ uri: uri(options.workspace), name: 'ws', index: 0 }],
      isTrusted: true,
      asRelativePath: (p: string | { fsPath: string }) => relative(options.workspace, typeof p === 'string' ? p : p.fsPath),
    });
    stub.window = overrides(stub.window, {
      showQuickPick: async (items: QuickPickItem[], pickOptions: { title: string }) => {
        recorded.picks.push({ title: pickOptions.title, items });
        const label = options.answer(pickOptions.title, items.map((i) => i.label));
        return items.find((i) => i.label === label);
      },
      showOpenDialog: async () => (options.openDialog ? [uri(options.openDialog)] : undefined),
      showSaveDialog: async ({ defaultUri }: { defaultUri: { fsPath: string } }) => {
        recorded.saveDialogs.push(defaultUri.fsPath);
        const chosen = options.saveAs ? options.saveAs(defaultUri.fsPath) : defaultUri.fsPath;
        return chosen === undefined ? undefined : uri(chosen);
      },
      withProgress: async (_o: unknown, task: (progress: unknown, token: unknown) => Promise<unknown>) => {
        const listeners: (() => void)[] = [];
        const token = { isCancellationRequested: false, onCancellationRequested: (l: () => void) => listeners.push(l) };
        const cancel = () => listeners.forEach((l) => l());
        const result = task({ report: (step: { increment?: number; message?: string }) => recorded.progress.push(step) }, token);
        options.onStarted?.(cancel, dist);
        return result;
      },
      showInformationMessage: async (message: string) => void recorded.infos.push(message),
      showErrorMessage: async (message: string) => void recorded.errors.push(message),
      showTextDocument: async (target: { fsPath: string }) => void recorded.opened.push(target.fsPath),
      createWebviewPanel: (_type: string, title: string) => {
        const panel = { title, webview: { html: '', cspSource: 'https://webview.test' }, onDidDispose: () => ({ dispose: () => {} }), dispose: () => {} };
        recorded.panels.push(panel);
        return panel;
      },
    });
  }, extensionPath);
  const run = handlers.get('autoencoderLab.applyAutoencoder');
  if (!run) throw new Error('applyAutoencoder is not registered');
  return { recorded, dist, apply: (target?: string) => run(target === undefined ? undefined : uri(target)) };
}

function workspaceWithRuns(): { workspace: string; runsDir: string } {
  const workspace = tempWorkspace('aelab-apply-');
  const runsDir = join(workspace, '.aelab', 'runs');
  writeRun(runsDir, 'denoiser', 'denoising', grayImages);
  writeRun(runsDir, 'colour', 'conv', { kind: 'images', height: 32, width: 32, channels: 3, resize: 'bilinear' });
  writeRun(runsDir, 'table', 'deep', { kind: 'table', columns: ['a', 'b', 'c'], labelColumn: null });
  writeRun(runsDir, 'unfinished', 'denoising', grayImages, 'stopped');
  return { workspace, runsDir };
}

const pidIsGone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

describe('Apply Autoencoder…', () => {
  it('denoises one image with a fitting run and shows input, output and error side by side', async () => {
    const { workspace, runsDir } = workspaceWithRuns();
    const input = join(workspace, 'digit.png');
    copyFileSync(GRAY_PNG, input);
    const { recorded, dist, apply } = activateApply({ workspace, mode: 'ok', answer: (title, labels) => (title.startsWith('Apply Autoencoder') ? 'denoiser-name' : labels.includes('Denoise') ? 'Denoise' : undefined) });
    await apply(input);

    // The completed image runs, the gray one first; not the table run, not the stopped one.
    expect(recorded.picks[0].items.map((i) => i.label)).toEqual(['denoiser-name', 'colour-name']);
    expect(recorded.picks[0].items.map((i) => i.description)).toEqual(['denoising · best val loss 0.01230 · 2026-11-30 10:00', 'conv · best val loss 0.01230 · 2026-11-30 10:00 · converts gray to RGB']);
    expect(recorded.picks[1].items.map((i) => i.label)).toEqual(['Denoise', 'Score anomalies', 'Encode', 'Find similar']);
    const out = join(workspace, 'digit-denoised.png');
    expect(recorded.saveDialogs).toEqual([out]);
    expect(JSON.parse(readFileSync(join(dist, 'received.json'), 'utf8'))).toMatchObject({ type: 'apply', job: 'reconstruct', runDir: join(runsDir, 'denoiser'), input, out });
    expect(existsSync(out)).toBe(true);
    expect(recorded.progress.map((p) => p.message)).toEqual(['1 of 2', '2 of 2']);
    expect(recorded.progress.reduce((sum, p) => sum + (p.increment ?? 0), 0)).toBe(100);
    expect(recorded.errors).toEqual([]);
    expect(recorded.panels).toHaveLength(1);
    expect(recorded.panels[0].title).toBe('Denoise: digit.png (denoiser-name)');
    const html = recorded.panels[0].webview.html;
    expect(html).toContain(`default-src 'none'`);
    expect(html).toMatch(/<img id="input" alt="input" src="data:image\/png;base64,/);
    expect(html).toContain('<canvas id="heat"');
    const nonce = /script-src 'nonce-([^']+)'/.exec(html)?.[1];
    expect(html).toContain(`<script nonce="${nonce}">`);
  });

  it('scores a CSV with the table run, opens the scores and says how many were flagged', async () => {
    const { workspace } = workspaceWithRuns();
    const input = join(workspace, 'readings.csv');
    writeFileSync(input, 'a,b,c\n1,2,3\n4,5,6\n');
    const { recorded, apply } = activateApply({ workspace, mode: 'ok', answer: (title) => (title.startsWith('Apply Autoencoder') ? 'table-name' : 'Score anomalies') });
    await apply(input);
    expect(recorded.picks[0].items.map((i) => i.label)).toEqual(['table-name']);
    expect(recorded.opened).toEqual([join(workspace, 'readings.scores.csv')]);
    expect(recorded.infos).toEqual(['Autoencoder Lab: 1 of 2 flagged above 0.2500 (percentile 99 of training errors); scores in readings.scores.csv.']);
  });

  it('lists the nearest training samples with sources, labels and distances', async () => {
    const { workspace } = workspaceWithRuns();
    const input = join(workspace, 'digit.png');
    copyFileSync(GRAY_PNG, input);
    const { recorded, apply } = activateApply({ workspace, mode: 'ok', answer: (title) => (title.startsWith('Apply Autoencoder') ? 'denoiser-name' : title.startsWith('Apply') ? 'Find similar' : undefined) });
    await apply(input);
    expect(recorded.saveDialogs).toEqual([]); // neighbors writes nothing
    const listed = recorded.picks[2];
    expect(listed.title).toBe('Nearest training samples of denoiser-name');
    expect(listed.items.slice(1)).toEqual([{ label: 'train/cat.png', description: 'label cat · distance 0.5000', detail: 'training sample #3' }]);
  });

  it('says why when no finished run takes the input, and starts no trainer', async () => {
    const { workspace } = workspaceWithRuns();
    const { recorded, dist, apply } = activateApply({ workspace, mode: 'ok', answer: () => undefined });
    await apply(join(FIXTURES, 'data', 'rgba_u1.npy'));
    expect(recorded.errors[0]).toMatch(/cannot apply a run to .*rgba_u1\.npy: .*rgba_u1\.npy: an array of shape \(2, 2, 2, 4\)/);
    const wide = join(workspace, 'wide.csv');
    writeFileSync(wide, 'a,b,c,d,e\n1,2,3,4,5\n'); // the table run takes 3 columns
    await apply(wide);
    writeFileSync(join(workspace, '.aelab', 'runs', 'table', 'data.json'), '{}'); // no longer a valid data.json: not offered
    await apply(join(FIXTURES, 'apply', 'readings-noheader.csv'));
    expect(recorded.infos).toEqual([
      'Autoencoder Lab: cannot apply a run to wide.csv: no finished run takes tables of 5 columns per row; train one first on data like this.',
      `Autoencoder Lab: cannot apply a run to ${relative(workspace, join(FIXTURES, 'apply', 'readings-noheader.csv'))}: no finished run takes tables of 3 values per row; train one first on data like this.`,
    ]);
    expect(recorded.picks).toEqual([]);
    expect(existsSync(join(dist, 'received.json'))).toBe(false);
  });

  it('shows the trainer\'s input error as an error notification naming the file', async () => {
    const { workspace } = workspaceWithRuns();
    const input = join(workspace, 'digit.png');
    copyFileSync(GRAY_PNG, input);
    const { recorded, apply } = activateApply({ workspace, mode: 'inputError', answer: (title) => (title.startsWith('Apply Autoencoder') ? 'denoiser-name' : 'Denoise') });
    await apply(input);
    expect(recorded.errors).toEqual([`Autoencoder Lab: Denoise failed for digit.png (${input}): ${input}: the run expects 1-channel images, found 3 channels`]);
    expect(recorded.panels).toEqual([]);
  });

  it('from the palette, asks for the file; a trainer that cannot run the job says why', async () => {
    const { workspace } = workspaceWithRuns();
    const input = join(workspace, 'digit.png');
    copyFileSync(GRAY_PNG, input);
    const { recorded, apply } = activateApply({ workspace, mode: 'refuse', openDialog: input, answer: (title) => (title.startsWith('Apply Autoencoder') ? 'denoiser-name' : 'Denoise') });
    await apply();
    expect(recorded.picks[0].title).toBe('Apply Autoencoder to digit.png');
    expect(recorded.errors).toEqual(['Autoencoder Lab: Denoise failed for digit.png: trainer ignored an invalid message (type: unknown)']);
  });

  it('cancelling ends the trainer process and says so', async () => {
    const { workspace } = workspaceWithRuns();
    const input = join(workspace, 'digit.png');
    copyFileSync(GRAY_PNG, input);
    let pid = 0;
    let stopFile = '';
    const { recorded, apply } = activateApply({
      workspace,
      mode: 'hang',
      answer: (title) => (title.startsWith('Apply Autoencoder') ? 'denoiser-name' : 'Encode'),
      onStarted: (cancel, dist) => {
        // Cancel once the stand-in has reported progress, i.e. it is running the job.
        const poll = setInterval(() => {
          if (!existsSync(join(dist, 'received.json'))) return;
          clearInterval(poll);
          pid = Number(readFileSync(join(dist, 'pid.txt'), 'utf8'));
          stopFile = join(dist, 'stopped.txt');
          cancel();
        }, 20);
      },
    });
    await apply(input);
    const stopRequests = existsSync(stopFile) ? 1 : 0;
    expect(pid).toBeGreaterThan(0);
    expect(pidIsGone(pid)).toBe(true);
    // The job was asked to stop, not killed: it removes its unfinished output file itself.
    expect(stopRequests).toBe(1);
    expect(recorded.infos).toEqual(['Autoencoder Lab: Encode of digit.png cancelled; the trainer process was stopped.']);
    expect(recorded.errors).toEqual([]);
  });
});
