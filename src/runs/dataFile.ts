// data.json: the data's per-sample shape, its normalisation (to invert it) and label names, written with the models.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { runThresholdSchema } from '../protocol/trainerMessages';
import { POINT_AGGREGATES } from '../protocol/series';
import { runPath } from './layout';
import { readRunJson } from './readJsonFile';
import { writeRunJson } from './runFolder';

const numbers = z.array(z.number());

export const normalizationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('scale'), divisor: z.number().positive() }),
  z.object({ kind: z.literal('minmax'), min: numbers, max: numbers }),
  z.object({ kind: z.literal('zscore'), mean: numbers, std: numbers }),
]);

/** What new data must look like to go through the run's model (see protocol/applyMessages.ts). */
export const inputSpecSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('images'),
    height: z.number().int().positive(),
    width: z.number().int().positive(),
    channels: z.union([z.literal(1), z.literal(3)]),
    /** How an image of another size is brought to height x width. */
    resize: z.literal('bilinear'),
    /**
     * How the run's data held pixel intensities before normalisation: 8-bit values ("0-255": image files, uint8
     * arrays) or fractions ("0-1": float arrays in [0, 1]). New image files (0..255) are scaled to it.
     */
    pixelRange: z.enum(['0-255', '0-1']).optional(),
  }),
  z.object({
    kind: z.literal('table'),
    /** The feature columns in order (CSV header names, or "0".."n-1" for NPY and header-less CSV). */
    columns: z.array(z.string()).min(1),
    /** The CSV column holding labels, when the run had one; ignored as a feature on new data. */
    labelColumn: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('series'),
    /** The value columns in channel order (header names, or indices as text for a header-less CSV). */
    columns: z.array(z.string()).min(1),
    /** The time column's name (or index as text); null when points were numbered by row. */
    timeColumn: z.string().nullable(),
    window: z.number().int().positive(),
    stride: z.number().int().positive(),
    /** How a point's error is made from its windows' (data.aggregate); the run's threshold is on such point errors. */
    aggregate: z.enum(POINT_AGGREGATES),
    /**
     * Whether the training file had a header row: columns are then names (even all-digit ones such as "2019"), else
     * 0-based indices. Absent in runs from before it was kept: all-digit names are then taken for indices.
     */
    header: z.boolean().optional(),
  }),
]);
export type InputSpec = z.infer<typeof inputSpecSchema>;

/**
 * Whether a series run names its columns by 0-based index (its training file had no header row). Runs from before
 * data.json kept `header` fall back to a guess: all-digit names were indices.
 */
export function seriesColumnsByIndex(spec: Extract<InputSpec, { kind: 'series' }>): boolean {
  if (spec.header !== undefined) return !spec.header;
  return [...spec.columns, spec.timeColumn ?? '0'].every((name) => /^\d+$/.test(name));
}

/** The anomaly threshold fixed at the end of training, from the training set's reconstruction errors. */
export const thresholdSchema = runThresholdSchema.extend({
  /** The per-sample error the threshold applies to. */
  metric: z.enum(['bce', 'mse']),
  /** How many training samples it was computed from. */
  samples: z.number().int().positive(),
});
export type AnomalyThreshold = z.infer<typeof thresholdSchema>;

/** Audio runs: how WAV files became the model's spectrogram patches, so new audio is cut alike and cleaned audio rebuilt. */
export const audioSpecSchema = z.object({
  sampleRate: z.number().int().positive(),
  frameSize: z.number().int().positive(),
  hop: z.number().int().positive(),
  patchFrames: z.number().int().positive(),
});

export const dataJsonSchema = z.object({
  sampleShape: z.array(z.number().int().positive()).min(1),
  normalization: normalizationSchema,
  labelNames: z.array(z.string()).nullable().optional(),
  /** Absent in runs made before models could be applied to new data. */
  input: inputSpecSchema.optional(),
  threshold: thresholdSchema.nullable().optional(),
  audio: audioSpecSchema.optional(),
});
export type DataJson = z.infer<typeof dataJsonSchema>;

/** data.json, validated; undefined when the run has none yet (it is written when the models are). */
export function readDataJson(runDir: string): DataJson | undefined {
  const file = runPath(runDir, 'data');
  return existsSync(file) ? readRunJson(file, dataJsonSchema) : undefined;
}

export function writeDataJson(runDir: string, data: DataJson): void {
  writeRunJson(runDir, 'data', data);
}
