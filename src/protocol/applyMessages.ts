// Putting a trained run to work on new data: the host -> trainer jobs (reconstruct, score, encode, neighbors), the
// interactive probe behind the dashboard's "Try it" view, and what the trainer answers. Shared by the CLI, VS Code's
// Apply Autoencoder command and the dashboard, so all three drive the same engine.
import { z } from 'zod';
import { BACKENDS } from './experiment';

const float32Array = z.custom<Float32Array>((v) => v instanceof Float32Array, 'expected a Float32Array');
const count = z.number().int().nonnegative();

export const APPLY_JOBS = ['reconstruct', 'score', 'encode', 'neighbors'] as const;
/** neighbors: the most training samples one query may ask for. */
export const MAX_NEIGHBORS = 1000;
export type ApplyJob = (typeof APPLY_JOBS)[number];

/** One batch job over an input file or folder, streamed; the trainer process ends when it is done. */
export const applyMessageSchema = z.object({
  type: z.literal('apply'),
  job: z.enum(APPLY_JOBS),
  runDir: z.string().min(1),
  /** An image, an image folder, or an IDX / CSV / NPY file (formats of protocol/dataFormats.ts). */
  input: z.string().min(1),
  /** reconstruct: output folder or file; score: CSV; encode: CSV or NPY. Not used by neighbors. */
  out: z.string().min(1).optional(),
  /** score: flag above this error instead of the run's threshold. */
  threshold: z.number().nonnegative().optional(),
  /** score: flag above this percentile of the scored errors instead of the run's threshold. */
  percentile: z.number().min(0).max(100).optional(),
  /** neighbors: how many training samples to return per query. */
  k: z.number().int().min(1).max(MAX_NEIGHBORS).default(10),
  /** neighbors: sign codes and Hamming distance (semantic hashing) instead of euclidean distance. */
  binary: z.boolean().default(false),
  backend: z.enum(BACKENDS).optional(),
});
export type ApplyMessage = z.input<typeof applyMessageSchema>;

/** Interactive: one sample through a run's model, for the dashboard's Try it view (a served trainer answers). */
export const probeMessageSchema = z.object({
  type: z.literal('probe'),
  requestId: count,
  runDir: z.string().min(1),
  /** A file the user picked, or pixels drawn on a canvas (row-major, values in [0, 1], the run's sample shape). */
  sample: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('file'), path: z.string().min(1) }),
    z.object({ kind: z.literal('pixels'), values: float32Array, shape: z.array(z.number().int().positive()).min(1).max(3) }),
  ]),
  k: z.number().int().min(1).max(100).default(8),
});
export type ProbeMessage = z.input<typeof probeMessageSchema>;

export const neighborSchema = z.object({
  /** Index in the run's training samples (the order of its saved training codes). */
  index: count,
  source: z.string(),
  label: z.string().nullable(),
  distance: z.number().nonnegative(),
});
export type Neighbor = z.infer<typeof neighborSchema>;

export const applyProgressSchema = z.object({ type: z.literal('applyProgress'), done: count, total: count.nullable() });

export const appliedSchema = z.object({
  type: z.literal('applied'),
  job: z.enum(APPLY_JOBS),
  /** Samples processed. */
  count,
  out: z.string().nullable(),
  /** score: how many errors are above the threshold, the threshold used and where it came from. */
  flagged: count.optional(),
  threshold: z.number().optional(),
  method: z.string().optional(),
  /** score on a time series: the runs of consecutive flagged points, by the time (or row number) of their first and last point. */
  spans: z.array(z.object({ start: z.string(), end: z.string(), points: count })).optional(),
  /** neighbors: per query sample, its nearest training samples, nearest first. */
  neighbors: z.array(z.object({ query: z.string(), matches: z.array(neighborSchema) })).optional(),
  error: z.string().optional(),
  /** 'input': the user's files or flags (CLI exit 2); 'stopped': the host asked for a stop (checked between batches). */
  reason: z.enum(['input', 'write', 'crashed', 'stopped']).optional(),
});
export type Applied = z.infer<typeof appliedSchema>;

/** The Try it answer: everything in the run's display scale ([0, 1] images, or the table's own units). */
export const probedSchema = z.object({
  type: z.literal('probed'),
  requestId: count,
  sampleShape: z.array(z.number().int().positive()).optional(),
  input: float32Array.optional(),
  reconstruction: float32Array.optional(),
  /** Per-value error (e.g. per pixel), same length as input. */
  errorMap: float32Array.optional(),
  /** The sample's anomaly score (the run's error metric) and the run's threshold. */
  score: z.number().optional(),
  threshold: z.number().nullable().optional(),
  flagged: z.boolean().optional(),
  neighbors: z.array(neighborSchema.extend({ image: float32Array.optional() })).optional(),
  error: z.string().optional(),
});
export type Probed = z.infer<typeof probedSchema>;
