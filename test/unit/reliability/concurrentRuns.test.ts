// Two trains of the same experiment at once never share a run folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';
import { startTrainer } from '../../helpers/runTrainer';

describe('concurrent runs of one experiment', () => {
  it('get separate folders and both complete', async () => {
    const workspace = tempWorkspace();
    const file = writeExperiment(workspace, { name: 'twice' });
    const runsDir = join(workspace, 'runs');
    const [a, b] = await Promise.all([startTrainer({ experimentFile: file, runsDir }).exited, startTrainer({ experimentFile: file, runsDir }).exited]);
    expect(a.summary?.status).toBe('completed');
    expect(b.summary?.status).toBe('completed');
    expect(a.summary?.runId).not.toBe(b.summary?.runId);
    for (const exit of [a, b]) {
      const lines = readFileSync(join(runsDir, exit.summary!.runId, 'metrics.jsonl'), 'utf8').trim().split('\n');
      expect(lines.map((l) => JSON.parse(l).epoch)).toEqual([1, 2]);
    }
  });
});
