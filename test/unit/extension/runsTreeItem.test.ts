// The Runs tree item for each status: its icon, the context value package.json's menus match to offer Resume Run, and
// what the tooltip and description say. vscode is a stand-in recording what the provider builds.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { RunListItem } from '../../../src/protocol/dashboardMessages';
import { trainedElsewhereDetail } from '../../../src/protocol/trainedElsewhere';

vi.mock('vscode', () => {
  class ThemeColor {
    constructor(readonly id: string) {}
  }
  class ThemeIcon {
    constructor(readonly id: string, readonly color?: ThemeColor) {}
  }
  class MarkdownString {
    constructor(readonly value: string, readonly supportThemeIcons?: boolean) {}
  }
  class TreeItem {
    id?: string;
    description?: string;
    iconPath?: ThemeIcon;
    contextValue?: string;
    tooltip?: MarkdownString;
    command?: { command: string };
    constructor(readonly label: string, readonly collapsibleState: number) {}
  }
  class EventEmitter {
    event = () => undefined;
    fire() {}
    dispose() {}
  }
  return { ThemeColor, ThemeIcon, MarkdownString, TreeItem, EventEmitter, TreeItemCollapsibleState: { None: 0 } };
});
const { RunsTreeProvider } = await import('../../../src/extension/dashboard/runsTreeProvider');

const base: RunListItem = { runId: 'deep-20261130-120000', name: 'deep', kind: 'deep', status: 'interrupted', epochs: 2, epochsPlanned: 5, bestValLoss: 0.5, startedAt: '2026-11-30T12:00:00.000Z', resumable: 'checkpoint' };
const itemFor = (run: RunListItem) => new RunsTreeProvider(() => undefined).getTreeItem(run);

/** The `when` regexes package.json gives a run-item menu command, as the JavaScript regexes VS Code evaluates. */
const menus = (JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { menus: Record<string, { command: string; when: string }[]> } }).contributes.menus['view/item/context'];
function offers(command: string, contextValue: string): boolean {
  const whens = menus.filter((menu) => menu.command === command).map((menu) => /viewItem =~ \/(.+)\/$/.exec(menu.when)![1]);
  expect(whens.length).toBeGreaterThan(0);
  return whens.every((pattern) => new RegExp(pattern).test(contextValue));
}

describe('Runs tree items', () => {
  it('an interrupted run with a checkpoint: the disconnect icon, and Resume Run offered', () => {
    const item = itemFor(base);
    expect(item.iconPath).toMatchObject({ id: 'debug-disconnect', color: { id: 'charts.orange' } });
    expect(item.contextValue).toBe('autoencoderLab.run.interrupted.resumable');
    expect(offers('autoencoderLab.resumeRun', item.contextValue!)).toBe(true);
    expect(offers('autoencoderLab.exportModel', item.contextValue!)).toBe(false);
    expect((item.tooltip as { value: string }).value).toContain('interrupted, epoch 2/5 · can be resumed');
    expect(item.command).toMatchObject({ command: 'autoencoderLab.openRun' });
  });

  it('an interrupted run with no checkpoint: Resume Run offered, and the description says it trains again from the start', () => {
    const item = itemFor({ ...base, epochs: 0, resumable: 'retrain' });
    expect(item.contextValue).toBe('autoencoderLab.run.interrupted.retrain');
    expect(offers('autoencoderLab.resumeRun', item.contextValue!)).toBe(true);
    expect(item.description).toContain('no checkpoint: trains again from the start');
  });

  it('a damaged run: the warning icon, the reader message in the tooltip, no Resume or Open, Delete still offered', () => {
    const detail = 'runs/x/summary.json:1:1: field "runId": expected string, but it is missing';
    const item = itemFor({ ...base, status: 'damaged', resumable: false, detail });
    expect(item.iconPath).toMatchObject({ id: 'warning' });
    expect(item.contextValue).toBe('autoencoderLab.run.damaged');
    expect(offers('autoencoderLab.resumeRun', item.contextValue!)).toBe(false);
    expect(offers('autoencoderLab.openRun', item.contextValue!)).toBe(false);
    expect(offers('autoencoderLab.deleteRun', item.contextValue!)).toBe(true);
    expect((item.tooltip as { value: string }).value).toContain('field \\"runId\\"');
    expect(item.command).toBeUndefined();
  });

  it('a completed run offers the exports, a stopped one with a checkpoint offers both', () => {
    const completed = itemFor({ ...base, status: 'completed', resumable: false }).contextValue!;
    expect([offers('autoencoderLab.exportModel', completed), offers('autoencoderLab.resumeRun', completed)]).toEqual([true, false]);
    const stopped = itemFor({ ...base, status: 'stopped', resumable: 'checkpoint' }).contextValue!;
    expect([offers('autoencoderLab.exportModel', stopped), offers('autoencoderLab.resumeRun', stopped)]).toEqual([true, true]);
    expect(offers('autoencoderLab.exportPytorchScript', completed)).toBe(true);
  });

  it('a run trained by PyTorch: its engine in the description and tooltip; Open, Compare and Delete offered, nothing that needs a tfjs model', () => {
    for (const status of ['completed', 'stopped', 'interrupted'] as const) {
      const item = itemFor({ ...base, status, resumable: false, trainedBy: 'PyTorch', detail: trainedElsewhereDetail('PyTorch', false) });
      expect(item.description).toBe('deep · PyTorch · best val 0.5000');
      expect((item.tooltip as { value: string }).value).toContain('trained by PyTorch\\: curves and summary only\\, no tfjs model');
      expect(item.contextValue).toBe(`autoencoderLab.run.${status}.elsewhere`);
      for (const command of ['autoencoderLab.openRun', 'autoencoderLab.compareRuns', 'autoencoderLab.deleteRun']) expect(offers(command, item.contextValue!), command).toBe(true);
      for (const command of ['autoencoderLab.resumeRun', 'autoencoderLab.evaluateRun', 'autoencoderLab.exportModel', 'autoencoderLab.exportEncoder', 'autoencoderLab.exportEmbeddings', 'autoencoderLab.exportKerasScript', 'autoencoderLab.exportPytorchScript']) {
        expect(offers(command, item.contextValue!), command).toBe(false);
      }
      expect(item.command).toMatchObject({ command: 'autoencoderLab.openRun' });
    }
  });

  it('a completed PyTorch run whose script wrote tfjs models: evaluate and exports offered like ours, Resume not', () => {
    const item = itemFor({ ...base, status: 'completed', resumable: false, trainedBy: 'PyTorch', tfjsModel: true, detail: trainedElsewhereDetail('PyTorch', true) });
    expect(item.description).toBe('deep · PyTorch · best val 0.5000');
    expect((item.tooltip as { value: string }).value).toContain('trained by PyTorch\\, its weights written back as tfjs models');
    expect(item.contextValue).toBe('autoencoderLab.run.completed');
    for (const command of ['autoencoderLab.evaluateRun', 'autoencoderLab.exportModel', 'autoencoderLab.exportEncoder', 'autoencoderLab.exportEmbeddings', 'autoencoderLab.exportKerasScript', 'autoencoderLab.exportPytorchScript']) {
      expect(offers(command, item.contextValue!), command).toBe(true);
    }
    expect(offers('autoencoderLab.resumeRun', item.contextValue!)).toBe(false);
  });
});
