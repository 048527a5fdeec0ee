// Parameter count and training memory of a model, estimated from the experiment before tfjs builds anything: an
// absurd layer (filters 1e6, hidden [1e8]) is refused naming its field, instead of failing inside tfjs with "memory
// access out of bounds" or "Invalid typed array length". Rough on purpose: it only has to tell sane from absurd.
import { InputError } from '../../protocol/errors';
import type { Experiment, LayerConfig } from '../../protocol/experiment';
import { KINDS, sequenceNetwork, type SequenceArchitecture } from '../../protocol/kinds';
import { formatBytes, MEMORY_BUDGET_BYTES } from '../data/memoryBudget';
import { DEFAULT_CONV_FILTERS } from './architecture';
import { DEFAULT_CONV_VAE_FILTERS } from './convVae';
import { CONV1D_KERNEL, DEFAULT_CONV1D_FILTERS } from './sequenceNetworks';
import { DEFAULT_CODEBOOK_SIZE, DEFAULT_VQ_FILTERS } from './vqVae';

/** float32 weight, its gradient and Adam's two moments. */
const BYTES_PER_PARAMETER = 16;
/** float32 activation kept for the backward pass (gradients are freed layer by layer as it runs back). */
const BYTES_PER_ACTIVATION = 4;
const KERNEL = 3;
/** The loss part of the kinds whose penalty differentiates the encoder (its Jacobian is kept per sample). */
const CONTRACTIVE_PENALTY = 'contractive_penalty';

export interface LayerEstimate {
  /** The experiment field that sets this layer's size, e.g. "model.hidden[0]". */
  field: string;
  parameters: number;
  /** Output values per sample. */
  activations: number;
}

export interface ModelEstimate {
  parameters: number;
  activationsPerSample: number;
  /** Training memory at training.batchSize. */
  bytes: number;
  layers: LayerEstimate[];
}

/** `classes`: the conditional kinds' label width, added to the first encoder and decoder layers' inputs. */
export function estimateModelSize(experiment: Experiment, inputShape: number[], classes = 0): ModelEstimate {
  const layers = modelLayers(experiment, inputShape, classes);
  const batch = experiment.training.batchSize;
  const sum = (pick: (layer: LayerEstimate) => number) => layers.reduce((total, layer) => total + pick(layer), 0);
  return { parameters: sum((l) => l.parameters), activationsPerSample: sum((l) => l.activations), bytes: sum((l) => layerBytes(l, batch)), layers };
}

/** InputError naming the field of the largest layer when the model would need more than `maxBytes` to train. */
export function refuseOversizedModel(experiment: Experiment, inputShape: number[], file: string, maxBytes = MEMORY_BUDGET_BYTES, classes = 0): void {
  const estimate = estimateModelSize(experiment, inputShape, classes);
  if (estimate.bytes <= maxBytes || estimate.layers.length === 0) return;
  const batch = experiment.training.batchSize;
  const largest = estimate.layers.reduce((a, b) => (layerBytes(b, batch) > layerBytes(a, batch) ? b : a));
  throw new InputError(
    `the model would need about ${formatBytes(estimate.bytes)} of memory to train (${count(estimate.parameters)} parameters, ${count(estimate.activationsPerSample)} activations per sample x batch ${batch}), ` +
      `more than the ${formatBytes(maxBytes)} limit; this layer is the largest part (${count(largest.parameters)} parameters, ${count(largest.activations)} activations per sample). ` +
      `Use fewer units or filters, a smaller training.batchSize, or smaller inputs (data.imageSize)`,
    { file, field: largest.field },
  );
}

function layerBytes(layer: LayerEstimate, batch: number): number {
  return layer.parameters * BYTES_PER_PARAMETER + layer.activations * batch * BYTES_PER_ACTIVATION;
}

function count(n: number): string {
  if (n >= 1e9) return `${Number((n / 1e9).toPrecision(3))} billion`;
  return n >= 1e6 ? `${Number((n / 1e6).toPrecision(3))} million` : String(Math.round(n));
}

/** Mirrors how the kind's builder picks its network, read from the kind's row in protocol/kinds.ts. */
function modelLayers({ kind, model }: Experiment, inputShape: number[], classes: number): LayerEstimate[] {
  const { network, generative, lossParts } = KINDS[kind];
  const inputSize = inputShape.reduce((a, b) => a * b, 1);
  const codeHeads = generative ? 2 : 1;
  // A conv network on data that is not [height, width, channels] fails in the builder, naming the field; until then the
  // estimate is the dense one.
  const isImage = inputShape.length === 3;
  const dense = (hidden: number[]) => denseLayers(inputSize, hidden, model.latentDim, codeHeads, KINDS[kind].generates === 'label' ? classes : 0);
  // conv1d/lstm, as the kind or as model.architecture. On image data checkTrainable refuses it naming data.format;
  // until then the estimate is the dense one.
  const sequence = sequenceNetwork(kind, model);
  const sequenceOrDense = (architecture: SequenceArchitecture) => (inputShape.length <= 2 ? sequenceLayers(architecture, model, inputShape, generative) : dense(model.hidden));
  if (sequence && network.from !== 'sequence') return sequenceOrDense(sequence);
  switch (network.from) {
    case 'sequence':
      return sequenceOrDense(network.network);
    case 'layers':
      return customLayers(model.encoder ?? [], model.decoder ?? [], inputShape);
    case 'conv':
      if (!isImage) return dense(model.hidden);
      if (KINDS[kind].generates === 'codebook') return vqLayers(model.filters ?? DEFAULT_VQ_FILTERS, model.latentDim, model.codebookSize ?? DEFAULT_CODEBOOK_SIZE, inputShape);
      return generative ? convVaeLayers(model.filters ?? DEFAULT_CONV_VAE_FILTERS, model.hidden, model.latentDim, inputShape) : convLayers(model.filters ?? DEFAULT_CONV_FILTERS, inputShape);
    case 'architecture': {
      if (model.encoder || model.decoder) return customLayers(model.encoder ?? [], model.decoder ?? [], inputShape);
      const architecture = model.architecture ?? network.fallback;
      if (architecture === 'conv' && isImage) return convLayers(model.filters ?? DEFAULT_CONV_FILTERS, inputShape);
      return dense(architecture === 'undercomplete' ? [] : model.hidden);
    }
    case 'dense': {
      const layers = dense(network.hidden ? model.hidden : []);
      // The contractive penalty forms the encoder's Jacobian: latentDim x input values per sample.
      if (lossParts.includes(CONTRACTIVE_PENALTY)) layers.push({ field: 'model.latentDim', parameters: 0, activations: model.latentDim * inputSize });
      return layers;
    }
  }
}

/** input -> hidden... -> code (one or two heads) -> mirrored hidden -> input size. */
function denseLayers(inputSize: number, hidden: number[], latentDim: number, codeHeads: number, labelWidth: number): LayerEstimate[] {
  const layers: LayerEstimate[] = [];
  const dense = (field: string, from: number, units: number, heads = 1) => layers.push({ field, parameters: heads * (from + 1) * units, activations: heads * units });
  let previous = inputSize + labelWidth;
  hidden.forEach((units, i) => {
    dense(`model.hidden[${i}]`, previous, units);
    previous = units;
  });
  dense('model.latentDim', previous, latentDim, codeHeads);
  previous = latentDim + labelWidth;
  for (let i = hidden.length - 1; i >= 0; i--) {
    dense(`model.hidden[${i}]`, previous, hidden[i]);
    previous = hidden[i];
  }
  // The output layer's size is the data's; its other side is the first hidden layer (or the code).
  dense(hidden.length > 0 ? 'model.hidden[0]' : 'model.latentDim', previous, inputSize);
  return layers;
}

/** Conv 3x3 + 2x max-pool per block, mirrored with conv + 2x upsampling, then a conv to the input channels. */
function convLayers(filters: number[], [height, width, channels]: number[]): LayerEstimate[] {
  const layers: LayerEstimate[] = [];
  let [h, w, c] = [height, width, channels];
  filters.forEach((f, i) => {
    const [ph, pw] = [Math.ceil(h / 2), Math.ceil(w / 2)];
    layers.push({ field: `model.filters[${i}]`, parameters: convParameters(c, f), activations: (h * w + ph * pw) * f });
    [h, w, c] = [ph, pw, f];
  });
  for (let i = filters.length - 1; i >= 0; i--) {
    layers.push({ field: `model.filters[${i}]`, parameters: convParameters(c, filters[i]), activations: 5 * h * w * filters[i] });
    [h, w, c] = [2 * h, 2 * w, filters[i]];
  }
  if (filters.length > 0) layers.push({ field: 'model.filters[0]', parameters: convParameters(c, channels), activations: height * width * channels });
  return layers;
}

/** Stride-2 convs -> flatten -> dense hidden -> two code heads; dense back to the feature map, transposed convs up. */
function convVaeLayers(filters: number[], hidden: number[], latentDim: number, [height, width, channels]: number[]): LayerEstimate[] {
  const layers: LayerEstimate[] = [];
  let [h, w, c] = [height, width, channels];
  filters.forEach((f, i) => {
    [h, w] = [Math.ceil(h / 2), Math.ceil(w / 2)];
    layers.push({ field: `model.filters[${i}]`, parameters: convParameters(c, f), activations: h * w * f });
    c = f;
  });
  const flat = h * w * c;
  let previous = flat;
  hidden.forEach((units, i) => {
    layers.push({ field: `model.hidden[${i}]`, parameters: (previous + 1) * units, activations: units });
    previous = units;
  });
  layers.push({ field: 'model.latentDim', parameters: 2 * (previous + 1) * latentDim, activations: 2 * latentDim });
  const last = `model.filters[${filters.length - 1}]`;
  layers.push({ field: last, parameters: (latentDim + 1) * flat, activations: flat });
  for (let i = filters.length - 1; i >= 0; i--) {
    [h, w] = [2 * h, 2 * w];
    layers.push({ field: `model.filters[${i}]`, parameters: convParameters(c, filters[i]), activations: h * w * filters[i] });
    c = filters[i];
  }
  layers.push({ field: 'model.filters[0]', parameters: convParameters(c, channels), activations: height * width * channels });
  return layers;
}

/** conv1d: stride-2 Conv1D per filter, flatten (heads), mirrored transposed convs; lstm: LSTM code, repeat, LSTM, Dense per step. */
function sequenceLayers(architecture: SequenceArchitecture, model: Experiment['model'], inputShape: number[], variational: boolean): LayerEstimate[] {
  const [steps, channels] = inputShape.length === 2 ? inputShape : [inputShape[0], 1];
  const latent = model.latentDim;
  const layers: LayerEstimate[] = [];
  if (architecture === 'lstm') {
    const lstm = (inputs: number) => 4 * (latent * (inputs + latent) + latent);
    // Each step keeps its four gates, cell and output for the backward pass.
    layers.push({ field: 'model.latentDim', parameters: lstm(channels), activations: 6 * steps * latent });
    if (variational) layers.push({ field: 'model.latentDim', parameters: 2 * (latent + 1) * latent, activations: 2 * latent });
    layers.push({ field: 'model.latentDim', parameters: lstm(latent), activations: 7 * steps * latent });
    layers.push({ field: 'model.latentDim', parameters: (latent + 1) * channels, activations: steps * channels });
    return layers;
  }
  const filters = model.filters ?? DEFAULT_CONV1D_FILTERS;
  const conv = (inputs: number, outputs: number) => CONV1D_KERNEL * inputs * outputs + outputs;
  let [n, c] = [steps, channels];
  filters.forEach((f, i) => {
    n = Math.ceil(n / 2);
    layers.push({ field: `model.filters[${i}]`, parameters: conv(c, f), activations: n * f });
    c = f;
  });
  const flat = n * c;
  if (variational) {
    layers.push({ field: 'model.latentDim', parameters: 2 * (flat + 1) * latent, activations: 2 * latent });
    layers.push({ field: `model.filters[${filters.length - 1}]`, parameters: (latent + 1) * flat, activations: flat });
  }
  for (let i = filters.length - 1; i >= 0; i--) {
    n *= 2;
    layers.push({ field: `model.filters[${i}]`, parameters: conv(c, filters[i]), activations: n * filters[i] });
    c = filters[i];
  }
  layers.push({ field: 'model.filters[0]', parameters: conv(c, channels), activations: steps * channels });
  return layers;
}

/** vq-vae: stride-2 convs, a 1x1 conv to latentDim, the codebook, then stride-2 transposed convs and one to the channels. */
function vqLayers(filters: number[], latentDim: number, codebookSize: number, [height, width, channels]: number[]): LayerEstimate[] {
  const layers: LayerEstimate[] = [];
  let [h, w, c] = [height, width, channels];
  filters.forEach((f, i) => {
    [h, w] = [Math.ceil(h / 2), Math.ceil(w / 2)];
    layers.push({ field: `model.filters[${i}]`, parameters: convParameters(c, f), activations: h * w * f });
    c = f;
  });
  layers.push({ field: 'model.latentDim', parameters: convParameters(c, latentDim, [1, 1]), activations: h * w * latentDim });
  layers.push({ field: 'model.codebookSize', parameters: codebookSize * latentDim, activations: h * w * (codebookSize + latentDim) });
  c = latentDim;
  for (let i = filters.length - 1; i >= 0; i--) {
    [h, w] = [2 * h, 2 * w];
    layers.push({ field: `model.filters[${i}]`, parameters: convParameters(c, filters[i]), activations: h * w * filters[i] });
    c = filters[i];
  }
  layers.push({ field: 'model.filters[0]', parameters: convParameters(c, channels), activations: height * width * channels });
  return layers;
}

function convParameters(inChannels: number, filters: number, kernel: [number, number] = [KERNEL, KERNEL]): number {
  return kernel[0] * kernel[1] * inChannels * filters + filters;
}

/** Walks model.encoder then model.decoder with Keras shape rules; stops where a shape stops making sense (the builder names that error). */
function customLayers(encoder: LayerConfig[], decoder: LayerConfig[], inputShape: number[]): LayerEstimate[] {
  const layers: LayerEstimate[] = [];
  let shape: number[] | undefined = inputShape;
  for (const [list, field] of [[encoder, 'model.encoder'], [decoder, 'model.decoder']] as const) {
    list.forEach((config, i) => {
      if (!shape) return;
      const step = customLayer(config, shape, `${field}[${i}]`);
      shape = step?.shape;
      if (step) layers.push(step.layer);
    });
  }
  return layers;
}

const pair = (v: number | [number, number] | undefined, fallback: number): [number, number] => (v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : v);

function customLayer(config: LayerConfig, shape: number[], field: string): { layer: LayerEstimate; shape: number[] } | undefined {
  const spatial = (f: (size: number, d: 0 | 1) => number): number[] | undefined => (shape.length === 3 ? [f(shape[0], 0), f(shape[1], 1), shape[2]] : undefined);
  const same = config.padding === 'same';
  let next: number[] | undefined;
  let parameters = 0;
  let sizeField = field;
  switch (config.type) {
    case 'dense': {
      const units = config.units ?? 1;
      parameters = (shape[shape.length - 1] + 1) * units;
      next = [...shape.slice(0, -1), units];
      sizeField = `${field}.units`;
      break;
    }
    case 'conv2d':
    case 'conv2dTranspose': {
      const [k, s] = [pair(config.kernelSize, 1), pair(config.strides, 1)];
      const size =
        config.type === 'conv2d'
          ? (n: number, d: 0 | 1) => Math.ceil((same ? n : n - k[d] + 1) / s[d])
          : (n: number, d: 0 | 1) => (same ? n * s[d] : n * s[d] + Math.max(k[d] - s[d], 0));
      next = spatial(size);
      const filters = config.filters ?? 1;
      parameters = convParameters(shape[shape.length - 1], filters, k);
      if (next) next[2] = filters;
      sizeField = `${field}.filters`;
      break;
    }
    case 'maxPooling2d': {
      const p = pair(config.poolSize, 2);
      const s = config.strides === undefined ? p : pair(config.strides, 1);
      next = spatial((n, d) => (same ? Math.ceil(n / s[d]) : Math.floor((n - p[d]) / s[d]) + 1));
      break;
    }
    case 'upSampling2d': {
      const s = pair(config.size, 2);
      next = spatial((n, d) => n * s[d]);
      break;
    }
    case 'flatten':
      next = [shape.reduce((a, b) => a * b, 1)];
      break;
    case 'reshape':
      next = config.targetShape;
      break;
    case 'batchNormalization':
      parameters = 4 * shape[shape.length - 1];
      next = shape;
      break;
    case 'dropout':
      next = shape;
      break;
  }
  if (!next || next.some((d) => !(d > 0))) return undefined;
  return { layer: { field: sizeField, parameters, activations: next.reduce((a, b) => a * b, 1) }, shape: next };
}
