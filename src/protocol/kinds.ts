// The kinds of autoencoder: the one table of what each kind is, read by the trainer's checks, Train on Folder, the
// Keras export and the reproduction script. MODEL_KINDS is its keys, so a new kind starts here; the builder of each
// kind is the `Record<ModelKind, …>` in src/trainer/models/registry.ts, its Keras loss the one in
// src/templates/keras/lossSection.ts, and test/unit/models/kindTable.test.ts checks the rows against the built models.
import type { DataShape } from './dataFormats';
import type { LayerConfig } from './experiment';

/** model.architecture: the network the denoising and sparse kinds are applied to. Here, not in experiment.ts, so that
 * the kinds table's type does not depend on the experiment schema, whose `kind` enum is the table's keys. */
export const ARCHITECTURES = ['undercomplete', 'deep', 'conv', 'conv1d', 'lstm'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/** The networks that read samples as [steps, channels] sequences (a table row is one univariate sequence, [features, 1]). */
export const SEQUENCE_ARCHITECTURES = ['conv1d', 'lstm'] as const satisfies readonly Architecture[];
export type SequenceArchitecture = (typeof SEQUENCE_ARCHITECTURES)[number];
export const isSequenceArchitecture = (architecture: string | undefined): architecture is SequenceArchitecture =>
  (SEQUENCE_ARCHITECTURES as readonly string[]).includes(architecture ?? '');

/** Where a kind's encoder/decoder comes from, which decides whether it needs image-shaped data. */
export type NetworkSource =
  /**
   * A dense network; `hidden`: model.hidden sits between input and code (else input -> code). `sequences`: model.architecture
   * "conv1d" or "lstm" replaces it with that sequence stack (the VAE kinds: two dense code heads on it); other values are refused.
   */
  | { from: 'dense'; hidden: boolean; sequences?: true }
  /** Conv blocks (with `generative`, stride-2 convs to a dense code): samples must be [height, width, channels]. */
  | { from: 'conv' }
  /** model.encoder/model.decoder layer lists if given, otherwise model.architecture, otherwise `fallback`. */
  | { from: 'architecture'; fallback: Architecture }
  /** model.encoder/model.decoder layer lists only. */
  | { from: 'layers' }
  /** A sequence network (conv1d or lstm): samples must be [steps, channels] sequences, or table rows read as [features, 1]. */
  | { from: 'sequence'; network: SequenceArchitecture };

export interface KindFacts {
  network: NetworkSource;
  /** VAE family: the encoder outputs [z_mean, z_log_var] (two code heads) and the loss has a KL term (KL schedules, VAE metrics). */
  generative: boolean;
  /** Trains on corrupted inputs (model.noise) against clean targets, so applying it denoises (Apply Autoencoder says so). */
  denoises: boolean;
  /** Named loss parts logged each epoch besides "loss" (the minimised total), in the order the Keras script logs them. */
  lossParts: readonly string[];
  /**
   * What the Generate view makes: 'prior' decodes samples of the code prior; 'codebook' decodes (edited) discrete codes;
   * 'label' generates per class; null: the kind does not generate.
   */
  generates: 'prior' | 'codebook' | 'label' | null;
}

const VARIATIONAL_PARTS = ['recon_loss', 'kl_loss'];

// A kind is its row: MODEL_KINDS (src/protocol/experiment.ts) is this table's keys, in this order.
const KIND_ROWS = {
  undercomplete: { network: { from: 'dense', hidden: false }, generative: false, denoises: false, lossParts: [], generates: null },
  deep: { network: { from: 'dense', hidden: true }, generative: false, denoises: false, lossParts: [], generates: null },
  conv: { network: { from: 'conv' }, generative: false, denoises: false, lossParts: [], generates: null },
  denoising: { network: { from: 'architecture', fallback: 'deep' }, generative: false, denoises: true, lossParts: [], generates: null },
  sparse: { network: { from: 'architecture', fallback: 'undercomplete' }, generative: false, denoises: false, lossParts: ['recon_loss', 'sparsity_penalty', 'mean_activation'], generates: null },
  contractive: { network: { from: 'dense', hidden: true }, generative: false, denoises: false, lossParts: ['recon_loss', 'contractive_penalty'], generates: null },
  vae: { network: { from: 'dense', hidden: true, sequences: true }, generative: true, denoises: false, lossParts: VARIATIONAL_PARTS, generates: 'prior' },
  'conv-vae': { network: { from: 'conv' }, generative: true, denoises: false, lossParts: VARIATIONAL_PARTS, generates: 'prior' },
  'beta-vae': { network: { from: 'dense', hidden: true, sequences: true }, generative: true, denoises: false, lossParts: VARIATIONAL_PARTS, generates: 'prior' },
  custom: { network: { from: 'layers' }, generative: false, denoises: false, lossParts: [], generates: null },
  conv1d: { network: { from: 'sequence', network: 'conv1d' }, generative: false, denoises: false, lossParts: [], generates: null },
  lstm: { network: { from: 'sequence', network: 'lstm' }, generative: false, denoises: false, lossParts: [], generates: null },
  'wae-mmd': { network: { from: 'dense', hidden: true }, generative: false, denoises: false, lossParts: ['recon_loss', 'mmd'], generates: 'prior' },
  aae: { network: { from: 'dense', hidden: true }, generative: false, denoises: false, lossParts: [], generates: 'prior' },
  cvae: { network: { from: 'dense', hidden: true }, generative: true, denoises: false, lossParts: VARIATIONAL_PARTS, generates: 'label' },
  iwae: { network: { from: 'dense', hidden: true }, generative: true, denoises: false, lossParts: ['iwae_bound', 'elbo'], generates: 'prior' },
  // No KL term (not 'generative'); besides its loss parts it logs perplexity, dead_codes and restarted_codes per epoch (Autoencoder.epochStats).
  'vq-vae': { network: { from: 'conv' }, generative: false, denoises: false, lossParts: ['recon_loss', 'commitment_loss', 'codebook_loss'], generates: 'codebook' },
} satisfies Record<string, KindFacts>;

export type ModelKind = keyof typeof KIND_ROWS;
export const KINDS: Readonly<Record<ModelKind, KindFacts>> = KIND_ROWS;

/** Whether a kind read from a run file (a plain string) is one of the table's. */
export function isModelKind(kind: string): kind is ModelKind {
  return Object.hasOwn(KINDS, kind);
}

/** Layers that take [height, width, channels] input. */
const IMAGE_LAYERS: ReadonlySet<LayerConfig['type']> = new Set(['conv2d', 'conv2dTranspose', 'maxPooling2d', 'upSampling2d']);

/** The parts of model that decide the network; an experiment file's model (before defaults) has them too. */
export interface NetworkChoice {
  architecture?: Architecture;
  encoder?: readonly Pick<LayerConfig, 'type'>[];
  decoder?: readonly Pick<LayerConfig, 'type'>[];
}

const hasImageLayers = (model: NetworkChoice) => [...(model.encoder ?? []), ...(model.decoder ?? [])].some((layer) => IMAGE_LAYERS.has(layer.type));

/** Whether an experiment of this kind and model can only train on image data ([height, width, channels] samples). */
export function needsImages(kind: ModelKind, model: NetworkChoice = {}): boolean {
  const network = KINDS[kind].network;
  switch (network.from) {
    case 'dense':
    case 'sequence':
      return false;
    case 'conv':
      return true;
    case 'layers':
      return hasImageLayers(model);
    case 'architecture':
      return model.encoder || model.decoder ? hasImageLayers(model) : (model.architecture ?? network.fallback) === 'conv';
  }
}

/**
 * The sequence network an experiment of this kind and model builds, if any: its samples must be [steps, channels]
 * (or table rows, each read as one univariate sequence), never images.
 */
export function sequenceNetwork(kind: ModelKind, model: NetworkChoice = {}): SequenceArchitecture | undefined {
  const network = KINDS[kind].network;
  switch (network.from) {
    case 'sequence':
      return network.network;
    case 'dense':
      return network.sequences && isSequenceArchitecture(model.architecture) ? model.architecture : undefined;
    case 'architecture': {
      const architecture = model.encoder || model.decoder ? undefined : (model.architecture ?? network.fallback);
      return isSequenceArchitecture(architecture) ? architecture : undefined;
    }
    case 'conv':
    case 'layers':
      return undefined;
  }
}

/** Whether an experiment of this kind and model needs sequence samples ([steps, channels], or table rows as [features, 1]). */
export function needsSeries(kind: ModelKind, model: NetworkChoice = {}): boolean {
  return sequenceNetwork(kind, model) !== undefined;
}

/** The kind Train on Folder and `aelab train-folder` propose first (the defaults of the defaultImageKind/defaultTableKind settings). */
export const DEFAULT_KIND_FOR: Record<DataShape, ModelKind> = { images: 'conv', table: 'deep', audio: 'denoising' };
