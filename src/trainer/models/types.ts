// The contract every model kind implements: separate encoder/decoder models plus a loss with named parts.
import type * as tf from '@tensorflow/tfjs';
import type { NoiseRecording } from '../data/audio/noiseRecording';
import type { ModelConfig, TrainingConfig } from '../../protocol/experiment';
import type { EpochMetrics } from '../../protocol/trainerMessages';

export interface LossParts {
  /** The scalar that is minimised. */
  total: tf.Scalar;
  /** Named scalar parts reported every epoch, e.g. recon_loss and kl_loss for a VAE. */
  components: Record<string, tf.Scalar>;
}

export interface Autoencoder {
  /** Input -> code. For VAEs it outputs [z_mean, z_log_var]. Exportable on its own. */
  encoder: tf.LayersModel;
  /** Code -> reconstruction. Exportable on its own. */
  decoder: tf.LayersModel;
  /** Loss on one batch; `training` enables sampling/noise that only applies while fitting. */
  loss(input: tf.Tensor, target: tf.Tensor, training: boolean, labels?: tf.Tensor): LossParts;
  /** Deterministic code for visualisation and embeddings (z_mean for VAEs). */
  encode(input: tf.Tensor, labels?: tf.Tensor): tf.Tensor2D;
  /** Deterministic reconstruction. */
  reconstruct(input: tf.Tensor, labels?: tf.Tensor): tf.Tensor;
  /** The output from the input and the decoder's output, where they differ (model.output "mask", models/audioMask.ts). */
  outputOf?(input: tf.Tensor, network: tf.Tensor): tf.Tensor;
  /** Corrupts a clean batch (denoising kinds only); the target stays clean. */
  corrupt?(clean: tf.Tensor, seed: number): tf.Tensor;
  /** VAE family: two code heads and a KL term (KindFacts.generative). Whether the Generate view samples a prior is KindFacts.generates. */
  generative: boolean;
  /** VAE family: the KL term's weight, read by every loss call; KL warm-up and cycles change `value` per epoch. */
  klWeight?: KlWeight;
  /**
   * Conditional kinds (CVAE): the number of classes. Training batches then carry labels, which `loss`, `encode` and
   * `reconstruct` take as a last argument (int32 class ids, one per row).
   */
  conditional?: { classes: number };
  /** The variables the main optimizer trains; default every trainable variable the loss touches. */
  trainedVariables?(): tf.Variable[];
  /**
   * A second player trained after every main step with its own optimizer (the AAE's discriminator). Returns named
   * scalars logged each epoch like loss parts. Kinds with it, or with `conditional`, train on one thread.
   */
  afterStep?(input: tf.Tensor, clean: tf.Tensor): Record<string, tf.Scalar>;
  /** State besides encoder, decoder and the main optimizer that a checkpoint keeps (the AAE's discriminator and its optimizers). */
  auxiliary?: AuxiliaryState[];
  /** Called after each epoch's metrics are recorded: a message ends the run as failed (e.g. the AAE's discriminator won). */
  afterEpoch?(metrics: EpochMetrics): string | undefined;
  /**
   * Values of a whole training epoch that are not means of batch values (the VQ-VAE's codebook usage): reset before
   * the epoch's first step, read after its last and logged beside the loss parts. Kinds with it train on one thread.
   * `read` runs before validation and the checkpoint, so a weight change there (the VQ-VAE's dead-code restarts) is saved.
   */
  epochStats?: { reset(epoch: number): void; read(): Record<string, number> };
}

export interface AuxiliaryState {
  /** Names the entry in the checkpoint manifest. */
  name: string;
  variables: tf.Variable[];
  optimizer: tf.Optimizer;
  /** The optimizer's learning rate as a multiple of the main one, so the epoch's schedule moves it too. */
  learningRateScale: number;
}

export interface KlWeight {
  /** model.beta, or the kind's default. */
  readonly full: number;
  value: number;
}

export interface BuildContext {
  model: ModelConfig;
  training: TrainingConfig;
  /** Per-sample shape: [H, W, C] or [features]. */
  inputShape: number[];
  /** Conditional kinds: the number of classes of the data's labels (absent when the data has none). */
  classes?: number;
  /** Audio denoising with model.noise.file: the recording, loaded with the data (data/audio/noiseRecording.ts). */
  noiseRecording?: NoiseRecording;
}

export type AutoencoderBuilder = (context: BuildContext) => Autoencoder;

export function parameterCount(autoencoder: Pick<Autoencoder, 'encoder' | 'decoder'>): number {
  return autoencoder.encoder.countParams() + autoencoder.decoder.countParams();
}
