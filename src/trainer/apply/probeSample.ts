// One sample through a run for the dashboard's Try it view: a file (its first sample) or pixels drawn on a canvas,
// answered with input, reconstruction and per-value error map in display scale ([0, 1] images, or the table's units),
// its anomaly score against the run's threshold, and its nearest training samples. A neighbour's image is its saved
// code decoded by the run's decoder: the training files themselves may be gone, the codes are in the run folder.
import * as tf from '@tensorflow/tfjs';
import type { Probed, ProbeMessage } from '../../protocol/applyMessages';
import { InputError } from '../../protocol/errors';
import type { SearchCodes } from '../../runs/searchCodes';
import { resizeBilinear } from '../data/resizeBilinear';
import { EPSILON } from '../models/losses';
import { openApplyInput } from './applyInput';
import { describeSpec, sampleSizeOf } from './inputTypes';
import type { LoadedRun } from './loadRun';
import { matchesOf } from './neighborsJob';
import { runBatch } from './runModels';
import { pixelsPerUnit, toRunScale, toUserUnits } from './runScale';

export function probeSample(run: LoadedRun, search: () => SearchCodes | undefined, message: Required<Pick<ProbeMessage, 'k'>> & ProbeMessage): Probed {
  const requestId = message.requestId;
  try {
    const x = sampleOf(run, message.sample);
    const size = x.length;
    const { codes, reconstructions, errors } = runBatch(run.models, x, [1, ...run.sampleShape], run.loss);
    const searchCodes = search();
    const matches = searchCodes ? matchesOf(searchCodes, codes, message.k, false) : [];
    const images = matches.length > 0 ? decodeCodes(run, searchCodes!, matches.map((m) => m.index)) : [];
    const score = errors[0];
    const threshold = run.threshold?.value ?? null;
    return {
      type: 'probed',
      requestId,
      sampleShape: run.sampleShape,
      input: toDisplay(run, x),
      reconstruction: toDisplay(run, reconstructions),
      errorMap: perValueError(run.loss, x, reconstructions),
      score,
      threshold,
      flagged: threshold === null ? undefined : score > threshold,
      neighbors: matches.map((m, i) => ({ ...m, image: images[i]?.slice(0, size) })),
    };
  } catch (error) {
    if (error instanceof InputError) return { type: 'probed', requestId, error: error.message };
    throw error;
  }
}

/** The sample in the run's scale. */
function sampleOf(run: LoadedRun, sample: ProbeMessage['sample']): Float32Array {
  if (sample.kind === 'file') {
    const first = openApplyInput(sample.path, run).batches(1).next();
    if (first.done) throw new InputError('holds no samples', { file: sample.path });
    return first.value.x;
  }
  const { spec } = run;
  if (spec.kind !== 'images') throw new InputError(`drawn pixels only fit image runs; this run expects ${describeSpec(spec)}`);
  const [height, width, channels = 1] = sample.shape;
  if (sample.shape.length < 2 || channels !== spec.channels || sample.values.length !== height * width * channels) {
    throw new InputError(`the drawing is ${sample.shape.join('x')} (${sample.values.length} values), but the run expects ${describeSpec(spec)}`);
  }
  // Drawn values are intensities in [0, 1]: as 8-bit pixels, then the run's units and scale, like an image file.
  const pixels = Float32Array.from(sample.values, (v) => (v * 255) / pixelsPerUnit(run.spec, run.normalization));
  const x = height === spec.height && width === spec.width ? pixels : resizeBilinear(pixels, { height, width, channels }, spec.height, spec.width);
  toRunScale(x, run.normalization, sampleSizeOf(spec));
  return x;
}

function toDisplay(run: LoadedRun, values: Float32Array): Float32Array {
  const size = sampleSizeOf(run.spec);
  const user = Float32Array.from(values);
  toUserUnits(user, run.normalization, size);
  if (run.spec.kind !== 'images') return user;
  const perUnit = pixelsPerUnit(run.spec, run.normalization) / 255;
  return user.map((v) => Math.min(1, Math.max(0, v * perUnit)));
}

/** The run's error metric per value, in the run's scale: its mean over the sample is the score. */
function perValueError(loss: LoadedRun['loss'], target: Float32Array, output: Float32Array): Float32Array {
  return target.map((t, i) => {
    if (loss === 'mse') return (t - output[i]) ** 2;
    const o = Math.min(1 - EPSILON, Math.max(EPSILON, output[i]));
    return -(t * Math.log(o) + (1 - t) * Math.log(1 - o));
  });
}

function decodeCodes(run: LoadedRun, search: SearchCodes, indices: number[]): Float32Array[] {
  const codes = new Float32Array(indices.length * search.dim);
  indices.forEach((index, i) => codes.set(search.codes.subarray(index * search.dim, (index + 1) * search.dim), i * search.dim));
  const flat = tf.tidy(() => run.models.decode(tf.tensor2d(codes, [indices.length, search.dim])).dataSync() as Float32Array);
  const size = flat.length / indices.length;
  return indices.map((_, i) => toDisplay(run, flat.slice(i * size, (i + 1) * size)));
}
