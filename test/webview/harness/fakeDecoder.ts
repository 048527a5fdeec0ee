// A deterministic stand-in for the trainer's decoder in webview tests: a code decodes to the distance-weighted mean
// of the three validation samples whose recorded codes are nearest. Interpolations then morph between real digits.
import type { TrainerMessageOf } from '../../../src/protocol/trainerMessages';

export function fakeDecoder(latent: TrainerMessageOf<'latent'>, samples: TrainerMessageOf<'validationSamples'>) {
  const dim = latent.latentDim;
  const size = samples.sampleShape.reduce((a, b) => a * b, 1);
  const scale = samples.values instanceof Uint8Array ? 1 / 255 : 1;
  const calls: { count: number }[] = [];
  const decode = async (codes: Float32Array, count: number): Promise<Float32Array[]> => {
    calls.push({ count });
    return Array.from({ length: count }, (_, c) => {
      const distances = Array.from({ length: latent.count }, (_, i) => {
        let d = 0;
        for (let k = 0; k < dim; k++) d += (codes[c * dim + k] - latent.codes[i * dim + k]) ** 2;
        return [Math.sqrt(d), i] as const;
      }).sort((a, b) => a[0] - b[0]);
      const nearest = distances.slice(0, 3);
      const weights = nearest.map(([d]) => 1 / (d + 1e-3));
      const total = weights.reduce((a, b) => a + b, 0);
      const image = new Float32Array(size);
      nearest.forEach(([, i], n) => {
        for (let p = 0; p < size; p++) image[p] += (samples.values[i * size + p] * scale * weights[n]) / total;
      });
      return image;
    });
  };
  return { decode, calls };
}
