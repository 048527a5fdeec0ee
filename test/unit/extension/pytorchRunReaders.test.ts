// The host readers on a run folder the exported PyTorch script wrote, next to one of ours: the rebuilt dashboard
// (curves, no views), the Experiments table's row, and Apply Autoencoder, which never offers it (no tfjs model).
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicableRuns } from '../../../src/extension/apply/applicableRuns';
import { loadRunFromFolder } from '../../../src/extension/dashboard/runHistory';
import { loadExperiments } from '../../../src/extension/experiments/loadExperiments';
import { VIEW_DATA_KEYS } from '../../../src/protocol/viewPayloads';
import { tempWorkspace } from '../../helpers/experimentFiles';
import { deadOwnerOnThisHost, MNIST_DATA_JSON, writePytorchRunFolder } from '../../helpers/pytorchRunFolder';

const OURS = 'deep-mnist-20261125-130112';
const FIXTURE_RUN = join(__dirname, '..', '..', 'fixtures', 'webview', 'runs', OURS);

/** A recorded run of ours (given the data.json a run writes with its models) and a PyTorch run, in one runs folder. */
function runsWithBoth(): string {
  const runsDir = tempWorkspace('aelab-pt-readers-');
  cpSync(FIXTURE_RUN, join(runsDir, OURS), { recursive: true });
  writeFileSync(join(runsDir, OURS, 'data.json'), JSON.stringify(MNIST_DATA_JSON));
  writePytorchRunFolder(runsDir, { runId: 'deep-pt', kind: 'deep', epochs: 3, worldSize: 2 });
  return runsDir;
}

describe('host readers on a run trained by PyTorch', () => {
  it('the dashboard rebuilt from its folder: run info with its backend, every metrics line, no views and no evaluation', () => {
    const runDir = writePytorchRunFolder(tempWorkspace('aelab-pt-history-'), { runId: 'vae-pt', kind: 'vae', status: 'running', epochs: 1, epochsPlanned: 10, owner: deadOwnerOnThisHost() });
    const { data } = loadRunFromFolder(runDir);
    expect(data.run).toMatchObject({ runId: 'vae-pt', kind: 'vae', backend: 'pytorch', status: 'interrupted', epochs: 1, epochsPlanned: 10, live: false, error: undefined });
    expect(data.metrics).toHaveLength(1);
    expect(data.metrics[0]).toMatchObject({ epoch: 1, threads: 1, recon_loss: expect.any(Number), val_kl_loss: expect.any(Number) });
    expect(data.evaluation).toBeNull();
    for (const key of VIEW_DATA_KEYS) expect(data[key], key).toBeNull();
  });

  it('the Experiments table lists it beside ours, with its settings and final metrics', async () => {
    const experiments = await loadExperiments(runsWithBoth());
    expect(experiments.problems).toEqual([]);
    const row = experiments.rows.find((r) => r.runId === 'deep-pt')!;
    expect(row).toMatchObject({ kind: 'deep', status: 'completed', epochs: 3, params: { kind: 'deep', 'model.hidden': '[64]' } });
    expect(row.metrics['final.loss']).toBeCloseTo(0.1);
    expect(row.metrics['final.val_loss']).toBeCloseTo(0.12);
    expect(row.metrics.best_val_loss).toBeCloseTo(0.12);
    expect(experiments.rows.map((r) => r.runId).sort()).toEqual(['deep-pt', OURS].sort());
  });

  it('Apply Autoencoder offers our run only, though the PyTorch run carries a copy of data.json', async () => {
    const runsDir = runsWithBoth();
    const shape = { kind: 'images', channels: 1, format: 'images' } as const;
    const { completed, finished } = await applicableRuns(runsDir, shape);
    expect(finished.map((run) => run.item.runId)).toEqual([OURS]);
    expect(completed).toBe(1);
  });
});
