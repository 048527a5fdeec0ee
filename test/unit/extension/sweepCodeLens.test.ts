// The Run Sweep code lens: above the `sweep` key of an experiment with a sweep block, with the number of runs it expands
// to; the problem instead (and no command) when the block cannot expand; nothing without a sweep block. The provider
// is the one activation registers (experimentCodeLens), against a stand-in vscode.
import { describe, expect, it, vi } from 'vitest';

interface Lens { range: { start: { line: number; character: number } }; command: { title: string; command: string; arguments?: unknown[] } }

vi.mock('vscode', () => {
  class Position {
    constructor(readonly line: number, readonly character: number) {}
  }
  class Range {
    readonly start: Position;
    readonly end: Position;
    constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
      this.start = typeof a === 'number' ? new Position(a, b as number) : a;
      this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
    }
  }
  class CodeLens {
    constructor(readonly range: Range, readonly command: unknown) {}
  }
  class EventEmitter {
    event = () => ({ dispose() {} });
    fire() {}
    dispose() {}
  }
  return {
    Position,
    Range,
    CodeLens,
    EventEmitter,
    Disposable: { from: () => ({ dispose() {} }) },
  };
});
const { experimentCodeLens } = await import('../../../src/extension/editor/experimentCodeLens');

const controller = { activeRun: undefined, onDidStartRun: () => ({ dispose() {} }), onDidEndRun: () => ({ dispose() {} }) };
const provider = experimentCodeLens(controller as never) as unknown as { provideCodeLenses(document: unknown): Lens[] };

function document(text: string, fsPath = '/w/experiments/sweep.ae.json') {
  return {
    uri: { fsPath },
    getText: () => text,
    positionAt(offset: number) {
      const before = text.slice(0, offset).split('\n');
      return { line: before.length - 1, character: before.at(-1)!.length };
    },
  };
}

const experiment = {
  name: 'tiny',
  kind: 'deep',
  data: { source: 'builtin:mnist', limit: 200 },
  model: { hidden: [16], latentDim: 4 },
  training: { epochs: 1, batchSize: 50 },
};
const withSweep = (sweep: unknown) => JSON.stringify({ ...experiment, sweep }, null, 2);
const sweepLenses = (text: string) => provider.provideCodeLenses(document(text)).filter((lens) => lens.command.title.includes('Sweep'));

describe('Run Sweep code lens', () => {
  it('stands above the sweep key and counts the runs of a 2×2 grid', () => {
    const text = withSweep({ grid: { 'model.latentDim': [2, 4], 'training.learningRate': [0.001, 0.01] } });
    const [lens, ...others] = sweepLenses(text);
    expect(others).toEqual([]);
    expect(lens.command).toMatchObject({ title: '$(run-all) Run Sweep (4 runs)', command: 'autoencoderLab.runSweep' });
    expect((lens.command.arguments?.[0] as { fsPath: string }).fsPath).toBe('/w/experiments/sweep.ae.json');
    const sweepLine = text.split('\n').findIndex((line) => line.startsWith('  "sweep"'));
    expect(sweepLine).toBeGreaterThan(0);
    expect(lens.range.start).toMatchObject({ line: sweepLine, character: 2 });
    // The Train and Open Dashboard lenses stay at the top.
    expect(provider.provideCodeLenses(document(text)).map((l) => l.command.title)).toEqual(['$(play) Train', '$(graph-line) Open Dashboard', '$(run-all) Run Sweep (4 runs)']);
  });

  it('counts the draws of a random sweep, singular for one', () => {
    const random = (count: number) => sweepLenses(withSweep({ random: { count, seed: 3, parameters: { 'model.latentDim': { intUniform: [2, 8] } } } }))[0].command.title;
    expect(random(5)).toBe('$(run-all) Run Sweep (5 runs)');
    expect(random(1)).toBe('$(run-all) Run Sweep (1 run)');
  });

  it('names the problem of a sweep that cannot expand and runs nothing', () => {
    const [lens] = sweepLenses(withSweep({ grid: { 'model.latentDim': [4, 0] } }));
    expect(lens.command.command).toBe('');
    expect(lens.command.title).toMatch(/^Sweep: field "sweep\.grid\.model\.latentDim": /);
    expect(lens.command.title).not.toContain('/w/experiments'); // the lens is in that file already

    const [empty] = sweepLenses(withSweep({ grid: {} }));
    expect(empty.command.command).toBe('');
    expect(empty.command.title).toMatch(/^Sweep: field "sweep\.grid": expected at least one dotted key/);

    const [broken] = sweepLenses(`${withSweep({ grid: { 'model.latentDim': [2, 4] } })},`);
    expect(broken.command).toMatchObject({ command: '', title: 'Sweep: the file is not valid JSON yet; fix it to count the runs' });
  });

  it('is not there without a sweep block, nor for a "sweep" key below the top level', () => {
    expect(sweepLenses(JSON.stringify(experiment, null, 2))).toEqual([]);
    expect(sweepLenses(JSON.stringify({ ...experiment, model: { ...experiment.model, sweep: { grid: {} } } }))).toEqual([]);
  });
});
