// The Keras export has no loader for audio: it refuses at export time, naming data.format, also when "auto" finds WAV files.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import { dataSection } from '../../../src/templates/keras/dataSection';

function experiment(format: string) {
  return experimentSchema.parse({ name: 'clips', kind: 'denoising', data: { source: 'clips', format } });
}

describe('Keras export of audio runs', () => {
  it('is refused for data.format "audio"', () => {
    expect(() => dataSection(experiment('audio'), '/nowhere/clips.ae.json', [128, 16, 1])).toThrow(/the Keras export does not support data\.format "audio"/);
  });

  it('is refused when "auto" finds a folder of WAV files, not taken for images', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aelab-keras-audio-'));
    const clips = join(dir, 'clips');
    mkdirSync(clips);
    writeFileSync(join(clips, 'a.wav'), '');
    expect(() => dataSection(experiment('auto'), join(dir, 'clips.ae.json'), [128, 16, 1])).toThrow(/data\.format "audio"/);
  });
});

