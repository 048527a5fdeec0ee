// What every loader returns: samples already scaled for training, plus what is needed to show and invert them.
import type { SeriesLayout } from '../../protocol/series';
import type { AudioLayout } from './audio/audioLayout';

/** How raw values were mapped to training values, saved with the run so displays and exports can invert it. */
export type Normalization =
  | { kind: 'none' }
  | { kind: 'scale'; divisor: number } // images: x / 255
  | { kind: 'minmax'; min: number[]; max: number[] } // per feature
  | { kind: 'zscore'; mean: number[]; std: number[] }; // per feature

export interface DroppedSamples {
  count: number;
  /** reason -> how many samples were dropped for it */
  reasons: Record<string, number>;
  /** files skipped (e.g. corrupt images), named so the run log can list them */
  files: string[];
}

/** Reads samples on demand, for datasets too large to hold in memory (data.stream). */
export interface SampleStream {
  /** Writes sample `index` (normalised) into `out`, which holds exactly one sample. */
  read(index: number, out: Float32Array): void;
}

export interface Dataset {
  /** Row-major samples, count * prod(sampleShape), float32, already normalised. Empty when `stream` is set. */
  x: Float32Array;
  /** Set for streamed datasets: samples come from disk instead of `x`. */
  stream?: SampleStream;
  count: number;
  /** Per-sample shape: [height, width, channels] for images, [features] for tables. */
  sampleShape: number[];
  /** Integer class per sample, when the source has labels. */
  labels?: Int32Array;
  /** Names of the classes, indexed by label (folder names, or "0".."9"). */
  labelNames?: string[];
  /** Where each sample came from: a file name or "row 17", for anomaly lists and embeddings. */
  sourceNames?: string[];
  /** Tables: the feature columns' names in order (CSV header names, or "0".."n-1"), and the label column's. */
  columnNames?: string[];
  labelColumnName?: string;
  /** Time series: where each sample (window) sits in the series, for mapping window errors back to time points. */
  series?: SeriesLayout;
  /** Time series: the time column's name (its header, or its index as text); absent when points are numbered by row. */
  timeColumnName?: string;
  /** Time series: whether the file's first row was a header, so apply reads column names (even all-digit ones) or indices as training did. */
  seriesHeader?: boolean;
  /** Audio: the clips the spectrogram patches were cut from, to rebuild waveforms (evaluation, audio view). */
  audio?: AudioLayout;
  normalization: Normalization;
  dropped: DroppedSamples;
  /** Human-readable notes for the run log, e.g. "resized 3 images to 28x28". */
  notes: string[];
}

export function emptyDropped(): DroppedSamples {
  return { count: 0, reasons: {}, files: [] };
}

export function sampleSize(dataset: Pick<Dataset, 'sampleShape'>): number {
  return dataset.sampleShape.reduce((a, b) => a * b, 1);
}

export function isImageShape(shape: number[]): boolean {
  return shape.length === 3;
}
