// Turns one Keras-style layer config from model.encoder/model.decoder into a tfjs layer, with Keras defaults
// (linear activation, 'valid' padding) and errors that name the offending field.
import * as tf from '@tensorflow/tfjs';
import { InputError } from '../../protocol/errors';
import type { LayerConfig } from '../../protocol/experiment';
import { seededInit } from './dense';

type LayerType = LayerConfig['type'];
type Key = Exclude<keyof LayerConfig, 'type'>;

const KEYS: Record<LayerType, { required: Key[]; optional: Key[] }> = {
  dense: { required: ['units'], optional: ['activation'] },
  conv2d: { required: ['filters', 'kernelSize'], optional: ['strides', 'padding', 'activation'] },
  conv2dTranspose: { required: ['filters', 'kernelSize'], optional: ['strides', 'padding', 'activation'] },
  maxPooling2d: { required: [], optional: ['poolSize', 'strides', 'padding'] },
  upSampling2d: { required: [], optional: ['size'] },
  flatten: { required: [], optional: [] },
  reshape: { required: ['targetShape'], optional: [] },
  dropout: { required: ['rate'], optional: [] },
  batchNormalization: { required: [], optional: [] },
};

function checkKeys(config: LayerConfig, field: string): void {
  const { required, optional } = KEYS[config.type];
  for (const key of required) {
    if (config[key] === undefined) throw new InputError(`a ${config.type} layer needs "${key}"`, { field: `${field}.${key}` });
  }
  for (const key of Object.keys(config) as (Key | 'type')[]) {
    if (key !== 'type' && !required.includes(key) && !optional.includes(key)) {
      throw new InputError(`"${key}" does not apply to a ${config.type} layer; it takes ${[...required, ...optional].join(', ') || 'no options'}`, { field: `${field}.${key}` });
    }
  }
}

const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);

/** `seedIndex` gives each layer its own reproducible initialiser seed. */
export function layerFromConfig(config: LayerConfig, field: string, seed: number, seedIndex: number): tf.layers.Layer {
  checkKeys(config, field);
  const kernelInitializer = seededInit(seed, seedIndex);
  const activation = config.activation ?? 'linear';
  switch (config.type) {
    case 'dense':
      return tf.layers.dense({ units: config.units!, activation, kernelInitializer });
    case 'conv2d':
    case 'conv2dTranspose': {
      const args = { filters: config.filters!, kernelSize: pair(config.kernelSize!), strides: pair(config.strides ?? 1), padding: config.padding ?? 'valid', activation, kernelInitializer };
      return config.type === 'conv2d' ? tf.layers.conv2d(args) : tf.layers.conv2dTranspose(args);
    }
    case 'maxPooling2d': {
      const poolSize = pair(config.poolSize ?? 2);
      return tf.layers.maxPooling2d({ poolSize, strides: config.strides ? pair(config.strides) : poolSize, padding: config.padding ?? 'valid' });
    }
    case 'upSampling2d':
      return tf.layers.upSampling2d({ size: pair(config.size ?? 2) });
    case 'flatten':
      return tf.layers.flatten();
    case 'reshape':
      return tf.layers.reshape({ targetShape: config.targetShape! });
    case 'dropout':
      return tf.layers.dropout({ rate: config.rate! });
    case 'batchNormalization':
      return tf.layers.batchNormalization();
  }
}
