// Short-time Fourier transform and its inverse, on fft.js. Frames start every `hop` samples and are weighted by a
// periodic Hann window; the spectrum keeps bins 0 .. frameSize/2 - 1 (the Nyquist bin is dropped so that the bin
// count is a power of two that conv networks can halve; it is set to 0 on the way back).
import FFT from 'fft.js';

export interface StftSettings {
  frameSize: number;
  hop: number;
}

/** Per frame and bin (index frame * bins + bin): the magnitude and phase of the windowed frame's spectrum. */
export interface Spectrogram {
  frames: number;
  bins: number;
  magnitude: Float32Array;
  phase: Float32Array;
}

export function hannWindow(size: number): Float64Array {
  const window = new Float64Array(size);
  for (let n = 0; n < size; n++) window[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / size);
  return window;
}

/** How many whole frames fit in `length` samples. */
export function frameCount(length: number, { frameSize, hop }: StftSettings): number {
  return length < frameSize ? 0 : Math.floor((length - frameSize) / hop) + 1;
}

export function stft(signal: Float32Array, settings: StftSettings): Spectrogram {
  const { frameSize, hop } = settings;
  const bins = frameSize / 2;
  const frames = frameCount(signal.length, settings);
  const fft = new FFT(frameSize);
  const window = hannWindow(frameSize);
  const input = new Float64Array(frameSize);
  const out = fft.createComplexArray() as number[];
  const magnitude = new Float32Array(frames * bins);
  const phase = new Float32Array(frames * bins);
  for (let t = 0; t < frames; t++) {
    for (let n = 0; n < frameSize; n++) input[n] = signal[t * hop + n] * window[n];
    fft.realTransform(out, input);
    for (let k = 0; k < bins; k++) {
      const re = out[2 * k];
      const im = out[2 * k + 1];
      magnitude[t * bins + k] = Math.hypot(re, im);
      phase[t * bins + k] = Math.atan2(im, re);
    }
  }
  return { frames, bins, magnitude, phase };
}

/**
 * The signal of `length` samples whose STFT is closest to (magnitude, phase) in the least-squares sense (Griffin and
 * Lim 1984): each frame's inverse FFT is windowed again, overlap-added, and divided by the sum of the squared windows
 * covering each sample. Samples no frame covers are 0.
 */
export function istft(spectrogram: Spectrogram, settings: StftSettings, length: number): Float32Array {
  const { frameSize, hop } = settings;
  const { frames, bins, magnitude, phase } = spectrogram;
  const fft = new FFT(frameSize);
  const window = hannWindow(frameSize);
  const spectrum = fft.createComplexArray() as number[];
  const frame = fft.createComplexArray() as number[];
  const sum = new Float64Array(length);
  const weight = new Float64Array(length);
  for (let t = 0; t < frames; t++) {
    spectrum.fill(0);
    for (let k = 0; k < bins; k++) {
      const re = magnitude[t * bins + k] * Math.cos(phase[t * bins + k]);
      const im = magnitude[t * bins + k] * Math.sin(phase[t * bins + k]);
      spectrum[2 * k] = re;
      spectrum[2 * k + 1] = im;
      if (k > 0) {
        // A real signal's spectrum is conjugate-symmetric.
        spectrum[2 * (frameSize - k)] = re;
        spectrum[2 * (frameSize - k) + 1] = -im;
      }
    }
    fft.inverseTransform(frame, spectrum);
    for (let n = 0; n < frameSize; n++) {
      const at = t * hop + n;
      if (at >= length) break;
      sum[at] += frame[2 * n] * window[n];
      weight[at] += window[n] * window[n];
    }
  }
  const signal = new Float32Array(length);
  for (let i = 0; i < length; i++) signal[i] = weight[i] > 1e-6 ? sum[i] / weight[i] : 0;
  return signal;
}
