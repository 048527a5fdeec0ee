// Apply reads a series as its training read it: a run trained on a file with a header row of all-digit names ("2019",
// "2020") reads those names from new files' header, not as column indices; a run trained on a header-less file reads
// columns by index. data.json keeps which (input.header); runs from before it fall back to the old guess.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataJson, writeDataJson } from '../../../src/runs/dataFile';
import { CLI_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';
import { trainWithCli } from '../../helpers/trainWithCli';

const POINTS = 120;
const rows = Array.from({ length: POINTS }, (_, i) => `${Math.sin(i / 5).toFixed(3)},${Math.cos(i / 7).toFixed(3)}`);

describe('apply reads a series with the header the run trained with', () => {
  let work: string;
  const aelab = (...args: string[]) => runNode([CLI_SCRIPT, ...args], { cwd: work, timeout: 120_000 });

  const train = (name: string, source: string, data: Record<string, unknown>) =>
    trainWithCli(work, name, {
      kind: 'deep',
      data: { source, format: 'timeseries', window: 8, stride: 4, validationSplit: 0, ...data },
      model: { hidden: [8], latentDim: 2, outputActivation: 'linear' },
      training: { epochs: 1, batchSize: 16, learningRate: 0.01, seed: 1, loss: 'mse' },
    });

  async function score(runDir: string, file: string, out: string): Promise<{ count: number }> {
    const scored = await aelab('score', runDir, file, '--out', out, '--json');
    expect(scored.status, scored.stderr).toBe(0);
    return JSON.parse(scored.stdout) as { count: number };
  }

  beforeAll(() => {
    work = tempWorkspace('aelab-series-header-');
    writeFileSync(join(work, 'years.csv'), `2019,2020\n${rows.join('\n')}\n`);
    writeFileSync(join(work, 'plain.csv'), `${rows.join('\n')}\n`);
  });

  it('a run trained under an all-digit header scores a file with that header, point by point', async () => {
    const runDir = await train('years', 'years.csv', { header: true, timeColumn: false });
    expect(readDataJson(runDir)!.input).toMatchObject({ kind: 'series', columns: ['2019', '2020'], timeColumn: null, header: true });
    const result = await score(runDir, 'years.csv', 'years-scores.csv');
    expect(result.count).toBe(POINTS);
    // The header row is not a point: the first scored point is data row 1.
    const lines = readFileSync(join(work, 'years-scores.csv'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(POINTS + 1);
    expect(lines[1].split(',')[0]).toBe('1');
  }, 240_000);

  it('a run trained on a header-less file scores one, also when its data.json predates input.header', async () => {
    const runDir = await train('plain', 'plain.csv', {});
    const data = readDataJson(runDir)!;
    expect(data.input).toMatchObject({ kind: 'series', columns: ['0', '1'], timeColumn: null, header: false });
    expect((await score(runDir, 'plain.csv', 'plain-scores.csv')).count).toBe(POINTS);
    const { header: _kept, ...old } = data.input as Extract<typeof data.input, { kind: 'series' }>;
    writeDataJson(runDir, { ...data, input: old });
    expect((await score(runDir, 'plain.csv', 'plain-old-scores.csv')).count).toBe(POINTS);
  }, 240_000);
});
