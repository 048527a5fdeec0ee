// Signal-to-noise ratios of an estimate against a clean reference, in dB, on waveforms of equal length.
// SNR = 10 log10(|s|^2 / |s - s^|^2). SI-SNR (Le Roux et al., "SDR - half-baked or well done?", ICASSP 2019): both
// signals made zero-mean, the estimate projected on the reference (s_t = <s^, s> s / |s|^2, e = s^ - s_t), then
// 10 log10(|s_t|^2 / |e|^2), so rescaling the estimate does not change it.

function checkLengths(reference: ArrayLike<number>, estimate: ArrayLike<number>): void {
  if (reference.length !== estimate.length || reference.length === 0) throw new Error(`SNR needs two waveforms of the same non-zero length (got ${reference.length} and ${estimate.length})`);
}

function ratioDb(signal: number, noise: number): number {
  if (noise === 0) return Infinity;
  return 10 * Math.log10(signal / noise);
}

export function snrDb(reference: ArrayLike<number>, estimate: ArrayLike<number>): number {
  checkLengths(reference, estimate);
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < reference.length; i++) {
    signal += reference[i] * reference[i];
    noise += (reference[i] - estimate[i]) ** 2;
  }
  return ratioDb(signal, noise);
}

export function siSnrDb(reference: ArrayLike<number>, estimate: ArrayLike<number>): number {
  checkLengths(reference, estimate);
  const n = reference.length;
  let meanRef = 0;
  let meanEst = 0;
  for (let i = 0; i < n; i++) {
    meanRef += reference[i] / n;
    meanEst += estimate[i] / n;
  }
  let dot = 0;
  let refEnergy = 0;
  for (let i = 0; i < n; i++) {
    dot += (estimate[i] - meanEst) * (reference[i] - meanRef);
    refEnergy += (reference[i] - meanRef) ** 2;
  }
  if (refEnergy === 0) return -Infinity;
  const scale = dot / refEnergy;
  let target = 0;
  let error = 0;
  for (let i = 0; i < n; i++) {
    const t = scale * (reference[i] - meanRef);
    target += t * t;
    error += (estimate[i] - meanEst - t) ** 2;
  }
  return ratioDb(target, error);
}

/** Seeded white Gaussian noise scaled so that clean + noise has `snr` dB SNR over the whole clip. */
export function whiteNoiseAt(clean: ArrayLike<number>, snr: number, seed: number): Float32Array {
  let power = 0;
  for (let i = 0; i < clean.length; i++) power += (clean[i] * clean[i]) / clean.length;
  const noise = new Float32Array(clean.length);
  let state = seed >>> 0 || 1;
  const uniform = (): number => {
    // xorshift32: a small seeded generator, enough for test noise
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return (state + 1) / 4294967297;
  };
  let noisePower = 0;
  for (let i = 0; i < noise.length; i++) {
    noise[i] = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    noisePower += (noise[i] * noise[i]) / noise.length;
  }
  // Scaled by the drawn noise's own power, so the mix has exactly the requested SNR.
  const gain = Math.sqrt(power / 10 ** (snr / 10) / noisePower);
  for (let i = 0; i < noise.length; i++) noise[i] *= gain;
  return noise;
}
