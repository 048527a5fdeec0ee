// reconstruct on audio: each WAV file's patches through the model, and the clip rebuilt from the model's magnitudes
// with the input's (noisy) phase by overlap-add, written as a 16-bit WAV at the run's sample rate: one file at `out`
// for one input file, the same relative paths under `out` for a folder. Each file is written atomically.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Applied } from '../../protocol/applyMessages';
import { clipPatches } from '../data/audio/clipPatches';
import { readWavMono, writeWavMono } from '../data/audio/wavFile';
import { audioFilesOf } from './audioInput';
import { ApplyStopped, APPLY_BATCH, type JobControl } from './eachBatch';
import type { LoadedRun } from './loadRun';
import { runBatch } from './runModels';

export async function reconstructAudio(run: LoadedRun, path: string, out: string, { progress, shouldStop }: JobControl): Promise<Applied> {
  const audio = audioFilesOf(path, run);
  const size = run.sampleShape.reduce((a, b) => a * b, 1);
  let done = 0;
  progress(0, audio.files.length);
  for (const rel of audio.files) {
    if (shouldStop()) throw new ApplyStopped(done);
    const patches = clipPatches(readWavMono(audio.pathOf(rel), audio.settings.sampleRate).samples, audio.settings);
    const cleaned = new Float32Array(patches.x.length);
    for (let start = 0; start < patches.count; start += APPLY_BATCH) {
      const rows = Math.min(APPLY_BATCH, patches.count - start);
      const { reconstructions } = runBatch(run.models, patches.x.subarray(start * size, (start + rows) * size), [rows, ...run.sampleShape], run.loss);
      cleaned.set(reconstructions, start * size);
    }
    const file = audio.isFolder ? join(out, rel) : out;
    mkdirSync(dirname(file), { recursive: true });
    writeWavMono(file, patches.rebuild(cleaned), audio.settings.sampleRate);
    done++;
    progress(done, audio.files.length);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { type: 'applied', job: 'reconstruct', count: done, out };
}
