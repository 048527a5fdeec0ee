// Train on Folder on WAV recordings: the folder or a .wav file is audio, and the experiment it writes is the audio
// denoiser's (STFT settings, sample rate and noise), pointed at the data.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import { dataShapeOf, defaultKind } from '../../../src/extension/data/dataKind';
import { folderExperiment } from '../../../src/templates/folderExperiment';
import { tempWorkspace } from '../../helpers/experimentFiles';

describe('Train on Folder with WAV files', () => {
  const workspace = tempWorkspace('aelab-audio-folder-');
  const folder = join(workspace, 'sounds');
  mkdirSync(folder);
  copyFileSync('/usr/share/sounds/alsa/Front_Left.wav', join(folder, 'Front_Left.wav'));

  it('takes a folder of WAV files and a .wav file for audio, proposing the denoising kind', () => {
    expect(dataShapeOf(folder, true)).toBe('audio');
    expect(dataShapeOf(join(folder, 'Front_Left.wav'), false)).toBe('audio');
    expect(defaultKind('audio', { image: 'conv', table: 'deep' })).toBe('denoising');
  });

  it('writes the audio denoiser experiment for the folder', () => {
    const { name, experiment } = folderExperiment({ dataPath: folder, experimentsDir: join(workspace, 'experiments') });
    expect(name).toBe('sounds-denoising');
    const parsed = experimentSchema.parse(experiment);
    expect(parsed.kind).toBe('denoising');
    expect(parsed.data).toMatchObject({ source: '../sounds', format: 'audio', sampleRate: 8000, stft: { frameSize: 256, hop: 128 }, patchFrames: 8 });
    expect(parsed.model.noise).toEqual({ type: 'audio', snr: 10 });
    expect(experiment.comment).toContain('audio-denoiser template');
  });
});
