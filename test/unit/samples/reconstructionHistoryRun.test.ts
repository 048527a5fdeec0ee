// End to end through `aelab`: a run keeps one reconstruction frame per epoch in views/reconstructionHistory.json, and
// `aelab resume` continues that history, replacing any frame saved after the checkpoint it resumes from.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readViewSnapshot, saveViewSnapshot } from '../../../src/runs/viewFiles';
import { CLI_SCRIPT, tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';

const aelab = (args: string[], cwd: string) => runNode([CLI_SCRIPT, ...args], { cwd });

describe('reconstruction history of a run', () => {
  it('a 3-epoch run keeps 3 frames; a resumed run continues them', async () => {
    const workspace = tempWorkspace('aelab-recon-history-');
    writeExperiment(workspace, { name: 'tiny', data: { source: 'builtin:mnist', validationSplit: 0.2, limit: 100 }, model: { hidden: [16], latentDim: 4 }, training: { epochs: 3, batchSize: 32, learningRate: 0.01, seed: 3 } });
    const trained = await aelab(['train', 'tiny.ae.json', '--runs-dir', 'runs', '--backend', 'cpu', '--json'], workspace);
    expect(trained.status, trained.stderr).toBe(0);
    const runDir = join(workspace, 'runs', JSON.parse(trained.stdout).runId);
    const history = readViewSnapshot(runDir, 'reconstructionHistory')!;
    expect(history.sampleShape).toEqual([28, 28, 1]);
    expect(history.frames.map((frame) => frame.epoch)).toEqual([1, 2, 3]);
    const previews = readViewSnapshot(runDir, 'reconstructions')!;
    for (const frame of history.frames) {
      expect(frame.outputs).toHaveLength(previews.outputs.length);
      expect(frame.outputs.every((output) => output instanceof Uint8Array && output.length === 28 * 28)).toBe(true);
    }
    // The newest frame is the grid's outputs as display pixels.
    expect(Array.from(history.frames[2].outputs[0])).toEqual(Array.from(previews.outputs[0], (v) => Math.round(Math.min(1, Math.max(0, v)) * 255)));
    expect(statSync(join(runDir, 'views', 'reconstructionHistory.json')).size).toBeLessThan(3 * 12_000);

    // As if the trainer had died after saving epoch 4's frame but before checkpointing it: resume starts at epoch 4.
    const stale = { epoch: 4, outputs: history.frames[0].outputs.map((output) => new Uint8Array(output.length)) };
    saveViewSnapshot(runDir, { ...history, frames: [...history.frames, stale] });
    const resumed = await aelab(['resume', runDir, '--epochs', '5', '--backend', 'cpu'], workspace);
    expect(resumed.status, resumed.stderr).toBe(0);
    const continued = readViewSnapshot(runDir, 'reconstructionHistory')!;
    expect(continued.frames.map((frame) => frame.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(continued.frames.slice(0, 3)).toEqual(history.frames);
    expect(continued.frames[3].outputs[0].some((v) => v > 0)).toBe(true);
  });
});
