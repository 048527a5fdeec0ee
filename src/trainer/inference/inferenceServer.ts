// Decodes latent codes on request for the Generate views (interpolation, traversal). During training it uses the
// live decoder between batches; a separate trainer process started with 'serve' loads a finished run's decoder, and
// answers the Try it view's probes with the run's encoder, decoder and search codes, loaded on the first probe.
import * as tf from '@tensorflow/tfjs';
import type { HostToTrainer, TrainerToHost } from '../../protocol/trainerMessages';
import { selectBackend } from '../backends/selectBackend';
import { loadLayersModelFromDir } from '../runs/loadModel';
import { InputError } from '../../protocol/errors';
import { readDataJson } from '../../runs/dataFile';
import { runPath } from '../../runs/layout';
import type { ProbeMessage } from '../../protocol/applyMessages';
import { servedRunProbe } from './servedRunProbe';

interface ActiveDecoder {
  decoder: tf.LayersModel;
  sampleShape: number[];
}

let active: ActiveDecoder | undefined;
let loading: Promise<void> | undefined;
let servedRunDir: string | undefined;

export function setActiveDecoder(decoder: tf.LayersModel | undefined, sampleShape: number[] = []): void {
  active = decoder ? { decoder, sampleShape } : undefined;
}

export function handleInference(message: Extract<HostToTrainer, { type: 'decode' | 'serve' | 'probe' }>, send: (m: TrainerToHost) => void): void {
  if (message.type === 'probe') {
    void (async () => {
      await loading;
      send(await servedRunProbe(servedRunDir, message as Required<Pick<ProbeMessage, 'k'>> & ProbeMessage, active?.decoder));
    })();
    return;
  }
  if (message.type === 'serve') {
    servedRunDir = message.runDir;
    loading = loadRunDecoder(message.runDir, message.backend).catch((error: unknown) => {
      send({ type: 'log', level: 'warn', message: `cannot load the decoder of ${message.runDir}: ${String(error)}` });
    });
    return;
  }
  void (async () => {
    await loading;
    send(decode(message.requestId, message.codes, message.count));
  })();
}

function decode(requestId: number, codes: Float32Array, count: number): TrainerToHost {
  if (!active) return { type: 'decoded', requestId, error: 'no decoder is loaded: train the run or open a finished run first' };
  // A code may be a grid (conv kinds, vq-vae's grid of code vectors): its values are the decoder input's, row-major.
  const codeShape = active.decoder.inputs[0].shape.slice(1) as number[];
  const latentDim = codeShape.reduce((a, b) => a * b, 1);
  if (codes.length !== count * latentDim) return { type: 'decoded', requestId, error: `expected ${count} codes of size ${latentDim}, got ${codes.length} values` };
  const decoder = active.decoder;
  const flat = tf.tidy(() => (decoder.predict(tf.tensor(codes, [count, ...codeShape])) as tf.Tensor).dataSync() as Float32Array);
  const size = flat.length / count;
  return { type: 'decoded', requestId, images: Array.from({ length: count }, (_, i) => flat.slice(i * size, (i + 1) * size)) };
}

async function loadRunDecoder(runDir: string, backend?: 'node' | 'wasm' | 'cpu'): Promise<void> {
  await selectBackend(backend);
  const data = readDataJson(runDir);
  if (!data) throw new InputError('is missing; a run writes it with its models when it ends', { file: runPath(runDir, 'data') });
  const decoder = await loadLayersModelFromDir(runPath(runDir, 'decoder'));
  setActiveDecoder(decoder, data.sampleShape);
}
