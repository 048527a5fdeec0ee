// The codebook view payload and the decode path behind the Generate view's code editor: the trainer's message passes
// the host's schema, a sample's grid turned into code vectors (as the webview does) decodes to the sample's
// reconstruction, an edited grid to the decoder's output for the edited codes, and a wrong size is refused.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import { trainerToHostSchema, type TrainerToHost } from '../../../src/protocol/trainerMessages';
import { codebookMessage } from '../../../src/trainer/analysis/codebookCodes';
import { loadBuiltinDataset } from '../../../src/trainer/data/builtin';
import { samplesTensor } from '../../../src/trainer/data/samplesTensor';
import { splitDataset } from '../../../src/trainer/data/split';
import { handleInference, setActiveDecoder } from '../../../src/trainer/inference/inferenceServer';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';
import { findVectorQuantizer } from '../../../src/trainer/models/vectorQuantizer';
import { gridVectors } from '../../../webview/src/generate/codeGrid';
import { useCpu } from '../models/helpers';

beforeAll(useCpu);

function decodeRequest(codes: Float32Array): Promise<Extract<TrainerToHost, { type: 'decoded' }>> {
  return new Promise((resolve) => handleInference({ type: 'decode', requestId: 7, codes, count: 1 }, (message) => resolve(message as Extract<TrainerToHost, { type: 'decoded' }>)));
}

const maxDifference = (a: Float32Array, b: Float32Array) => a.reduce((max, v, i) => Math.max(max, Math.abs(v - b[i])), 0);

describe('codebook payload and decoding edited codes', () => {
  it('decodes a sample\'s grid to its reconstruction and an edited grid to the edited codes\' decoding', async () => {
    const experiment = experimentSchema.parse({ name: 'vq', kind: 'vq-vae', data: { source: 'builtin:mnist' }, model: { filters: [4, 4], latentDim: 3, codebookSize: 6, outputActivation: 'linear' }, training: { loss: 'mse' } });
    const { validation } = splitDataset(loadBuiltinDataset('builtin:mnist'), 0.5, 1, 40);
    const autoencoder = buildAutoencoder(experiment, [28, 28, 1]);
    const message = codebookMessage(autoencoder, validation, 3)!;
    expect(trainerToHostSchema.safeParse(message).success).toBe(true);
    expect(message).toMatchObject({ type: 'codebook', epoch: 3, grid: [7, 7], dim: 3 });
    expect(message.usage.reduce((a, b) => a + b, 0)).toBe(20 * 49);
    expect(trainerToHostSchema.safeParse({ ...message, codes: [[...message.codes[0].slice(1), 6]] }).success).toBe(false);

    setActiveDecoder(autoencoder.decoder, [28, 28, 1]);
    const decoded = await decodeRequest(gridVectors(message, message.codes[0]));
    const reconstruction = tf.tidy(() => autoencoder.reconstruct(samplesTensor(validation, 0, 1)).dataSync() as Float32Array);
    expect(maxDifference(decoded.images![0], reconstruction)).toBeLessThan(1e-5);

    const edited = message.codes[0].map((code, cell) => (cell < 10 ? (code + 1) % 6 : code));
    const editedImage = (await decodeRequest(gridVectors(message, edited))).images![0];
    const quantizer = findVectorQuantizer(autoencoder.decoder)!;
    const expected = tf.tidy(() => (autoencoder.decoder.predict(quantizer.lookup(tf.tensor(edited, [1, 7, 7], 'int32'))) as tf.Tensor).dataSync() as Float32Array);
    expect(maxDifference(editedImage, expected)).toBeLessThan(1e-5);
    expect(maxDifference(editedImage, reconstruction)).toBeGreaterThan(1e-3);

    expect((await decodeRequest(new Float32Array(10))).error).toBe('expected 1 codes of size 147, got 10 values');
    setActiveDecoder(undefined);
    autoencoder.encoder.dispose();
    autoencoder.decoder.dispose();
  });
});
