// A trainer that exits without its 'done' message: the dashboard shows what the host recorded in summary.json.
import { describe, expect, it } from 'vitest';
import { DashboardModel } from '../../../src/extension/dashboard/dashboardModel';
import type { TrainerToHost } from '../../../src/protocol/trainerMessages';

const started: TrainerToHost = {
  type: 'started', runId: 'r', runDir: '/runs/r', backend: 'cpu', kind: 'deep', name: 'r', epochsPlanned: 3, batchesPerEpoch: 2,
  parameterCount: 10, trainSamples: 8, validationSamples: 2, sampleShape: [4],
};

describe('DashboardModel.markEnded', () => {
  it('shows a run killed after a stop as stopped, and one that died on its own as failed', () => {
    const stopped = new DashboardModel();
    stopped.apply(started);
    stopped.markEnded('stopped');
    expect(stopped.data.run).toMatchObject({ status: 'stopped', live: false });

    const died = new DashboardModel();
    died.apply(started);
    died.markEnded();
    expect(died.data.run).toMatchObject({ status: 'failed', live: false });
  });

  it('keeps the status the trainer reported when it did say done', () => {
    const model = new DashboardModel();
    model.apply(started);
    model.apply({ type: 'done', runDir: '/runs/r', summary: null, error: null });
    const before = model.data.run?.status;
    model.markEnded('failed');
    expect(model.data.run?.status).toBe(before);
  });
});
