// The Generate and Try it views' served trainer, asked to serve a run the exported PyTorch script trained: decode
// requests and probes answer why there is no decoder (trained by PyTorch, no tfjs model), not a generic failure.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainerProcess } from '../../../src/host/trainerProcess';
import { TRAINER_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { writePytorchRunFolder } from '../../helpers/pytorchRunFolder';

const IMAGE = join(__dirname, '..', '..', 'fixtures', 'images-small', 'circle', '00.png');

describe('serving a run trained by PyTorch', () => {
  it('answers decodes and probes with the reason', async () => {
    const runDir = writePytorchRunFolder(tempWorkspace('aelab-pt-serve-'), { runId: 'pt-done', kind: 'vae' });
    const trainer = new TrainerProcess({ type: 'serve', runDir, backend: 'cpu' }, { trainerScript: TRAINER_SCRIPT, onMessage: () => {} });
    const reason = `${runDir}: was trained by PyTorch (summary.json backend "pytorch") and has no tfjs model`;
    try {
      await expect(trainer.decode(new Float32Array(2), 1)).rejects.toThrow(`${reason}, so Autoencoder Lab cannot decode with it`);
      const probed = await trainer.probe({ runDir, sample: { kind: 'file', path: IMAGE }, k: 2 });
      expect(probed.error).toContain(`${reason}, so Autoencoder Lab cannot apply, evaluate or serve it`);
    } finally {
      trainer.stop();
      await trainer.exited;
    }
  });
});
