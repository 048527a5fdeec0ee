// A saved tfjs layers model (model.json) as the layer list the Keras and PyTorch scripts rebuild: class, config and
// input names.
// tfjs writes Keras 2 style configs; the few values Keras 3 refuses are rewritten here (see kerasConfig).
import { InputError } from '../../protocol/errors';

export interface LayerSpec {
  class_name: string;
  name: string;
  /** Names of the layers whose outputs this layer takes, in order. */
  inbound: string[];
  config: Record<string, unknown>;
}

export interface NetworkSpec {
  name: string;
  inputs: string[];
  outputs: string[];
  layers: LayerSpec[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads `modelTopology` of a tfjs model.json (or a bare Keras functional config); `file` names it in errors. */
export function networkSpec(modelJson: unknown, file: string): NetworkSpec {
  const topology = isObject(modelJson) && isObject(modelJson.modelTopology) ? modelJson.modelTopology : modelJson;
  const model = isObject(topology) && isObject(topology.model_config) ? topology.model_config : topology; // Keras .h5-style wrapper
  const config = isObject(model) ? model.config : undefined;
  if (!isObject(model) || !isObject(config) || !Array.isArray(config.layers)) throw new InputError('is not a layers model: modelTopology.config.layers is missing', { file });
  if (!Array.isArray(config.input_layers)) {
    throw new InputError(`holds a ${String(model.class_name)} model; only functional models (input_layers/output_layers) can be rebuilt`, { file });
  }

  const layers = config.layers.map((layer, i) => layerSpec(layer, i, file));
  const seen = new Set<string>();
  for (const layer of layers) {
    const missing = layer.inbound.find((name) => !seen.has(name));
    if (missing) throw new InputError(`layer "${layer.name}" takes "${missing}", which is not an earlier layer`, { file });
    seen.add(layer.name);
  }
  const refs = (list: unknown) => (Array.isArray(list) ? list.map((ref) => String(Array.isArray(ref) ? ref[0] : ref)) : []);
  return { name: String(config.name ?? 'model'), inputs: refs(config.input_layers), outputs: refs(config.output_layers), layers };
}

function layerSpec(layer: unknown, index: number, file: string): LayerSpec {
  if (!isObject(layer) || typeof layer.class_name !== 'string' || !isObject(layer.config)) throw new InputError(`layer ${index} has no class_name/config`, { file });
  const name = String(layer.name ?? layer.config.name ?? `layer_${index}`);
  const nodes = Array.isArray(layer.inbound_nodes) ? layer.inbound_nodes : [];
  if (nodes.length > 1) throw new InputError(`layer "${name}" is called ${nodes.length} times (a shared layer); the export rebuilds each layer once`, { file });
  return { class_name: layer.class_name, name, inbound: nodes.length ? inboundNames(nodes[0]) : [], config: kerasConfig(layer.config) };
}

/** Keras 2/tfjs nodes are [[name, node, tensor, kwargs], ...]; Keras 3 nodes are {args: [__keras_tensor__ ...]}. */
function inboundNames(node: unknown): string[] {
  if (Array.isArray(node)) return node.map((ref) => String(Array.isArray(ref) ? ref[0] : ref));
  const names: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      const history = isObject(value.config) ? value.config.keras_history : undefined;
      if (value.class_name === '__keras_tensor__' && Array.isArray(history)) names.push(String(history[0]));
      else Object.values(value).forEach(visit);
    }
  };
  visit(isObject(node) ? node.args : node);
  return names;
}

/** Keys whose value equals the Keras default for every layer, dropped to keep the listing short. */
const DEFAULT_VALUES: Record<string, unknown> = { trainable: true, sparse: false };

/**
 * What Keras 3 needs changed in a tfjs layer config:
 * - null values are dropped: every such key defaults to None in Keras, and the listing gets shorter;
 * - initialisers: tfjs "normal" means truncated normal, which Keras 3 only accepts as "truncated_normal";
 *   a named VarianceScaling subclass carrying scale/mode/distribution becomes VarianceScaling, because
 *   Keras 3's GlorotUniform, HeNormal, ... take only a seed.
 * batch_input_shape (tfjs, Keras 2) vs batch_shape (Keras 3) on InputLayer is handled by the script itself.
 */
export function kerasConfig(config: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === null || value === undefined || DEFAULT_VALUES[key] === value) continue;
    out[key] = isObject(value) ? kerasObject(value) : value;
  }
  return out;
}

function kerasObject(value: Json): Json {
  if (typeof value.class_name !== 'string' || !isObject(value.config)) return value;
  const inner: Json = { ...value.config };
  let className = value.class_name;
  if ('mode' in inner && 'distribution' in inner) {
    className = 'VarianceScaling';
    if (inner.distribution === 'normal') inner.distribution = 'truncated_normal';
  }
  return { class_name: className, config: inner };
}

/** Per-sample input shape of the network's first input, from InputLayer's batch_input_shape or batch_shape. */
export function inputShape(spec: NetworkSpec): number[] | undefined {
  const input = spec.layers.find((layer) => layer.name === spec.inputs[0]);
  const batchShape = input?.config.batch_shape ?? input?.config.batch_input_shape;
  return Array.isArray(batchShape) ? (batchShape.slice(1) as number[]) : undefined;
}
