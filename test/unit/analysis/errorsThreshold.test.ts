// The dashboard's default anomaly threshold is the run's own: a denoising run trained through the CLI ends with an
// errors view whose threshold is the one data.json keeps (which `aelab score` uses), so both score clean inputs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataJson } from '../../../src/runs/dataFile';
import { readViewSnapshot } from '../../../src/runs/viewFiles';
import { percentile } from '../../../src/protocol/percentile';
import { CLI_SCRIPT, tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';

describe("the errors view's threshold", () => {
  it('equals the threshold data.json keeps, for a denoising run', async () => {
    const work = tempWorkspace('aelab-threshold-');
    writeExperiment(work, {
      name: 'denoiser',
      kind: 'denoising',
      data: { source: 'builtin:mnist', validationSplit: 0.2, limit: 300 },
      model: { hidden: [32], latentDim: 8, noise: { type: 'gaussian', sigma: 0.5 } },
      training: { epochs: 1, batchSize: 64, learningRate: 0.002, seed: 3 },
    });
    const result = await runNode([CLI_SCRIPT, 'train', 'denoiser.ae.json', '--backend', 'cpu', '--json'], { cwd: work });
    expect(result.status, result.stderr).toBe(0);
    const runDir = join(work, '.aelab', 'runs', JSON.parse(result.stdout).runId);

    const kept = readDataJson(runDir)?.threshold;
    const errors = readViewSnapshot(runDir, 'errors');
    expect(kept).toBeTruthy();
    expect(errors?.epoch).toBe(1);
    expect(errors?.train.length).toBe(kept!.samples);
    expect(errors?.threshold).toEqual({ method: kept!.method, percentile: kept!.percentile, value: kept!.value });
    // The histogram's own train errors give it too: they are the clean-input errors the run's threshold is taken from.
    expect(percentile(errors!.train, kept!.percentile)).toBe(kept!.value);
  });
});
