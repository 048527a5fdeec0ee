// The `*.ae.json` experiment file: one zod schema is the source of the runtime validator,
// the TypeScript types and the JSON Schema that VS Code uses for completion and hover docs.
import { z } from 'zod';
import { DATA_FORMAT_NAMES } from './dataFormats';
import { POINT_AGGREGATES } from './series';
import { ARCHITECTURES, isSequenceArchitecture, KINDS, SEQUENCE_ARCHITECTURES, type ModelKind } from './kinds';
import { sweepSchema } from './sweep';

/** Every kind of autoencoder, in the order of their rows in the kinds table (src/protocol/kinds.ts). */
export const MODEL_KINDS = Object.keys(KINDS) as [ModelKind, ...ModelKind[]];
export type { ModelKind };

export const BACKENDS = ['node', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

const positiveInt = z.number().int().positive();

export const noiseSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('gaussian'), sigma: z.number().positive().default(0.5).describe('Standard deviation of the added noise (Keras blog "noise factor").') }),
    z.object({ type: z.literal('salt-pepper'), p: z.number().min(0).max(1).default(0.1).describe('Probability that a pixel is set to 0 or 1.') }),
    z.object({
      type: z.literal('mask'),
      boxes: positiveInt.default(1).describe('Number of random boxes blanked per image (inpainting, watermark removal).'),
      size: z.number().min(0).max(1).default(0.25).describe('Box side as a fraction of the image side.'),
    }),
    z.object({ type: z.literal('downsample'), factor: positiveInt.default(2).describe('Downsample by this factor then upsample back (super-resolution).') }),
    z.object({ type: z.literal('grayscale').describe('Feed the grayscale image, reconstruct colour (colourisation).') }),
    z
      .object({
        type: z.literal('audio'),
        snr: z.number().min(-20).max(60).default(10).describe('Signal-to-noise ratio (dB) of the white noise mixed in: noise power = clean power / 10^(snr/10).'),
        file: z.string().min(1).optional().describe('A WAV file of noise (relative to the experiment file) mixed in instead of white noise: a random segment of it, looped, at the same SNR.'),
      })
      .describe('Audio data: white noise added to the clean spectrogram at a given SNR, mixed per bin with a random phase.'),
  ])
  .describe('How inputs are corrupted for the denoising kind; targets stay clean.');
/** A noise file only makes sense for audio noise; other noise types would drop the key silently. */
const noiseWithFileSchema = z.preprocess((value, ctx) => {
  const noise = value as { type?: unknown; file?: unknown } | null;
  if (noise && typeof noise === 'object' && 'file' in noise && noise.type !== 'audio') {
    ctx.addIssue({ code: 'custom', path: ['file'], message: `model.noise.file is only for noise type "audio" (a WAV file mixed into audio spectrograms), not "${String(noise.type)}"`, input: value });
  }
  return value;
}, noiseSchema);
export type NoiseConfig = z.infer<typeof noiseSchema>;

export const layerConfigSchema = z
  .object({
    type: z.enum(['dense', 'conv2d', 'conv2dTranspose', 'maxPooling2d', 'upSampling2d', 'flatten', 'reshape', 'dropout', 'batchNormalization']),
    units: positiveInt.optional(),
    filters: positiveInt.optional(),
    kernelSize: z.union([positiveInt, z.tuple([positiveInt, positiveInt])]).optional(),
    strides: z.union([positiveInt, z.tuple([positiveInt, positiveInt])]).optional(),
    poolSize: z.union([positiveInt, z.tuple([positiveInt, positiveInt])]).optional(),
    size: z.union([positiveInt, z.tuple([positiveInt, positiveInt])]).optional(),
    padding: z.enum(['same', 'valid']).optional(),
    activation: z.enum(['relu', 'sigmoid', 'tanh', 'linear', 'elu', 'selu', 'softplus']).optional(),
    targetShape: z.array(positiveInt).optional(),
    rate: z.number().min(0).max(1).optional(),
  })
  .strict()
  .describe('A Keras-style layer config, e.g. {"type": "conv2d", "filters": 16, "kernelSize": 3, "activation": "relu", "padding": "same"}.');
export type LayerConfig = z.infer<typeof layerConfigSchema>;

const dataSchema = z
  .object({
    source: z.string().min(1).describe('A file or folder, relative to this experiment file, or "builtin:mnist" (10,000 bundled MNIST digits).'),
    format: z.enum(['auto', ...DATA_FORMAT_NAMES]).default('auto').describe('How to read data.source; "auto" decides from the file extension or folder contents.'),
    labels: z.string().optional().describe('For IDX: the labels file, relative to this experiment file.'),
    validationSplit: z.number().min(0).max(0.9).default(0.1).describe('Fraction of samples held out for validation (seeded by training.seed).'),
    limit: positiveInt.optional().describe('Use at most this many samples (after shuffling), for quick experiments.'),
    imageSize: z.union([positiveInt, z.tuple([positiveInt, positiveInt])]).optional().describe('Resize images to this size, [height, width] or one number for square.'),
    channels: z.union([z.literal(1), z.literal(3)]).optional().describe('Force grayscale (1) or RGB (3) images; default follows the first image.'),
    mixedSizes: z.enum(['resize', 'error']).default('resize').describe('What to do when images in a folder differ in size.'),
    normalization: z.enum(['auto', 'none', 'minmax', 'zscore']).default('auto').describe('Scaling of inputs; "auto" divides 8-bit images by 255, min-max scales tables, and scales other data outside [0, 1] when training.loss is "bce" (which needs [0, 1]). With "none" or "zscore", "bce" needs data already in [0, 1].'),
    header: z.union([z.boolean(), z.literal('auto')]).default('auto').describe('CSV: whether the first row is a header.'),
    labelColumn: z.union([z.string(), z.number().int().nonnegative()]).optional().describe('CSV: the column (name or 0-based index) holding labels; excluded from the features.'),
    stream: z.boolean().default(false).describe('Image folders: decode training batches from disk each epoch instead of loading every image into memory (for folders larger than memory).'),
    includeLabels: z
      .array(z.union([z.string().min(1), z.number().int()]))
      .min(1)
      .optional()
      .describe('Train only on samples with these labels (names, or values for numeric labels such as IDX digits); validation and evaluation still see every label. The one-class anomaly protocol: name the normal classes here.'),
    onBadFile: z.enum(['skip', 'error']).default('skip').describe('A corrupt image is skipped and named in the run log ("skip"), or stops the run ("error").'),
    timeColumn: z.union([z.string().min(1), z.number().int().nonnegative(), z.literal(false)]).optional().describe('Time series: the column (name or 0-based index) holding time stamps; default: the first column whose header looks like a time or date; false: none (points are named by row number).'),
    columns: z.array(z.union([z.string().min(1), z.number().int().nonnegative()])).min(1).optional().describe('Time series: the value columns (names or 0-based indices), one channel each; default: every other numeric column.'),
    window: positiveInt.optional().describe('Time series: points per window (one sample); default 288 (keras.io); a training or validation part shorter than one window is refused.'),
    stride: positiveInt.default(1).describe('Time series: points between the starts of consecutive windows.'),
    aggregate: z.enum(POINT_AGGREGATES).default('mean').describe('Time series: a point\'s error is the mean or the max of the errors of the windows covering it (aelab score, the run\'s threshold).'),
    sampleRate: positiveInt.optional().describe('Audio: WAV files are mixed to mono and resampled to this rate (Hz); default 16000.'),
    stft: z
      .object({
        frameSize: positiveInt.refine((n) => n >= 8 && (n & (n - 1)) === 0, 'a power of two, at least 8').default(256).describe('Samples per STFT frame (Hann window); the model sees frameSize / 2 frequency bins.'),
        hop: positiveInt.optional().describe('Samples between frame starts; default frameSize / 2.'),
      })
      .strict()
      .optional()
      .describe('Audio: the short-time Fourier transform the spectrogram patches come from.'),
    patchFrames: positiveInt.optional().describe('Audio: STFT frames per sample (a [frameSize / 2, patchFrames, 1] log-magnitude patch); default 16.'),
  })
  .strict();

const modelSchema = z
  .object({
    hidden: z.array(positiveInt).default([128, 64]).describe('Dense hidden layer sizes of the encoder; the decoder mirrors them.'),
    latentDim: positiveInt.default(32).describe('Size of the code (bottleneck).'),
    filters: z.array(positiveInt).optional().describe('Conv kinds: filters per encoder conv block; each block halves the image.'),
    upsampling: z.enum(['upsample', 'transpose']).optional().describe('Conv kinds: decoder upsampling by Conv2D + UpSampling2D (Keras blog, default) or Conv2DTranspose stride 2 (keras.io denoiser).'),
    activation: z.enum(['relu', 'sigmoid', 'tanh', 'elu', 'selu']).default('relu').describe('Hidden-layer activation.'),
    outputActivation: z.enum(['sigmoid', 'linear']).default('sigmoid').describe('Decoder output activation; sigmoid for pixels in [0, 1].'),
    architecture: z.enum(ARCHITECTURES).optional().describe('Denoising and sparse kinds: the network the kind is applied to. VAE kinds: "conv1d" or "lstm" for a sequence VAE (two dense code heads on that stack).'),
    noise: noiseWithFileSchema.optional(),
    output: z.enum(['mask']).optional().describe('Audio denoising: "mask" makes the network output a ratio mask in [0, 1] that multiplies the noisy magnitudes (keeps loud bins exactly; use a sigmoid output layer), instead of the clean magnitudes. It trains on magnitude errors relative to each patch\'s energy; training.loss then only scores reconstruction errors.'),
    l1: z.number().nonnegative().optional().describe('Sparse kind: weight of the L1 activity penalty on the code.'),
    contractiveWeight: z.number().nonnegative().optional().describe('Contractive kind: lambda in loss + lambda * ||J_f(x)||_F^2.'),
    beta: z.number().nonnegative().optional().describe('VAE kinds: weight of the KL term (beta-VAE when > 1).'),
    mmdWeight: z.number().nonnegative().optional().describe('wae-mmd: lambda in recon + lambda * MMD(codes, N(0, I)); Tolstikhin et al. 2018 use 10 on MNIST (the default).'),
    discriminator: z.array(positiveInt).optional().describe('aae: hidden layer sizes of the discriminator on the code (default [1000, 1000], Makhzani et al. 2016).'),
    discriminatorLearningRate: z.number().positive().optional().describe('aae: learning rate of the discriminator\'s own Adam optimizer (default training.learningRate).'),
    samples: positiveInt.max(100).optional().describe('IWAE kind: importance samples k per input in the training bound (default 5; Burda et al. 2016 use 1, 5 and 50). Each step decodes k times the batch.'),
    encoder: z.array(layerConfigSchema).optional().describe('Custom kind: encoder layers, input to code.'),
    decoder: z.array(layerConfigSchema).optional().describe('Custom kind: decoder layers, code to output.'),
    codebookSize: positiveInt.max(4096).optional().describe('VQ-VAE: number of code vectors in the codebook (default 128, as keras.io trains it); each has model.latentDim values.'),
    commitmentCost: z.number().nonnegative().optional().describe('VQ-VAE: beta in recon + beta * ||z_e - sg(q)||^2 + ||sg(z_e) - q||^2, the commitment loss that keeps the encoder near its codes (default 0.25).'),
  })
  .strict();

const monitorSchema = z.enum(['val_loss', 'loss']);

const earlyStoppingSchema = z
  .object({
    monitor: monitorSchema.default('val_loss').describe('The epoch value watched; "val_loss" falls back to "loss" (with a run log line) when there is no validation set.'),
    patience: positiveInt.default(5).describe('Stop after this many epochs in a row without an improvement larger than minDelta.'),
    minDelta: z.number().nonnegative().default(0).describe('An epoch improves only when the monitored value drops by more than this below the best so far.'),
    restoreBest: z.boolean().default(true).describe('When the run ends, save the weights of the best epoch (not the last) as model/, encoder/ and decoder/.'),
  })
  .strict()
  .describe('Stop training when the monitored loss stops improving (Keras EarlyStopping). The best epoch\'s weights are always kept in best/.');

const lrScheduleSchema = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('step'),
        every: positiveInt.describe('Multiply the learning rate by factor after every this many epochs.'),
        factor: z.number().positive().max(1).default(0.5).describe('Multiplier applied every `every` epochs.'),
      })
      .strict(),
    z
      .object({
        type: z.literal('cosine'),
        minLearningRate: z.number().nonnegative().default(0).describe('The rate the cosine curve decays towards at the last epoch.'),
        warmupEpochs: z.number().int().nonnegative().default(0).describe('Epochs of linear warm-up (learningRate * epoch / warmupEpochs) before the cosine decay.'),
      })
      .strict(),
    z
      .object({
        type: z.literal('reduceOnPlateau'),
        monitor: monitorSchema.default('val_loss').describe('The epoch value watched; "val_loss" falls back to "loss" without a validation set.'),
        factor: z.number().positive().lt(1).default(0.5).describe('Multiplier applied when the monitored value has not improved for `patience` epochs.'),
        patience: positiveInt.default(3).describe('Epochs without an improvement larger than minDelta before the rate is reduced.'),
        minDelta: z.number().nonnegative().default(0).describe('An epoch improves only when the monitored value drops by more than this below the best so far.'),
        minLearningRate: z.number().nonnegative().default(0).describe('The rate is never reduced below this.'),
      })
      .strict(),
  ])
  .describe('Learning rate per epoch, set at the start of each epoch: "step" decay, "cosine" annealing with optional warm-up, or "reduceOnPlateau" (Keras ReduceLROnPlateau).');

const klCycleSchema = z
  .object({
    cycles: positiveInt.default(4).describe('Number of cycles over training.epochs.'),
    ratio: z.number().positive().max(1).default(0.5).describe('Fraction of each cycle during which the KL weight rises linearly from 0 to model.beta; it stays at model.beta for the rest.'),
  })
  .strict()
  .describe('VAE kinds: cyclical KL annealing (Fu et al., NAACL 2019) to avoid posterior collapse.');

const trainingSchema = z
  .object({
    epochs: positiveInt.default(10).describe('Passes over the training set.'),
    batchSize: positiveInt.default(256).describe('Samples per gradient step.'),
    learningRate: z.number().positive().default(0.001).describe('Optimizer step size.'),
    optimizer: z.enum(['adam', 'sgd', 'rmsprop', 'adadelta']).default('adam'),
    loss: z.enum(['bce', 'mse']).default('bce').describe('Per-pixel binary cross-entropy (inputs in [0, 1]) or mean squared error.'),
    seed: z.number().int().nonnegative().default(42).describe('Seeds weight init, shuffling, the validation split and noise.'),
    checkpointEvery: positiveInt.default(1).describe('Save a resumable checkpoint every N epochs (and on stop).'),
    earlyStopping: earlyStoppingSchema.optional(),
    lrSchedule: lrScheduleSchema.optional(),
    clipNorm: z.number().positive().optional().describe('Scale each batch gradient down so that its global L2 norm (over all weights) is at most this (Keras global_clipnorm).'),
    klWarmup: positiveInt.optional().describe('VAE kinds: over this many epochs the KL weight rises linearly from 0 (epoch 1) to model.beta (Bowman et al. 2016).'),
    klCycle: klCycleSchema.optional(),
  })
  .strict();

const evaluationConfigSchema = z
  .object({
    enabled: z.boolean().default(true).describe('Write evaluation.json when training ends (also recomputed by `aelab eval`).'),
    normalLabels: z
      .array(z.union([z.string().min(1), z.number().int()]))
      .min(1)
      .optional()
      .describe('Labels of the normal samples; every other label is an anomaly. Enables the anomaly metrics (ROC, AUROC, AUPRC, F1). Default: data.includeLabels.'),
    nllSamples: positiveInt.max(100000).default(100).describe('VAE kinds: importance samples per input for the negative log-likelihood (published numbers use 5,000).'),
    nllLimit: positiveInt
      .default(200)
      .describe('VAE kinds: the NLL is estimated on at most this many of the evaluated samples (each costs nllSamples decoder passes: 200 × 100 takes about 2 s for the dense VAE and 45 s for conv-vae on wasm here).'),
    limit: positiveInt.default(5000).describe('Evaluate at most this many validation samples, and use at most this many training samples as kNN references and probe training data (seeded subsample).'),
  })
  .strict();

export const experimentSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1).describe('A short name; run folders start with it.'),
    comment: z.string().optional().describe('Free text, e.g. the published setting this experiment reproduces.'),
    kind: z.enum(MODEL_KINDS).describe('The kind of autoencoder.'),
    data: dataSchema,
    model: modelSchema.prefault({}),
    training: trainingSchema.prefault({}),
    evaluation: evaluationConfigSchema.prefault({}),
    sweep: sweepSchema.optional(),
  })
  .strict()
  .superRefine(refuseKlScheduleOffVae)
  .superRefine(refuseDenseOnlyArchitecture)
  .superRefine(refuseFieldsOfOtherKinds)
  .superRefine(refuseMaskOffAudioDenoising);

/** A ratio mask multiplies noisy magnitudes: it has a meaning only where the input is a noisy spectrogram. */
function refuseMaskOffAudioDenoising(experiment: { kind: ModelKind; model: { output?: string; noise?: { type: string } } }, ctx: z.RefinementCtx): void {
  const { kind, model } = experiment;
  if (model.output === 'mask' && (kind !== 'denoising' || model.noise?.type !== 'audio')) {
    ctx.addIssue({ code: 'custom', path: ['model', 'output'], message: `model.output "mask" needs kind "denoising" with model.noise {"type": "audio"} (a mask multiplies noisy spectrogram magnitudes); remove it for ${kind !== 'denoising' ? `kind "${kind}"` : `noise "${model.noise?.type ?? 'gaussian'}"`}` });
  }
}

/** The VAE kinds swap their dense network only for a sequence stack; an image VAE is kind "conv-vae". Dense-only kinds take none. */
function refuseDenseOnlyArchitecture(experiment: { kind: ModelKind; model: { architecture?: string } }, ctx: z.RefinementCtx): void {
  const { kind, model } = experiment;
  const network = KINDS[kind].network;
  if (network.from !== 'dense' || model.architecture === undefined) return;
  if (!network.sequences) {
    // Before the sequence stacks existed, a dense kind ignored model.architecture; a sequence stack it would ignore too is refused.
    if (isSequenceArchitecture(model.architecture)) ctx.addIssue({ code: 'custom', path: ['model', 'architecture'], message: `kind "${kind}" always builds its dense network and would ignore model.architecture "${model.architecture}"; remove it, or use kind "${model.architecture}" (or "denoising", "sparse", "vae" with it)` });
    return;
  }
  if (isSequenceArchitecture(model.architecture)) return;
  const images = model.architecture === 'conv' ? '; for images use kind "conv-vae"' : '';
  ctx.addIssue({ code: 'custom', path: ['model', 'architecture'], message: `kind "${kind}" takes model.architecture ${SEQUENCE_ARCHITECTURES.map((a) => `"${a}"`).join(' or ')} (a sequence VAE), or none for the dense VAE, not "${model.architecture}"${images}` });
}

/** Model fields only some kinds read: on another kind they would be silently ignored, so they are refused. */
const KIND_SPECIFIC_FIELDS = {
  samples: ['iwae'],
  codebookSize: ['vq-vae'],
  commitmentCost: ['vq-vae'],
  mmdWeight: ['wae-mmd'],
  discriminator: ['aae'],
  discriminatorLearningRate: ['aae'],
} as const satisfies Record<string, readonly ModelKind[]>;

function refuseFieldsOfOtherKinds(experiment: { kind: ModelKind; model: Partial<Record<keyof typeof KIND_SPECIFIC_FIELDS, unknown>> }, ctx: z.RefinementCtx): void {
  for (const [field, kinds] of Object.entries(KIND_SPECIFIC_FIELDS) as [keyof typeof KIND_SPECIFIC_FIELDS, readonly ModelKind[]][]) {
    if (experiment.model[field] === undefined || kinds.includes(experiment.kind)) continue;
    ctx.addIssue({ code: 'custom', path: ['model', field], message: `only kind ${kinds.map((k) => `"${k}"`).join(' or ')} reads model.${field}; remove it for kind "${experiment.kind}"` });
  }
}

/** KL warm-up and cycles reshape the KL weight, which only the VAE kinds have; both at once would fight. */
function refuseKlScheduleOffVae(experiment: { kind: ModelKind; training: { klWarmup?: number; klCycle?: unknown } }, ctx: z.RefinementCtx): void {
  const { training, kind } = experiment;
  for (const field of ['klWarmup', 'klCycle'] as const) {
    if (training[field] !== undefined && !KINDS[kind].generative) {
      ctx.addIssue({ code: 'custom', path: ['training', field], message: `only the VAE kinds (${MODEL_KINDS.filter((k) => KINDS[k].generative).join(', ')}) have a KL weight to schedule; remove training.${field} for kind "${kind}"` });
    }
  }
  if (training.klWarmup !== undefined && training.klCycle !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['training', 'klCycle'], message: 'use either training.klWarmup or training.klCycle, not both' });
  }
}

export type Experiment = z.infer<typeof experimentSchema>;
export type ExperimentInput = z.input<typeof experimentSchema>;
export type DataConfig = Experiment['data'];
export type ModelConfig = Experiment['model'];
export type TrainingConfig = Experiment['training'];
export type EvaluationConfig = Experiment['evaluation'];
export type EarlyStoppingConfig = NonNullable<TrainingConfig['earlyStopping']>;
export type LrScheduleConfig = NonNullable<TrainingConfig['lrSchedule']>;
export type Monitor = z.infer<typeof monitorSchema>;
