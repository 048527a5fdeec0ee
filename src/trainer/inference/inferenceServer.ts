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
import { refuseRunTrainedElsewhere } from '../../runs/trainedElsewhere';
import type { ProbeMessage } from '../../protocol/applyMessages';
import { conditionedClasses, modelInputs } from '../models/conditioning';
import { servedRunProbe } from './servedRunProbe';

interface ActiveDecoder {
  decoder: tf.LayersModel;
  sampleShape: number[];
}

let active: ActiveDecoder | undefined;
let loading: Promise<void> | undefined;
let servedRunDir: string | undefined;
/** Why the served run's decoder could not be loaded (e.g. the run was trained by PyTorch), told to each decode request. */
let loadProblem: string | undefined;

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
    loadProblem = undefined;
    loading = loadRunDecoder(message.runDir, message.backend).catch((error: unknown) => {
      loadProblem = error instanceof Error ? error.message : String(error);
      send({ type: 'log', level: 'warn', message: `cannot load the decoder of ${message.runDir}: ${String(error)}` });
    });
    return;
  }
  void (async () => {
    await loading;
    send(decode(message.requestId, message.codes, message.count, message.labels));
  })();
}

function decode(requestId: number, codes: Float32Array, count: number, labels?: number[]): TrainerToHost {
  if (!active) return { type: 'decoded', requestId, error: loadProblem ?? 'no decoder is loaded: train the run or open a finished run first' };
  // A code may be a grid (conv kinds, vq-vae's grid of code vectors): its values are the decoder input's, row-major.
  const codeShape = active.decoder.inputs[0].shape.slice(1) as number[];
  const latentDim = codeShape.reduce((a, b) => a * b, 1);
  if (codes.length !== count * latentDim) return { type: 'decoded', requestId, error: `expected ${count} codes of size ${latentDim}, got ${codes.length} values` };
  const decoder = active.decoder;
  const labelProblem = checkLabels(decoder, count, labels);
  if (labelProblem) return { type: 'decoded', requestId, error: labelProblem };
  const flat = tf.tidy(() => {
    const z = tf.tensor(codes, [count, ...codeShape]);
    return (decoder.predict(modelInputs(decoder, z, labels && tf.tensor1d(labels, 'int32'))) as tf.Tensor).dataSync() as Float32Array;
  });
  const size = flat.length / count;
  return { type: 'decoded', requestId, images: Array.from({ length: count }, (_, i) => flat.slice(i * size, (i + 1) * size)) };
}

/** Labels go to conditional decoders only, one per code, each a class the decoder knows; none means the uniform label. */
function checkLabels(decoder: tf.LayersModel, count: number, labels?: number[]): string | undefined {
  if (!labels) return undefined;
  const classes = conditionedClasses(decoder);
  if (classes === undefined) return 'this run\'s decoder is not conditional: it takes no labels';
  if (labels.length !== count) return `expected ${count} labels, one per code, got ${labels.length}`;
  const wrong = labels.find((label) => label >= classes);
  return wrong === undefined ? undefined : `label ${wrong} is not a class of this run (0 to ${classes - 1})`;
}

async function loadRunDecoder(runDir: string, backend?: 'node' | 'wasm' | 'cpu'): Promise<void> {
  await selectBackend(backend);
  refuseRunTrainedElsewhere(runDir, 'decode with it');
  const data = readDataJson(runDir);
  if (!data) throw new InputError('is missing; a run writes it with its models when it ends', { file: runPath(runDir, 'data') });
  const decoder = await loadLayersModelFromDir(runPath(runDir, 'decoder'));
  setActiveDecoder(decoder, data.sampleShape);
}
