// Re-run with edits writes the run's experiment, without its sweep block, to a new *.ae.json beside the experiment
// file it came from, never over an existing file, and the copy is a valid experiment.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeRerunCopy } from '../../../src/extension/experiments/rerunCopy';
import { experimentSchema } from '../../../src/protocol/experiment';

const workspace = mkdtempSync(join(tmpdir(), 'aelab-rerun-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('writeRerunCopy', () => {
  it('copies the experiment next to its file, without the sweep block, under a free name', () => {
    const runDir = join(workspace, 'runs', 'grid-1');
    mkdirSync(runDir, { recursive: true });
    const experiment = {
      name: 'grid',
      kind: 'deep',
      data: { source: 'digits.npy' },
      model: { latentDim: 8 },
      training: { epochs: 3, learningRate: 0.01 },
      sweep: { grid: { 'model.latentDim': [2, 8] } },
      resolved: { experimentFile: '../../grid.ae.json' },
    };
    writeFileSync(join(runDir, 'experiment.json'), JSON.stringify(experiment));
    const first = writeRerunCopy(runDir);
    expect(first).toBe(join(workspace, 'grid-rerun.ae.json'));
    const copy = JSON.parse(readFileSync(first, 'utf8'));
    expect(copy).not.toHaveProperty('sweep');
    expect(copy).not.toHaveProperty('resolved');
    expect(copy.model.latentDim).toBe(8);
    expect(copy.data.source).toBe('digits.npy');
    expect(experimentSchema.safeParse(copy).success).toBe(true);
    expect(writeRerunCopy(runDir)).toBe(join(workspace, 'grid-rerun-2.ae.json'));
  });
});
