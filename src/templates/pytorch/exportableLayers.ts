// Which saved tfjs layers the PyTorch export rebuilds, and the config values each one must have for the rebuild to
// compute exactly what tfjs computes. Anything else (a registered layer such as the VQ-VAE's VectorQuantizer,
// channels_first, a constraint, an activation the Python does not map) is refused with the file, layer and class.
import { InputError } from '../../protocol/errors';
import type { LayerSpec, NetworkSpec } from '../python/networkSpec';
import { isTorchActivation, TORCH_ACTIVATION_NAMES } from './activations';
import { TORCH_INITIALIZERS } from './initializers';
import { PYTHON_LAYER_CLASSES } from './layerModules';

type Config = Record<string, unknown>;
/** The reason a config cannot be rebuilt, or undefined when it can. */
type ConfigRule = (config: Config) => string | undefined;

const oneOf = (key: string, allowed: readonly unknown[], fallback: unknown): ConfigRule => (config) => {
  const value = config[key] ?? fallback;
  return allowed.includes(value) ? undefined : `${key} ${JSON.stringify(value)} is not supported; expected ${allowed.map((v) => JSON.stringify(v)).join(' or ')}`;
};

const allOnes = (key: string): ConfigRule => (config) => {
  const value = config[key];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.every((v) => v === 1) ? undefined : `${key} ${JSON.stringify(value)} is not supported; expected 1`;
};

const absent = (key: string, why: string): ConfigRule => (config) => (config[key] === undefined ? undefined : `${key} is set (${JSON.stringify(config[key])}); ${why}`);

const isZero = (key: string): ConfigRule => (config) => (!config[key] ? undefined : `${key} ${JSON.stringify(config[key])} is not supported; expected 0`);

const isFalse = (key: string): ConfigRule => (config) => (config[key] ? `${key} ${JSON.stringify(config[key])} is not supported; expected false` : undefined);

const padding = (allowed: string[]): ConfigRule => oneOf('padding', allowed, 'valid');

const LAYER_RULES: Record<(typeof PYTHON_LAYER_CLASSES)[number], ConfigRule[]> = {
  Dense: [],
  Conv1D: [padding(['same', 'valid']), allOnes('groups')],
  Conv2D: [padding(['same', 'valid']), allOnes('groups')],
  Conv2DTranspose: [padding(['same', 'valid']), allOnes('dilation_rate'), absent('output_padding', 'tfjs has no output_padding')],
  MaxPooling1D: [padding(['same', 'valid'])],
  MaxPooling2D: [padding(['same', 'valid'])],
  AveragePooling1D: [padding(['same', 'valid'])],
  AveragePooling2D: [padding(['same', 'valid'])],
  UpSampling2D: [oneOf('interpolation', ['nearest'], 'nearest')],
  Cropping2D: [],
  ZeroPadding2D: [],
  Flatten: [],
  Reshape: [],
  Dropout: [absent('noise_shape', 'only element-wise dropout is rebuilt')],
  BatchNormalization: [],
  Activation: [],
  LeakyReLU: [],
  ELU: [],
  Softmax: [],
  Concatenate: [],
  Add: [],
  Subtract: [],
  Multiply: [],
  Average: [],
  Maximum: [],
  Minimum: [],
  RepeatVector: [],
  LSTM: [isFalse('stateful'), isFalse('return_state'), isZero('dropout'), isZero('recurrent_dropout')],
};

/** Checks every layer may hold: the tfjs layout, known activations and initializers, no constraints. */
const COMMON_RULES: ConfigRule[] = [
  oneOf('data_format', ['channels_last'], 'channels_last'),
  (config) => {
    const key = ['activation', 'recurrent_activation'].find((k) => config[k] !== undefined && !isTorchActivation(config[k]));
    return key && `${key} ${JSON.stringify(config[key])} is not supported; expected one of ${TORCH_ACTIVATION_NAMES.join(', ')}`;
  },
  (config) => {
    const key = Object.keys(config).find((k) => k.endsWith('_initializer') && !TORCH_INITIALIZERS.includes(initializerKey(config[k])));
    return key && `${key} ${JSON.stringify(config[key])} is not supported; expected one of ${TORCH_INITIALIZERS.join(', ')}`;
  },
  (config) => {
    const key = Object.keys(config).find((k) => k.endsWith('_constraint'));
    return key && `${key} is set; weight constraints are not rebuilt`;
  },
  (config) => {
    // The trainer's losses add no layer regularizer (the sparse kind's L1 is its own loss term), so none is rebuilt.
    const key = Object.keys(config).find((k) => k.endsWith('_regularizer'));
    return key && `${key} is set; layer regularizers are not rebuilt`;
  },
];

function initializerKey(value: unknown): string {
  const name = typeof value === 'object' && value !== null ? (value as Config).class_name : value;
  return String(name ?? '').toLowerCase().replace(/_/g, '');
}

function layerReason(layer: LayerSpec): string | undefined {
  if (layer.class_name === 'InputLayer') {
    const shape = layer.config.batch_input_shape ?? layer.config.batch_shape;
    return Array.isArray(shape) && shape.slice(1).every((size) => typeof size === 'number') ? undefined : `its shape ${JSON.stringify(shape)} is not fixed`;
  }
  const rules = LAYER_RULES[layer.class_name as keyof typeof LAYER_RULES];
  if (!rules) return `the export rebuilds only ${['InputLayer', ...PYTHON_LAYER_CLASSES].join(', ')}`;
  for (const rule of [...COMMON_RULES, ...rules]) {
    const reason = rule(layer.config);
    if (reason) return reason;
  }
  return undefined;
}

/** Throws an InputError naming `file`, the layer and its class when a layer cannot be rebuilt in PyTorch. */
export function checkExportableNetwork(spec: NetworkSpec, file: string): void {
  for (const layer of spec.layers) {
    const reason = layerReason(layer);
    if (reason) throw new InputError(`layer "${layer.name}" (${layer.class_name}) of network "${spec.name}" cannot be rebuilt in PyTorch: ${reason}`, { file });
  }
}
