// SNR and SI-SNR against hand-computed values and against an independent formula (SI-SNR from the correlation
// coefficient: 10 log10(rho^2 / (1 - rho^2))), and the white noise that mixes at an exact SNR.
import { describe, expect, it } from 'vitest';
import { siSnrDb, snrDb, whiteNoiseAt } from '../../../src/trainer/evaluate/metrics/snr';

describe('snrDb and siSnrDb', () => {
  it('match a hand-computed case', () => {
    const reference = [2, 0, -2, 0];
    const estimate = [1, 1, -1, -1];
    // |s|^2 = 8, s - s^ = [1, -1, -1, 1] so |s - s^|^2 = 4: 10 log10(2) = 3.0103 dB.
    expect(snrDb(reference, estimate)).toBeCloseTo(3.0103, 4);
    // Both zero-mean; <s^, s> = 4, |s|^2 = 8, s_t = s / 2 = [1, 0, -1, 0] (energy 2), e = [0, 1, 0, -1] (energy 2): 0 dB.
    expect(siSnrDb(reference, estimate)).toBeCloseTo(0, 10);
    // Scale-invariant: three times the estimate scores the same; the plain SNR does not.
    expect(siSnrDb(reference, estimate.map((v) => 3 * v))).toBeCloseTo(0, 10);
    // s - 3 s^ = [-1, -3, 1, 3], energy 20: 10 log10(8 / 20) = -3.979 dB.
    expect(snrDb(reference, estimate.map((v) => 3 * v))).toBeCloseTo(-3.9794, 4);
    expect(snrDb(reference, reference)).toBe(Infinity);
  });

  it('agree with an independent computation on random signals', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    for (const noiseLevel of [0.1, 0.5, 2]) {
      const reference = Array.from({ length: 500 }, () => random() + 0.3);
      const estimate = reference.map((v) => 0.7 * v + noiseLevel * random() + 0.1);
      const n = reference.length;
      const meanR = reference.reduce((a, b) => a + b, 0) / n;
      const meanE = estimate.reduce((a, b) => a + b, 0) / n;
      let covariance = 0;
      let varianceR = 0;
      let varianceE = 0;
      reference.forEach((r, i) => {
        covariance += (r - meanR) * (estimate[i] - meanE);
        varianceR += (r - meanR) ** 2;
        varianceE += (estimate[i] - meanE) ** 2;
      });
      const rho2 = covariance ** 2 / (varianceR * varianceE);
      expect(siSnrDb(reference, estimate)).toBeCloseTo(10 * Math.log10(rho2 / (1 - rho2)), 6);
      const error = reference.reduce((sum, r, i) => sum + (r - estimate[i]) ** 2, 0);
      expect(snrDb(reference, estimate)).toBeCloseTo(10 * Math.log10(reference.reduce((sum, r) => sum + r * r, 0) / error), 6);
    }
  });

  it('whiteNoiseAt mixes at exactly the asked SNR, the same for the same seed', () => {
    const clean = Float32Array.from({ length: 4000 }, (_, i) => Math.sin(i / 7) * (i % 800 < 400 ? 1 : 0.1));
    const noise = whiteNoiseAt(clean, 5, 9);
    expect(snrDb(clean, clean.map((v, i) => v + noise[i]))).toBeCloseTo(5, 3);
    expect(whiteNoiseAt(clean, 5, 9)).toEqual(noise);
    expect(whiteNoiseAt(clean, 5, 10)).not.toEqual(noise);
  });

  it('refuse waveforms of different lengths', () => {
    expect(() => snrDb([1, 2], [1])).toThrow(/same non-zero length/);
  });
});
