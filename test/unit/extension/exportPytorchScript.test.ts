// Export as PyTorch Script on the host side: which runs it offers, the save dialog, the writer's InputError shown as an
// error, a cancelled dialog, and the run commands it offers to copy. vscode is a stand-in that records and answers;
// the script writer is injected (the generator itself is tested with the templates).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../../src/protocol/errors';
import type { RunSummary } from '../../../src/protocol/trainerMessages';
import { tempWorkspace } from '../../helpers/experimentFiles';
import { writePytorchRunFolder } from '../../helpers/pytorchRunFolder';

const ui = vi.hoisted(() => ({
  workspace: '',
  errors: [] as string[],
  infos: [] as { message: string; actions: string[] }[],
  saveDialogs: [] as { title: string; defaultPath?: string }[],
  picks: [] as { title: string; details: string[] }[],
  progress: [] as string[],
  opened: [] as string[],
  clipboard: [] as string[],
  saveAs: undefined as string | undefined,
  choose: undefined as string | undefined,
}));

vi.mock('vscode', () => {
  const uri = (fsPath: string) => ({ fsPath, path: fsPath, scheme: 'file' });
  return {
    Uri: { file: uri, joinPath: (base: { fsPath: string }, ...parts: string[]) => uri([base.fsPath, ...parts].join('/')) },
    ProgressLocation: { Notification: 15 },
    workspace: {
      get workspaceFolders() {
        return [{ uri: uri(ui.workspace) }];
      },
      getConfiguration: () => ({ get: <T>(_key: string, fallback: T) => fallback }),
    },
    window: {
      showErrorMessage: async (message: string) => void ui.errors.push(message),
      showInformationMessage: async (message: string, ...actions: string[]) => {
        ui.infos.push({ message, actions });
        return ui.choose;
      },
      showQuickPick: async (items: { detail: string }[], options: { title: string }) => {
        ui.picks.push({ title: options.title, details: items.map((item) => item.detail) });
        return items[0];
      },
      showSaveDialog: async (options: { title: string; defaultUri?: { fsPath: string } }) => {
        ui.saveDialogs.push({ title: options.title, defaultPath: options.defaultUri?.fsPath });
        return ui.saveAs === undefined ? undefined : uri(ui.saveAs);
      },
      withProgress: async (options: { title: string }, task: () => Promise<unknown>) => {
        ui.progress.push(options.title);
        return task();
      },
      showTextDocument: async (target: { fsPath: string }) => void ui.opened.push(target.fsPath),
    },
    env: { clipboard: { writeText: async (text: string) => void ui.clipboard.push(text) } },
  };
});
const { exportPytorchScript } = await import('../../../src/extension/commands/exportPytorchScript');
const { pytorchRunCommands } = await import('../../../src/extension/commands/pytorchRunCommands');

const RUN_ID = 'deep-20261201-070000';

/** A finished run of our trainer with its saved encoder (the writer is a stand-in, so the model is only a marker). */
function writeTfjsRun(runsDir: string, runId: string, withModel = true): string {
  const runDir = join(runsDir, runId);
  mkdirSync(join(runDir, 'encoder'), { recursive: true });
  const summary: RunSummary = {
    runId, name: runId, kind: 'deep', status: 'completed', backend: 'wasm', epochs: 1, epochsPlanned: 1, final: null, best_val_loss: 0.1,
    parameterCount: 10, trainSamples: 10, validationSamples: 2, droppedSamples: { count: 0, reasons: {} },
    startedAt: '2026-12-01T07:00:00.000Z', endedAt: '2026-12-01T07:01:00.000Z', error: null,
  };
  writeFileSync(join(runDir, 'summary.json'), JSON.stringify(summary));
  if (withModel) writeFileSync(join(runDir, 'encoder', 'model.json'), '{}');
  return runDir;
}

let runsDir: string;
beforeEach(() => {
  ui.workspace = tempWorkspace('aelab-export-pt-');
  runsDir = join(ui.workspace, '.aelab', 'runs');
  for (const list of [ui.errors, ui.infos, ui.saveDialogs, ui.picks, ui.progress, ui.opened, ui.clipboard]) list.length = 0;
  ui.saveAs = join(ui.workspace, 'scripts', 'train.py');
  ui.choose = undefined;
});

describe('Export as PyTorch Script', () => {
  it('from the Runs tree: the save dialog defaults next to the workspace, the writer gets the run and the file, Open opens it', async () => {
    const runDir = writeTfjsRun(runsDir, RUN_ID);
    const write = vi.fn(() => ({ files: [ui.saveAs!, join(ui.workspace, 'scripts', 'mnist.npz')] }));
    ui.choose = 'Open';
    await exportPytorchScript({ runId: RUN_ID }, write);
    expect(ui.saveDialogs).toEqual([{ title: `Export ${RUN_ID} as a PyTorch script`, defaultPath: `${ui.workspace}/${RUN_ID}-pytorch.py` }]);
    expect(write).toHaveBeenCalledWith(runDir, ui.saveAs);
    expect(ui.progress).toEqual([`Exporting ${RUN_ID} as a PyTorch script`]);
    expect(ui.errors).toEqual([]);
    expect(ui.infos).toEqual([{ message: `Autoencoder Lab: wrote train.py and 1 file it reads beside it. Continue the run with: python3 scripts/train.py --init-from .aelab/runs/${RUN_ID}`, actions: ['Open', 'Copy Run Command', 'Copy torchrun Command'] }]);
    expect(ui.opened).toEqual([ui.saveAs]);
  });

  it('from the palette: picks among runs with a tfjs model only (not a PyTorch run, not one without models); copies the torchrun command', async () => {
    writeTfjsRun(runsDir, RUN_ID);
    writeTfjsRun(runsDir, 'no-model', false);
    writePytorchRunFolder(runsDir, { runId: 'pt-run' });
    ui.choose = 'Copy torchrun Command';
    await exportPytorchScript(undefined, () => ({ files: [ui.saveAs!] }));
    expect(ui.picks).toEqual([{ title: 'Export as PyTorch Script', details: [RUN_ID] }]);
    expect(ui.infos[0].message).toBe(`Autoencoder Lab: wrote train.py. Continue the run with: python3 scripts/train.py --init-from .aelab/runs/${RUN_ID}`);
    expect(ui.clipboard).toEqual([`torchrun --nproc_per_node 2 scripts/train.py --init-from .aelab/runs/${RUN_ID}`]);
  });

  it('from the palette: a PyTorch run with the tfjs models its script wrote is offered like ours', async () => {
    writePytorchRunFolder(runsDir, { runId: 'pt-run' });
    writePytorchRunFolder(runsDir, { runId: 'pt-models', tfjsModels: true });
    await exportPytorchScript(undefined, () => ({ files: [ui.saveAs!] }));
    expect(ui.picks).toEqual([{ title: 'Export as PyTorch Script', details: ['pt-models'] }]);
    expect(ui.errors).toEqual([]);
  });

  it("shows the writer's InputError, which names the folder and field, as an error and nothing else", async () => {
    const runDir = writeTfjsRun(runsDir, RUN_ID);
    const write = () => {
      throw new InputError('the aae kind cannot be exported: each batch runs three optimizers', { file: join(runDir, 'experiment.json'), field: 'kind' });
    };
    await exportPytorchScript(RUN_ID, write);
    expect(ui.errors).toEqual([`Autoencoder Lab: ${runDir}/experiment.json: field "kind": the aae kind cannot be exported: each batch runs three optimizers`]);
    expect(ui.infos).toEqual([]);
  });

  it('a cancelled save dialog writes nothing and says nothing', async () => {
    writeTfjsRun(runsDir, RUN_ID);
    ui.saveAs = undefined;
    const write = vi.fn(() => ({ files: [] }));
    await exportPytorchScript(RUN_ID, write);
    expect(ui.saveDialogs).toHaveLength(1);
    expect(write).not.toHaveBeenCalled();
    expect([...ui.errors, ...ui.infos]).toEqual([]);
  });

  it('a run trained by PyTorch, given by the tree or a link, is refused before any dialog, saying why', async () => {
    writePytorchRunFolder(runsDir, { runId: 'pt-run' });
    const write = vi.fn(() => ({ files: [] }));
    await exportPytorchScript('pt-run', write);
    expect(ui.errors).toEqual(['Autoencoder Lab: pt-run was trained by PyTorch (summary.json backend "pytorch") and has no tfjs model, so Autoencoder Lab cannot export it as a PyTorch script; its curves show in the dashboard and Compare.']);
    expect(ui.saveDialogs).toEqual([]);
    expect(write).not.toHaveBeenCalled();
  });
});

describe('the run commands it offers to copy', () => {
  it('are relative to the workspace when inside it, absolute otherwise, and quote what a shell would split', () => {
    expect(pytorchRunCommands('/w/train.py', '/w/.aelab/runs/r1', '/w')).toEqual({ python: 'python3 train.py --init-from .aelab/runs/r1', torchrun: 'torchrun --nproc_per_node 2 train.py --init-from .aelab/runs/r1' });
    expect(pytorchRunCommands("/tmp/my model's/train.py", '/w/runs/r1', '/w').python).toBe(`python3 '/tmp/my model'\\''s/train.py' --init-from runs/r1`);
  });
});
