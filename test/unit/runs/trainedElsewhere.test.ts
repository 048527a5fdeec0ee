// Runs trained by the exported PyTorch script (test/helpers/pytorchRunFolder.ts writes its folder): listed with their
// status and engine, never offered for Resume, and, without the tfjs models the script writes back, refused by every
// reader that needs one, naming why.
import { rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../../src/protocol/errors';
import { RESUMING_ELSEWHERE } from '../../../src/protocol/trainedElsewhere';
import { readMetrics } from '../../../src/runs/metricsFile';
import { listRuns } from '../../../src/runs/runList';
import { refuseRunTrainedElsewhere, trainedElsewhereReason } from '../../../src/runs/trainedElsewhere';
import { requireSummary } from '../../../src/runs/summaryFile';
import { tempWorkspace } from '../../helpers/experimentFiles';
import { deadOwnerOnThisHost, writePytorchRunFolder } from '../../helpers/pytorchRunFolder';

describe('runs trained by PyTorch', () => {
  it('are listed with their status, epochs, best val loss and engine, and are never resumable', async () => {
    const runsDir = tempWorkspace('aelab-pt-runs-');
    writePytorchRunFolder(runsDir, { runId: 'pt-done', startedAt: '2026-12-01T07:00:00.000Z', worldSize: 2 });
    writePytorchRunFolder(runsDir, { runId: 'pt-stopped', status: 'stopped', epochs: 1, epochsPlanned: 5, startedAt: '2026-12-01T06:00:00.000Z' });
    writePytorchRunFolder(runsDir, { runId: 'pt-failed', status: 'failed', epochs: 0, epochsPlanned: 5, startedAt: '2026-12-01T05:00:00.000Z' });
    const runs = await listRuns(runsDir);
    expect(runs).toMatchObject([
      { runId: 'pt-done', status: 'completed', kind: 'deep', epochs: 2, epochsPlanned: 2, bestValLoss: 0.15 + 0.02, resumable: false, trainedBy: 'PyTorch', detail: 'trained by PyTorch: curves and summary only, no tfjs model' },
      // Our trainer would retrain a stopped or failed run it has no checkpoint of: not another engine's.
      { runId: 'pt-stopped', status: 'stopped', resumable: false, trainedBy: 'PyTorch' },
      { runId: 'pt-failed', status: 'failed', resumable: false, trainedBy: 'PyTorch' },
    ]);
  });

  it('a "running" run whose owner pid is dead on this host is interrupted; a live owner keeps it running', async () => {
    const runsDir = tempWorkspace('aelab-pt-live-');
    writePytorchRunFolder(runsDir, { runId: 'pt-dead', status: 'running', epochs: 1, epochsPlanned: 10, owner: deadOwnerOnThisHost(), startedAt: '2026-12-01T07:00:00.000Z' });
    writePytorchRunFolder(runsDir, { runId: 'pt-live', status: 'running', epochs: 1, epochsPlanned: 10, owner: { pid: process.pid, host: hostname(), heartbeatAt: new Date().toISOString() }, startedAt: '2026-12-01T06:00:00.000Z' });
    expect(await listRuns(runsDir)).toMatchObject([
      { runId: 'pt-dead', status: 'interrupted', resumable: false, trainedBy: 'PyTorch' },
      { runId: 'pt-live', status: 'running', resumable: false, trainedBy: 'PyTorch' },
    ]);
  });

  it('--epochs 0 (evaluation only): summary.json reads with 0 epochs and its final validation loss', () => {
    const runDir = writePytorchRunFolder(tempWorkspace('aelab-pt-eval-'), { runId: 'pt-eval', epochs: 0 });
    const summary = requireSummary(runDir);
    expect(summary).toMatchObject({ backend: 'pytorch', epochs: 0, epochsPlanned: 0, status: 'completed' });
    expect(summary.final).toMatchObject({ epoch: 0, loss: 0.3 });
    expect(summary.final?.val_loss).toBeCloseTo(0.32);
    expect(readMetrics(runDir)).toEqual([]);
  });

  it("metrics.jsonl's lines read with the world size as threads and the kind's loss parts", () => {
    const runDir = writePytorchRunFolder(tempWorkspace('aelab-pt-metrics-'), { runId: 'pt-vae', kind: 'vae', worldSize: 2 });
    const metrics = readMetrics(runDir);
    expect(metrics).toHaveLength(2);
    expect(metrics[1]).toMatchObject({ epoch: 2, threads: 2, loss: 0.15 });
    expect(Object.keys(metrics[1])).toEqual(expect.arrayContaining(['recon_loss', 'kl_loss', 'val_recon_loss', 'val_kl_loss']));
  });

  it('refuses what needs a tfjs model with an InputError naming the run folder and the engine; our runs pass', () => {
    const runsDir = tempWorkspace('aelab-pt-refuse-');
    const runDir = writePytorchRunFolder(runsDir, { runId: 'pt-done' });
    let thrown: unknown;
    try {
      refuseRunTrainedElsewhere(runDir, 'apply it');
    } catch (error) {
      thrown = error;
    }
    expect(isInputError(thrown)).toBe(true);
    expect((thrown as Error).message).toBe(`${runDir}: was trained by PyTorch (summary.json backend "pytorch") and has no tfjs model, so Autoencoder Lab cannot apply it; its curves show in the dashboard and Compare`);
    // A run of our trainer, and a folder with no readable summary (its own reader reports that), are not refused here.
    const ours = writePytorchRunFolder(runsDir, { runId: 'ours' });
    const summary = requireSummary(ours);
    writeFileSync(join(ours, 'summary.json'), JSON.stringify({ ...summary, backend: 'wasm' }));
    expect(trainedElsewhereReason(ours, 'apply it')).toBeUndefined();
    expect(trainedElsewhereReason(join(runsDir, 'missing'), 'apply it')).toBeUndefined();
  });

  it('with the tfjs models its script wrote: listed as such and let through, except for resuming (no checkpoint of ours)', async () => {
    const runsDir = tempWorkspace('aelab-pt-models-');
    const runDir = writePytorchRunFolder(runsDir, { runId: 'pt-models', tfjsModels: true });
    expect(await listRuns(runsDir)).toMatchObject([{ runId: 'pt-models', resumable: false, trainedBy: 'PyTorch', tfjsModel: true, detail: 'trained by PyTorch, its weights written back as tfjs models' }]);
    expect(trainedElsewhereReason(runDir, 'apply it')).toBeUndefined();
    expect(trainedElsewhereReason(runDir, RESUMING_ELSEWHERE)).toBe(
      'was trained by PyTorch (summary.json backend "pytorch") and has no Autoencoder Lab checkpoint, so Autoencoder Lab cannot resume it (only the script that trained it can train it further); its curves show in the dashboard and Compare',
    );
    // Only a decoder left (a folder half copied back): still refused as having no model.
    rmSync(join(runDir, 'encoder'), { recursive: true });
    expect(trainedElsewhereReason(runDir, 'apply it')).toContain('has no tfjs model');
  });
});
