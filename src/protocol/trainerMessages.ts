// The typed, validated IPC contract between a host (VS Code extension or CLI) and the trainer child process.
// The child is forked with `serialization: 'advanced'`, so typed arrays cross the boundary without JSON bloat.
import { z } from 'zod';
import { appliedSchema, applyMessageSchema, applyProgressSchema, probedSchema, probeMessageSchema } from './applyMessages';
import { evaluationSchema } from './evaluation';
import { BACKENDS } from './experiment';
import { POINT_AGGREGATES } from './series';

/** Most training threads on wasm (the main thread plus replica workers). */
export const MAX_TRAINING_THREADS = 4;
/** The Reconstructions view's epoch slider keeps at most this many frames. */
export const MAX_RECONSTRUCTION_FRAMES = 50;
/** The most points of a series the Series view receives (the newest are kept). */
export const MAX_SERIES_POINTS = 5000;
/** The audio view's clips per epoch, and their longest length: each clip is sent as three WAVs and spectrograms. */
export const MAX_AUDIO_CLIPS = 3;
export const MAX_AUDIO_CLIP_SECONDS = 2;

// Typed arrays survive IPC with `serialization: 'advanced'`; typed as ArrayBufferLike-backed so any view is accepted.
const float32Array = z.custom<Float32Array>((v) => v instanceof Float32Array, 'expected a Float32Array');
const uint8Array = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected a Uint8Array');
const int32Array = z.custom<Int32Array>((v) => v instanceof Int32Array, 'expected an Int32Array');

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const count = z.number().int().nonnegative();

/**
 * A run's anomaly threshold: this percentile of its training samples' reconstruction errors (the rule is in
 * trainer/apply/runThreshold.ts). data.json keeps it with the metric and sample count; the errors message carries it.
 */
export const runThresholdSchema = z.object({
  method: z.literal('percentile'),
  percentile: z.number().min(0).max(100),
  value: z.number().nonnegative(),
});
export type RunThreshold = z.infer<typeof runThresholdSchema>;

// ---- host -> trainer ----

export const startMessageSchema = z.object({
  type: z.literal('start'),
  experimentFile: z.string().min(1),
  runsDir: z.string().min(1),
  overrides: z
    .object({
      epochs: z.number().int().positive().optional(),
      backend: z.enum(BACKENDS).optional(),
      limit: z.number().int().positive().optional(),
      /** Training threads on wasm (the main one plus replica workers); default: one per core, up to 4. */
      threads: z.number().int().min(1).max(MAX_TRAINING_THREADS).optional(),
    })
    .strict()
    .default({}),
  /** Continue this run folder from its last checkpoint instead of starting a new run. */
  resumeRunDir: z.string().min(1).optional(),
});

export const stopMessageSchema = z.object({ type: z.literal('stop') });

/** Turns a trainer process into an inference server for a finished run's decoder (used by Generate views). */
export const serveMessageSchema = z.object({ type: z.literal('serve'), runDir: z.string().min(1), backend: z.enum(BACKENDS).optional() });

/** Decode `count` latent codes (row-major, count * latentDim) with the run's current decoder. */
export const decodeMessageSchema = z.object({
  type: z.literal('decode'),
  requestId: z.number().int().nonnegative(),
  codes: float32Array,
  count: z.number().int().positive().max(1024),
  /** Conditional runs (cvae): the class of each code; the trainer checks them against its decoder's classes. */
  labels: z.array(z.number().int().nonnegative().max(100_000)).max(1024).optional(),
});

/** Encodes every sample of a finished run with its encoder and writes a CSV (code columns, label, source). */
export const embedMessageSchema = z.object({
  type: z.literal('embed'),
  runDir: z.string().min(1),
  outFile: z.string().min(1),
  backend: z.enum(BACKENDS).optional(),
});
export type EmbedMessage = z.infer<typeof embedMessageSchema>;

/** `aelab eval`: (re)computes a finished run's evaluation; the trainer answers 'evaluated' and ends. */
export const evaluateMessageSchema = z.object({
  type: z.literal('evaluate'),
  runDir: z.string().min(1),
  /** Evaluate this file or folder (any data format) instead of the run's validation split. */
  input: z.string().min(1).optional(),
  /** Where to write the result; default: the run's evaluation.json (without `input`) or none (with it). */
  out: z.string().min(1).optional(),
  /** VAE kinds: importance samples per input for the NLL (default: the experiment's evaluation.nllSamples). */
  nllSamples: z.number().int().min(1).max(100000).optional(),
  backend: z.enum(BACKENDS).optional(),
});
export type EvaluateMessage = z.infer<typeof evaluateMessageSchema>;

export const hostToTrainerSchema = z.discriminatedUnion('type', [
  startMessageSchema,
  stopMessageSchema,
  serveMessageSchema,
  decodeMessageSchema,
  embedMessageSchema,
  applyMessageSchema,
  probeMessageSchema,
  evaluateMessageSchema,
]);
export type HostToTrainer = z.infer<typeof hostToTrainerSchema>;
export type StartMessage = z.input<typeof startMessageSchema>;

// ---- trainer -> host ----

/** One line of metrics.jsonl. Loss components (recon_loss, kl_loss, sparsity, contractive...) are extra keys. */
export const epochMetricsSchema = z
  .object({
    epoch: z.number().int().positive(),
    loss: z.number(),
    val_loss: z.number().nullable(),
    seconds: finite,
    samples_per_second: finite,
    /** Threads that trained this epoch (replica workers on wasm, see parallel/). */
    threads: z.number().int().positive().optional(),
  })
  .catchall(z.number().nullable());
export type EpochMetrics = z.infer<typeof epochMetricsSchema>;

export const RUN_STATUSES = ['running', 'completed', 'stopped', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const runErrorSchema = z.object({
  message: z.string(),
  reason: z.enum(['input', 'diverged', 'crashed', 'killed', 'write']),
  file: z.string().optional(),
  field: z.string().optional(),
  line: z.number().optional(),
  epoch: z.number().optional(),
  batch: z.number().optional(),
});
export type RunError = z.infer<typeof runErrorSchema>;

/** Early stopping ended the run after `epoch`: `monitor` last improved to `best` at `bestEpoch`. */
const stoppedEarlySchema = z.object({ epoch: count, monitor: z.enum(['val_loss', 'loss']), best: z.number(), bestEpoch: count });
export type StoppedEarly = z.infer<typeof stoppedEarlySchema>;

export const runSummarySchema = z.object({
  runId: z.string(),
  name: z.string(),
  kind: z.string(),
  status: z.enum(RUN_STATUSES),
  backend: z.string(),
  epochs: count,
  epochsPlanned: count,
  /** The last epoch's metrics; epoch 0 when no epoch trained (an exported PyTorch script run with --epochs 0 only evaluates). */
  final: epochMetricsSchema.extend({ epoch: count }).nullable(),
  best_val_loss: z.number().nullable(),
  /** The epoch with the best watched value (early stopping's monitor, else val_loss); its weights are in best/. Absent in older runs. */
  bestEpoch: count.optional(),
  /** The epoch whose weights model/, encoder/ and decoder/ hold: the last one, or bestEpoch with earlyStopping.restoreBest. */
  modelsEpoch: count.optional(),
  stoppedEarly: stoppedEarlySchema.optional(),
  parameterCount: count,
  trainSamples: count,
  validationSamples: count,
  droppedSamples: z.object({ count, reasons: z.record(z.string(), count) }),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  error: runErrorSchema.nullable(),
  /** The trainer process while it runs, with a heartbeat (see runs/runLiveness.ts); absent in older runs. */
  owner: z.object({ pid: z.number().int().positive(), host: z.string(), heartbeatAt: z.string() }).optional(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

const floatImages = z.array(float32Array);

export const trainerToHostSchema = z.discriminatedUnion('type', [
  /** Sent as soon as the run folder exists (before data loads), so a host that outlives its trainer can always mark the run. */
  z.object({ type: z.literal('opened'), runId: z.string().min(1), runDir: z.string().min(1) }),
  z.object({
    type: z.literal('started'),
    runId: z.string(),
    runDir: z.string(),
    backend: z.string(),
    kind: z.string(),
    name: z.string(),
    epochsPlanned: count,
    batchesPerEpoch: count,
    parameterCount: count,
    trainSamples: count,
    validationSamples: count,
    sampleShape: z.array(z.number().int().positive()),
    labelNames: z.array(z.string()).optional(),
  }),
  z.object({ type: z.literal('log'), level: z.enum(['info', 'warn']), message: z.string() }),
  z.object({ type: z.literal('batch'), epoch: count, batch: count, batches: count, loss: z.number().optional() }),
  z.object({ type: z.literal('epoch'), metrics: epochMetricsSchema }),
  z.object({
    type: z.literal('reconstructions'),
    epoch: count,
    sampleShape: z.array(z.number().int().positive()),
    inputs: floatImages,
    noisy: floatImages.optional(),
    outputs: floatImages,
    labels: z.array(z.string()).optional(),
  }),
  /** Sent once: the validation samples as display pixels (uint8, 0-255) or table rows, for hover thumbnails and anomaly lists. */
  z.object({
    type: z.literal('validationSamples'),
    sampleShape: z.array(z.number().int().positive()),
    count,
    /** Images: count * H*W*C uint8. Tables: count * features float32 (display scale). */
    values: z.union([uint8Array, float32Array]),
    labels: int32Array.optional(),
    labelNames: z.array(z.string()).optional(),
    sourceNames: z.array(z.string()).optional(),
  }),
  /** Latent codes of the validation samples (same order as validationSamples) and their 2-D projection. */
  z.object({
    type: z.literal('latent'),
    epoch: count,
    method: z.enum(['identity', 'pca', 'umap']),
    latentDim: z.number().int().positive(),
    count,
    /** count * 2 */
    points: float32Array,
    /** count * latentDim */
    codes: float32Array,
  }),
  /** Per-sample reconstruction errors of clean inputs (also for denoising runs), for the anomaly histogram. */
  z.object({
    type: z.literal('errors'),
    epoch: count,
    metric: z.enum(['bce', 'mse']),
    train: float32Array,
    validation: float32Array,
    /** The run's threshold rule applied to `train`: what data.json keeps at the end of training. Absent in old runs. */
    threshold: runThresholdSchema.optional(),
  }),
  /** VAE kinds: samples from the prior, and for a 2-D latent the decoded manifold over [-range, range]^2. */
  z.object({
    type: z.literal('generated'),
    epoch: count,
    sampleShape: z.array(z.number().int().positive()),
    prior: floatImages,
    manifold: z.object({ gridSize: z.number().int().positive(), range: z.number().positive(), images: floatImages }).optional(),
  }),
  /**
   * Codebook kinds (vq-vae): the code grid of the first validation samples (`codes[i]`: rows * cols code indices of
   * validation sample i, row-major), the codebook (`vectors`: K code vectors of `dim` values) that turns edited codes into
   * decoder input, and how often each code occurs in the validation samples' grids (`usage`, K counts).
   */
  z
    .object({
      type: z.literal('codebook'),
      epoch: count,
      grid: z.tuple([z.number().int().positive(), z.number().int().positive()]),
      dim: z.number().int().positive(),
      vectors: float32Array,
      codes: z.array(z.array(count)),
      usage: z.array(count),
    })
    .superRefine(({ grid, dim, vectors, codes, usage }, ctx) => {
      if (vectors.length !== usage.length * dim) ctx.addIssue({ code: 'custom', path: ['vectors'], message: `expected ${usage.length} code vectors of ${dim} values` });
      if (codes.some((row) => row.length !== grid[0] * grid[1] || row.some((code) => code >= usage.length))) {
        ctx.addIssue({ code: 'custom', path: ['codes'], message: `every grid must hold ${grid[0] * grid[1]} codes below ${usage.length}` });
      }
    }),
  /**
   * Time-series runs: the series (at most MAX_SERIES_POINTS points, the newest kept) in the data's own units, the
   * model's reconstruction of it (window errors mapped to points by `aggregate`), each point's error, the run's
   * threshold on point errors and the spans above it. `values`/`reconstruction`: one array per column.
   */
  z.object({
    type: z.literal('series'),
    epoch: count,
    columns: z.array(z.string()),
    times: z.array(z.string()),
    values: floatImages,
    reconstruction: floatImages,
    errors: float32Array,
    aggregate: z.enum(POINT_AGGREGATES),
    threshold: z.number().nullable(),
    spans: z.array(z.object({ start: count, end: count })),
    /** Index of the first validation point: the split is by time, so the validation part is the series' tail. */
    validationStart: count.nullable(),
  }).superRefine((message, ctx) => {
    // Every array describes the same points, so a damaged views/series.json cannot index past them in the view.
    const points = message.times.length;
    const problem = (path: (string | number)[], text: string) => ctx.addIssue({ code: 'custom', path, message: text });
    if (points > MAX_SERIES_POINTS) problem(['times'], `at most ${MAX_SERIES_POINTS} points, got ${points}`);
    for (const key of ['values', 'reconstruction'] as const) {
      if (message[key].length !== message.columns.length) problem([key], `expected one array per column (${message.columns.length}), got ${message[key].length}`);
      message[key].forEach((column, c) => column.length !== points && problem([key, c], `expected ${points} values, one per time point, got ${column.length}`));
    }
    if (message.errors.length !== points) problem(['errors'], `expected ${points} errors, one per time point, got ${message.errors.length}`);
    message.spans.forEach((span, i) => (span.start > span.end || span.end >= points) && problem(['spans', i], `expected start <= end < ${points}, got ${span.start}..${span.end}`));
    if (message.validationStart !== null && message.validationStart > points) problem(['validationStart'], `expected at most ${points}, got ${message.validationStart}`);
  }),
  /**
   * Audio runs: a few validation clips after each epoch, each as the clean input, the noisy mix the model hears (null
   * when the run adds no audio noise) and the model's output rebuilt with the noisy phase. Per track: a 16-bit mono
   * WAV file's bytes and the log-magnitude spectrogram the model sees (bins rows, highest frequency first, frames
   * columns, 0-255). snr/siSnr: of the noisy mix and of the output against the clean clip, in dB (null without noise).
   */
  z.object({
    type: z.literal('audioClips'),
    epoch: count,
    sampleRate: z.number().int().positive(),
    mixSnr: z.number().nullable(),
    clips: z
      .array(
        z
          .object({
            name: z.string(),
            startSeconds: z.number().nonnegative(),
            seconds: z.number().positive().max(MAX_AUDIO_CLIP_SECONDS),
            bins: z.number().int().positive(),
            frames: z.number().int().positive(),
            input: z.object({ wav: uint8Array, spectrogram: uint8Array }),
            noisy: z.object({ wav: uint8Array, spectrogram: uint8Array }).nullable(),
            output: z.object({ wav: uint8Array, spectrogram: uint8Array }),
            snr: z.object({ noisy: z.number(), output: z.number() }).nullable(),
            siSnr: z.object({ noisy: z.number(), output: z.number() }).nullable(),
          })
          .superRefine(({ bins, frames, input, noisy, output }, ctx) => {
            for (const [name, track] of Object.entries({ input, noisy, output })) {
              if (track && track.spectrogram.length !== bins * frames) ctx.addIssue({ code: 'custom', path: [name, 'spectrogram'], message: `expected ${bins} x ${frames} values` });
            }
          }),
      )
      .max(MAX_AUDIO_CLIPS),
  }),
  /** reason 'input': the run's files or data are unusable (the CLI exits 2). */
  z.object({ type: z.literal('exported'), file: z.string().nullable(), rows: count, error: z.string().optional(), reason: z.literal('input').optional() }),
  z.object({ type: z.literal('decoded'), requestId: count, images: floatImages.optional(), error: z.string().optional() }),
  /** A training run's evaluation, computed after its models are saved (also written to evaluation.json). */
  z.object({ type: z.literal('evaluation'), evaluation: evaluationSchema }),
  /** Answer to 'evaluate'. reason 'input': the run or the input is unusable (the CLI exits 2). */
  z.object({
    type: z.literal('evaluated'),
    evaluation: evaluationSchema.nullable(),
    out: z.string().nullable(),
    error: z.string().optional(),
    reason: z.enum(['input', 'write', 'crashed', 'stopped']).optional(),
  }),
  /**
   * The reconstruction grid's outputs after each epoch (the same preview samples as 'reconstructions'), for the
   * Reconstructions view's epoch slider. At most MAX_RECONSTRUCTION_FRAMES frames, thinned evenly, newest kept.
   * Images: display values (uint8, 0-255) per sample; tables: float32 rows in the scale the table grid plots
   * (the model's, as in 'reconstructions', so each frame's outputs line up with the inputs).
   */
  z.object({
    type: z.literal('reconstructionHistory'),
    sampleShape: z.array(z.number().int().positive()),
    frames: z.array(z.object({ epoch: count, outputs: z.array(z.union([uint8Array, float32Array])) })),
  }),
  applyProgressSchema,
  appliedSchema,
  probedSchema,
  z.object({ type: z.literal('done'), runDir: z.string().nullable(), summary: runSummarySchema.nullable(), error: runErrorSchema.nullable() }),
]);
export type TrainerToHost = z.infer<typeof trainerToHostSchema>;
export type TrainerMessageOf<T extends TrainerToHost['type']> = Extract<TrainerToHost, { type: T }>;
