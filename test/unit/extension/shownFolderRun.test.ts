// A dashboard showing a run folder follows a run that trains outside the window (here the PyTorch script's layout,
// written as the script does: a metrics line, then summary.json replaced atomically) and reads nothing while it is idle.
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShownFolderRun } from '../../../src/extension/dashboard/shownFolderRun';
import type { RunSummary } from '../../../src/protocol/trainerMessages';
import { tempWorkspace } from '../../helpers/experimentFiles';
import { pytorchEpochMetrics, writePytorchRunFolder } from '../../helpers/pytorchRunFolder';

function replaceSummary(runDir: string, change: Partial<RunSummary>): void {
  const file = join(runDir, 'summary.json');
  const summary = { ...(JSON.parse(readFileSync(file, 'utf8')) as RunSummary), ...change };
  writeFileSync(`${file}.tmp`, JSON.stringify(summary));
  renameSync(`${file}.tmp`, file);
}

describe('a shown run folder', () => {
  it('is read again when its summary.json is replaced, and only then', () => {
    const owner = { pid: process.pid, host: hostname(), heartbeatAt: new Date().toISOString() };
    const runDir = writePytorchRunFolder(tempWorkspace('aelab-shown-'), { runId: 'pt-live', status: 'running', epochs: 1, epochsPlanned: 2, owner });
    const shown = new ShownFolderRun(runDir);
    expect(shown.model.data.run).toMatchObject({ status: 'running', epochs: 1 });
    expect(shown.model.data.metrics).toHaveLength(1);
    expect(shown.refresh()).toBe(false);

    appendFileSync(join(runDir, 'metrics.jsonl'), `${JSON.stringify(pytorchEpochMetrics('deep', 2))}\n`);
    // A metrics line alone is not a new version: the script replaces summary.json right after it.
    expect(shown.refresh()).toBe(false);
    replaceSummary(runDir, { epochs: 2, owner: { ...owner, heartbeatAt: new Date().toISOString() } });
    expect(shown.refresh()).toBe(true);
    expect(shown.model.data.metrics.map((m) => m.epoch)).toEqual([1, 2]);
    expect(shown.model.data.run).toMatchObject({ status: 'running', epochs: 2, backend: 'pytorch' });

    replaceSummary(runDir, { status: 'completed', owner: undefined, endedAt: new Date().toISOString() });
    expect(shown.refresh()).toBe(true);
    expect(shown.model.data.run).toMatchObject({ status: 'completed', epochs: 2 });
    expect(shown.refresh()).toBe(false);
  });
});
