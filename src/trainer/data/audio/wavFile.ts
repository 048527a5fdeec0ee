// WAV files in and out, through wavefile: any PCM depth (8/16/24/32-bit) or 32/64-bit float, mixed to mono and
// resampled to the run's rate. Anything else is an InputError naming the file and what was expected.
import { readRegularFile } from '../regularFile';
import { WaveFile } from 'wavefile';
import { InputError } from '../../../protocol/errors';
import { writeFileAtomic } from '../../../runs/atomicWrite';

const EXPECTED = 'a RIFF/WAVE file with PCM 8, 16, 24 or 32-bit or 32/64-bit float samples';
const READABLE_DEPTHS = new Set(['8', '16', '24', '32', '32f', '64']);

export interface MonoAudio {
  /** Mono samples in [-1, 1] (float files may exceed it), at `sampleRate`. */
  samples: Float32Array;
  sampleRate: number;
  /** What the file held, for the run log: "48000 Hz, 16-bit, 2 channels". */
  original: string;
}

/** Reads `file` as mono at `sampleRate` (resampled by wavefile's sinc interpolation with its anti-alias filter). */
export function readWavMono(file: string, sampleRate: number): MonoAudio {
  const bytes = readRegularFile(file, 'WAV file');
  let wav: WaveFile;
  try {
    wav = new WaveFile(bytes);
  } catch (error) {
    throw new InputError(`is not a readable WAV file (${error instanceof Error ? error.message : String(error)}); expected ${EXPECTED}`, { file });
  }
  // Copied: wavefile replaces (and clears) its fmt object when it converts.
  const fmt = { ...(wav.fmt as { numChannels: number; sampleRate: number; audioFormat: number }) };
  const depth = String(wav.bitDepth);
  if (!READABLE_DEPTHS.has(depth) || (fmt.audioFormat !== 1 && fmt.audioFormat !== 3 && fmt.audioFormat !== 65534)) {
    throw new InputError(`holds ${depth}-bit samples of WAVE format code ${fmt.audioFormat}; expected ${EXPECTED}`, { file });
  }
  if (fmt.numChannels < 1 || fmt.sampleRate <= 0) throw new InputError(`declares ${fmt.numChannels} channels at ${fmt.sampleRate} Hz; expected ${EXPECTED}`, { file });
  const original = `${fmt.sampleRate} Hz, ${depth === '32f' ? '32-bit float' : depth === '64' ? '64-bit float' : `${depth}-bit`}, ${fmt.numChannels} channel${fmt.numChannels === 1 ? '' : 's'}`;
  if (depth !== '32f' && depth !== '64') wav.toBitDepth('32f'); // integer PCM -> float in [-1, 1]
  if (fmt.sampleRate !== sampleRate) wav.toSampleRate(sampleRate, { method: 'sinc' });
  const raw = wav.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  const channels = fmt.numChannels === 1 ? [raw as Float64Array] : (raw as Float64Array[]);
  const length = channels[0]?.length ?? 0;
  if (length === 0) throw new InputError(`holds no samples; expected ${EXPECTED} with at least one frame of audio`, { file });
  const samples = new Float32Array(length);
  for (const channel of channels) for (let i = 0; i < length; i++) samples[i] += channel[i] / channels.length;
  return { samples, sampleRate, original };
}

/** Writes mono float samples as a 16-bit PCM WAV file, atomically (clipped to [-1, 1]). */
export function writeWavMono(file: string, samples: Float32Array, sampleRate: number): void {
  const pcm = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) pcm[i] = Math.round(Math.max(-1, Math.min(1, samples[i])) * 32767);
  writeFileAtomic(file, wavBytes(pcm, sampleRate));
}

/** The bytes of a 16-bit mono WAV file (also what the dashboard's audio players play). */
export function wavBytes(pcm: Int16Array, sampleRate: number): Uint8Array {
  const wav = new WaveFile();
  wav.fromScratch(1, sampleRate, '16', pcm);
  return wav.toBuffer();
}
