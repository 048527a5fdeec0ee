// The validated run-file readers on hand-made folders: each problem is an InputError naming the file, line and field.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCheckpoint, checkpointEpoch } from '../../../src/runs/checkpointFiles';
import { readDataJson } from '../../../src/runs/dataFile';
import { readRunExperiment, savedExperimentJson } from '../../../src/runs/experimentFile';
import { readMetrics } from '../../../src/runs/metricsFile';
import { readSummary, requireSummary } from '../../../src/runs/summaryFile';
import { experimentSchema } from '../../../src/protocol/experiment';
import { tempWorkspace } from '../../helpers/experimentFiles';

const metricsLine = (epoch: number) => JSON.stringify({ epoch, loss: 0.5, val_loss: null, seconds: 1, samples_per_second: 10 });

function runWith(files: Record<string, string>): string {
  const runDir = join(tempWorkspace('aelab-run-files-'), 'runs', 'r-1');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(runDir, name, '..'), { recursive: true });
    writeFileSync(join(runDir, name), text);
  }
  mkdirSync(runDir, { recursive: true });
  return runDir;
}

describe('run-file readers', () => {
  it('metrics.jsonl: [] when absent, every line checked, epochs in order', () => {
    expect(readMetrics(runWith({}))).toEqual([]);
    expect(readMetrics(runWith({ 'metrics.jsonl': `${metricsLine(1)}\n\n${metricsLine(2)}\n` })).map((m) => m.epoch)).toEqual([1, 2]);
    const unordered = runWith({ 'metrics.jsonl': `${metricsLine(2)}\n${metricsLine(1)}\n` });
    expect(() => readMetrics(unordered)).toThrow(`${join(unordered, 'metrics.jsonl')}:2: field "epoch": epoch 1 follows epoch 2; epochs must increase`);
  });

  it('summary.json: readSummary only looks, requireSummary names the field', () => {
    const runDir = runWith({ 'summary.json': '{"runId": 3}' });
    expect(readSummary(runDir)).toBeUndefined();
    expect(readSummary(runWith({}))).toBeUndefined();
    expect(() => requireSummary(runDir)).toThrow(/summary\.json:1:11: field "runId": expected string, got 3/);
    expect(() => requireSummary(runWith({}))).toThrow(/summary\.json: is missing/);
  });

  it('experiment.json: the experiment file is stored relative to the run and found again where the run now is', () => {
    const runDir = runWith({});
    const experiment = experimentSchema.parse({ name: 'x', kind: 'deep', data: { source: '../data/t.csv' } });
    const saved = savedExperimentJson(runDir, experiment, join(runDir, '..', '..', 'experiments', 'x.ae.json'));
    expect(saved.resolved).toEqual({ experimentFile: '../../experiments/x.ae.json', experimentFileName: 'x.ae.json' });
    writeFileSync(join(runDir, 'experiment.json'), JSON.stringify(saved));
    expect(readRunExperiment(runDir)).toEqual({ experiment, experimentFile: join(runDir, '..', '..', 'experiments', 'x.ae.json') });
  });

  it('experiment.json from an older run: the absolute path is flagged, not used silently', () => {
    const runDir = runWith({ 'experiment.json': JSON.stringify({ name: 'x', kind: 'deep', data: { source: 'd.csv' }, resolved: { experimentFile: '/old/place/x.ae.json' } }) });
    expect(readRunExperiment(runDir)).toMatchObject({ experimentFile: '/old/place/x.ae.json', absolutePathFromOlderRun: '/old/place/x.ae.json' });
  });

  it('data.json: optional, but validated when present', () => {
    expect(readDataJson(runWith({}))).toBeUndefined();
    const runDir = runWith({ 'data.json': JSON.stringify({ sampleShape: [28, 28, 1], normalization: { kind: 'scale', divisor: 0 } }) });
    expect(() => readDataJson(runDir)).toThrow(/data\.json:1:\d+: field "normalization\.divisor": expected a value > 0, got 0/);
  });

  it('checkpoint: manifest fields and the weights size', () => {
    const manifest = { epoch: 3, savedAt: 'now', model: [{ name: 'k', shape: [2, 3], offset: 0 }], optimizer: [{ name: 'm', shape: [2], offset: 6 }] };
    const good = runWith({ 'checkpoint/checkpoint.json': JSON.stringify(manifest), 'checkpoint/weights.bin': 'x'.repeat(32) });
    expect(checkCheckpoint(good).epoch).toBe(3);
    expect(checkpointEpoch(good)).toBe(3);
    const short = runWith({ 'checkpoint/checkpoint.json': JSON.stringify(manifest), 'checkpoint/weights.bin': 'x'.repeat(31) });
    expect(() => checkCheckpoint(short)).toThrow('weights.bin: 31 bytes but the manifest needs 32; the checkpoint is damaged');
    expect(checkpointEpoch(short)).toBeUndefined();
    const badShape = runWith({ 'checkpoint/checkpoint.json': JSON.stringify({ ...manifest, model: [{ name: 'k', shape: [-1], offset: 0 }] }) });
    expect(() => checkCheckpoint(badShape)).toThrow(/checkpoint\.json:1:\d+: field "model\.0\.shape\.0": expected a value >= 0, got -1/);
  });
});
