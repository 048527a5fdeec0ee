// The Experiments table's host side: loading every run with its flattened settings and metrics, grouping a sweep's
// runs by its sweep.json (a damaged one is reported, not fatal), parameter importance, and the CSV export.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { experimentsCsv } from '../../../src/extension/experiments/experimentsCsv';
import { loadExperiments } from '../../../src/extension/experiments/loadExperiments';
import { parameterImportance } from '../../../src/extension/experiments/parameterImportance';
import type { ExperimentRow } from '../../../src/protocol/dashboardMessages';

const workspace = mkdtempSync(join(tmpdir(), 'aelab-experiments-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

function writeRun(runsDir: string, runId: string, o: { name: string; latentDim: number; learningRate: number; best: number | null; startedAt: string }): void {
  const dir = join(runsDir, runId);
  mkdirSync(dir, { recursive: true });
  const experiment = {
    name: o.name,
    kind: 'deep',
    data: { source: 'builtin:mnist', limit: 200 },
    model: { hidden: [32], latentDim: o.latentDim },
    training: { epochs: 2, learningRate: o.learningRate },
  };
  writeFileSync(join(dir, 'experiment.json'), JSON.stringify(experiment));
  const final = { epoch: 2, loss: 0.3, val_loss: o.best === null ? null : o.best + 0.01, seconds: 1, samples_per_second: 100 };
  const summary = {
    runId, name: o.name, kind: 'deep', status: 'completed', backend: 'cpu', epochs: 2, epochsPlanned: 2, final, best_val_loss: o.best,
    parameterCount: 10, trainSamples: 180, validationSamples: 20, droppedSamples: { count: 0, reasons: {} }, startedAt: o.startedAt, endedAt: o.startedAt, error: null,
  };
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
}

function sweepFile(runIds: string[]) {
  const row = (runId: string, index: number) => ({ index, parameters: { 'model.latentDim': index < 2 ? 2 : 8, 'training.learningRate': index % 2 ? 0.01 : 0.001 }, runId, status: 'completed', best: null, final: null, evaluation: null, error: null });
  return { version: 1, sweepId: 'grid-1', name: 'grid', experimentFile: '../../grid.ae.json', method: 'grid', keys: ['model.latentDim', 'training.learningRate'], createdAt: 'x', updatedAt: 'x', runs: runIds.map(row) };
}

describe('loadExperiments', () => {
  it('lists every run with its settings and metrics, groups a sweep, and reports a damaged sweep.json', async () => {
    const runsDir = join(workspace, 'runs');
    const sweepIds = ['grid-a', 'grid-b', 'grid-c', 'grid-d'];
    sweepIds.forEach((id, i) => writeRun(runsDir, id, { name: 'grid', latentDim: i < 2 ? 2 : 8, learningRate: i % 2 ? 0.01 : 0.001, best: 0.2 + i / 100, startedAt: `2026-11-30T10:0${i}:00.000Z` }));
    writeRun(runsDir, 'lone', { name: 'lone', latentDim: 16, learningRate: 0.002, best: null, startedAt: '2026-11-30T11:00:00.000Z' });
    mkdirSync(join(runsDir, 'grid-sweep'));
    writeFileSync(join(runsDir, 'grid-sweep', 'sweep.json'), JSON.stringify(sweepFile(sweepIds)));
    mkdirSync(join(runsDir, 'broken-sweep'));
    writeFileSync(join(runsDir, 'broken-sweep', 'sweep.json'), JSON.stringify({ ...sweepFile(['lone']), method: 'bayes' }));

    const experiments = await loadExperiments(runsDir);
    expect(experiments.rows.map((row) => row.runId).sort()).toEqual([...sweepIds, 'lone'].sort());
    expect(experiments.sweeps).toEqual([{ sweepId: 'grid-sweep', name: 'grid', method: 'grid', keys: ['model.latentDim', 'training.learningRate'], runIds: sweepIds }]);
    const byId = Object.fromEntries(experiments.rows.map((row) => [row.runId, row]));
    expect(byId['grid-c'].sweepId).toBe('grid-sweep');
    // The damaged sweep.json does not claim its run, and its problem names the file and the field.
    expect(byId.lone.sweepId).toBeNull();
    expect(experiments.problems).toHaveLength(1);
    expect(experiments.problems[0]).toContain(join(runsDir, 'broken-sweep', 'sweep.json'));
    expect(experiments.problems[0]).toContain('method');
    // Flattened settings (defaults filled), without the name; metrics from the summary.
    expect(byId['grid-c'].params).toMatchObject({ kind: 'deep', 'model.latentDim': '8', 'training.learningRate': '0.001', 'model.hidden': '[32]', 'data.source': 'builtin:mnist' });
    expect(byId['grid-c'].params).not.toHaveProperty('name');
    expect(byId['grid-c'].metrics).toEqual({ best_val_loss: 0.22, 'final.loss': 0.3, 'final.val_loss': 0.23 });
    expect(byId.lone.metrics.best_val_loss).toBeNull();
    expect(experiments.goals).toEqual({ best_val_loss: 'min', 'final.loss': 'min', 'final.val_loss': 'min' });
    // Four runs have best_val_loss: enough for an estimate.
    const importance = experiments.importance.find((i) => i.metric === 'best_val_loss')!;
    expect(importance.runs).toBe(4);
    expect(importance.reason).toBeUndefined();
  });

  it('returns nothing for a missing runs folder', async () => {
    expect(await loadExperiments(join(workspace, 'nowhere'))).toMatchObject({ rows: [], sweeps: [], problems: [] });
  });
});

function row(runId: string, params: Record<string, string>, metric: number | null): ExperimentRow {
  return { runId, name: runId, kind: 'deep', status: 'completed', startedAt: '', epochs: 1, params, metrics: { best_val_loss: metric }, sweepId: null };
}

describe('parameterImportance', () => {
  // 24 runs: the metric is a function of latentDim only; learningRate and activation vary independently of it.
  const rows = Array.from({ length: 24 }, (_, i) => {
    const latentDim = [2, 4, 8, 16][i % 4];
    const learningRate = [0.001, 0.003, 0.01][Math.floor(i / 4) % 3];
    const activation = ['relu', 'tanh'][Math.floor(i / 12)];
    return row(`r${i}`, { 'model.latentDim': String(latentDim), 'training.learningRate': String(learningRate), 'model.activation': activation, kind: 'deep' }, 1 / latentDim);
  });

  it('gives the one parameter the metric depends on the dominant importance and a strong correlation', () => {
    const result = parameterImportance(rows, 'best_val_loss');
    expect(result.runs).toBe(24);
    // kind never varies, so it is not a candidate.
    expect(result.parameters.map((p) => p.key).sort()).toEqual(['model.activation', 'model.latentDim', 'training.learningRate']);
    const [top, ...rest] = result.parameters;
    expect(top.key).toBe('model.latentDim');
    expect(top.importance).toBeGreaterThan(0.8);
    for (const other of rest) expect(other.importance).toBeLessThan(0.1);
    expect(top.correlation).toBeLessThan(-0.7);
    // A text parameter has no correlation.
    expect(result.parameters.find((p) => p.key === 'model.activation')!.correlation).toBeNull();
  });

  it('finds the one parameter of a 2×2 grid that decides the metric exactly (a split that leaves no error)', () => {
    const grid = [2, 8].flatMap((latentDim) => [0.001, 0.01].map((lr) => row(`g${latentDim}-${lr}`, { 'model.latentDim': String(latentDim), 'training.learningRate': String(lr) }, lr === 0.01 ? 0.2 : 0.5)));
    const result = parameterImportance(grid, 'best_val_loss');
    expect(result.parameters[0].key).toBe('training.learningRate');
    expect(result.parameters[0].correlation).toBeCloseTo(-1, 9);
    expect(result.parameters[0].importance).toBeGreaterThan(0.9);
  });

  it('leaves a training run out: its best value is not final', () => {
    const training = rows.map((r, i) => (i < 21 ? { ...r, status: 'running' as const } : r));
    expect(parameterImportance(training, 'best_val_loss')).toMatchObject({ runs: 3, reason: expect.stringContaining('3 finished runs') });
  });

  it('is seeded: the same runs give the same numbers', () => {
    expect(parameterImportance(rows, 'best_val_loss')).toEqual(parameterImportance(rows, 'best_val_loss'));
  });

  it('says why when fewer than four runs have the metric or nothing varies', () => {
    const few = [row('a', { x: '1' }, 1), row('b', { x: '2' }, 2), row('c', { x: '3' }, 3), row('d', { x: '4' }, null)];
    expect(parameterImportance(few, 'best_val_loss')).toMatchObject({ runs: 3, parameters: [], reason: expect.stringContaining('at least 4') });
    const same = [1, 2, 3, 4].map((i) => row(`s${i}`, { x: '1' }, i));
    expect(parameterImportance(same, 'best_val_loss').reason).toContain('no parameter differs');
  });
});

describe('experimentsCsv', () => {
  it('writes the asked columns of the asked rows in order, defusing formula text and leaving numbers alone', () => {
    const rows = [row('run-b', { 'model.latentDim': '8', note: '=HYPERLINK("http://x")' }, -0.5), row('run-a', { 'model.latentDim': '2', note: '+1' }, null)];
    rows[0].name = '@evil';
    rows[0].sweepId = 's1';
    const experiments = { rows, sweeps: [{ sweepId: 's1', name: 'grid', method: 'grid' as const, keys: ['model.latentDim'], runIds: ['run-b'] }], goals: {}, importance: [], problems: [] };
    const { csv, rows: count } = experimentsCsv(experiments, ['run-a', 'run-b', 'not-a-run'], ['name', 'sweep', 'p:model.latentDim', 'p:note', 'm:best_val_loss', 'p:unknown']);
    expect(count).toBe(2);
    expect(csv.split('\n')).toEqual([
      'Name,Sweep,model.latentDim,note,best_val_loss',
      "run-a,,2,'+1,",
      `'@evil,grid,8,"'=HYPERLINK(""http://x"")",-0.5`,
      '',
    ]);
  });
});
