// Apply Autoencoder on WAV input: a .wav file (a real alsa-utils recording) or a folder of them is audio, offered to
// audio runs only (data.json "audio"), never to image runs, and an audio run is not offered for images even though
// its patches have an image's shape. Reconstructing a WAV file defaults to a cleaned WAV beside it.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicableRuns } from '../../../src/extension/apply/applicableRuns';
import { defaultOutput } from '../../../src/extension/apply/applyOutput';
import { inputShapeOf } from '../../../src/extension/apply/inputShape';
import { noRunFitsMessage, runTakes } from '../../../src/extension/apply/runFit';
import type { DataJson, InputSpec } from '../../../src/runs/dataFile';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const WAV = '/usr/share/sounds/alsa/Front_Center.wav';
/** What an audio run's data.json says of its input: 128-bin x 8-frame patches, shaped like gray images. */
const patches: InputSpec = { kind: 'images', height: 128, width: 8, channels: 1, resize: 'bilinear' };
const audioData: DataJson = {
  sampleShape: [128, 8, 1],
  normalization: { kind: 'minmax', min: [-100], max: [0] },
  input: patches,
  audio: { sampleRate: 8000, frameSize: 256, hop: 128, patchFrames: 8 },
};
const imageData: DataJson = { sampleShape: [128, 8, 1], normalization: { kind: 'scale', divisor: 255 }, input: patches };

describe('WAV input for Apply Autoencoder', () => {
  it('reads a WAV file, and a folder holding WAV files but no image, as audio; a fake .wav is refused by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aelab-apply-wav-'));
    mkdirSync(join(dir, 'sounds', 'take2'), { recursive: true });
    copyFileSync(WAV, join(dir, 'sounds', 'take2', 'front.wav'));
    expect(inputShapeOf(WAV, false)).toEqual({ kind: 'audio', format: 'audio' });
    expect(inputShapeOf(join(dir, 'sounds'), true)).toEqual({ kind: 'audio', format: 'audio' });
    writeFileSync(join(dir, 'notes.wav'), 'not audio at all');
    expect(() => inputShapeOf(join(dir, 'notes.wav'), false)).toThrow(/notes\.wav: not a WAV file \(expected a RIFF\/WAVE header\)/);
    mkdirSync(join(dir, 'empty'));
    expect(() => inputShapeOf(join(dir, 'empty'), true)).toThrow(/empty: the folder holds no PNG or JPEG image and no WAV file/);
  });

  it('offers audio runs for WAV input and nothing else, and image runs never for WAV input', () => {
    const wav = inputShapeOf(WAV, false);
    const gray = inputShapeOf(join(FIXTURES, 'images-small', 'circle', '00.png'), false);
    expect(runTakes(patches, wav, true)).toBe(true);
    expect(runTakes(patches, gray, true)).toBe(false);
    expect(runTakes(patches, wav, false)).toBe(false);
    expect(runTakes(patches, gray, false)).toBe(true);
    expect(noRunFitsMessage(wav, { completed: 2, applicable: 2 })).toBe('no finished run takes WAV audio; train one first on data like this.');
  });

  it('picks the finished audio runs from the runs folder by their data.json', async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'aelab-apply-wav-runs-'));
    // Real finished run folders (summary.json from a recorded run), one given audio settings.
    const recorded = join(FIXTURES, 'webview', 'runs', 'denoising-mnist-20261125-130135');
    for (const [folder, data] of [['speech-run', audioData], ['pictures-run', imageData]] as const) {
      cpSync(recorded, join(runsDir, folder), { recursive: true });
      writeFileSync(join(runsDir, folder, 'data.json'), JSON.stringify(data));
    }
    const forWav = await applicableRuns(runsDir, inputShapeOf(WAV, false));
    expect(forWav.completed).toBe(2);
    expect(forWav.fitting.map((run) => run.item.runId)).toEqual(['speech-run']);
    const forImage = await applicableRuns(runsDir, inputShapeOf(join(FIXTURES, 'images-small', 'circle', '00.png'), false));
    expect(forImage.fitting.map((run) => run.item.runId)).toEqual(['pictures-run']);
  });

  it('writes a cleaned WAV beside a WAV file, and a folder beside a folder', () => {
    const wav = inputShapeOf(WAV, false);
    const file = defaultOutput('/nowhere/speech.wav', false, wav, 'reconstruct', true);
    expect(file).toEqual({ path: '/nowhere/speech-denoised.wav', isFolder: false, filters: { WAV: ['wav'] } });
    expect(defaultOutput('/nowhere/speech', true, wav, 'reconstruct', true)).toMatchObject({ path: '/nowhere/speech-denoised', isFolder: true });
  });
});
