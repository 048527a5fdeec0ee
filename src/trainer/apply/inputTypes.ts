// What every apply input gives the jobs: batches in the run's scale, with where each sample came from.
import { CopiedCell, type CsvCell } from '../../protocol/csvField';
import type { DataFormat } from '../../protocol/dataFormats';
import type { InputSpec } from '../../runs/dataFile';
import type { Normalization } from '../data/dataset';
import type { PointAggregate, SeriesLayout } from '../../protocol/series';
import type { AudioSettings } from '../data/audio/audioSettings';

export interface InputBatch {
  /** count x the run's sample size, in the run's scale (normalised with its fitted statistics). */
  x: Float32Array;
  count: number;
  /** Per sample: the file relative to the input folder, "row 17", or "digits.npy #3". */
  sources: string[];
  labels: (string | null)[];
  /** CSV: the cells of each row as read, so outputs can keep the columns that are not features. */
  cells?: string[][];
}

/** A sample's label as a CSV cell: copied as read when it is a cell of the user's CSV, defused when derived from a folder name. */
export function labelCell(input: ApplyInput, label: string | null): CsvCell {
  if (label === null) return '';
  return input.format === 'csv' ? new CopiedCell(label) : label;
}

export interface ApplyInput {
  format: DataFormat;
  path: string;
  total: number;
  /** Image inputs: whether `path` is a folder (outputs mirror its tree) or one image. */
  isFolder: boolean;
  /** CSV: the header row as read, or null; and which cell of a row holds each of the run's feature columns. */
  header?: string[] | null;
  featureCells?: number[];
  /** A time series: where each sample (window, in batch order) sits in it, and how its point errors are made. */
  series?: { layout: SeriesLayout; aggregate: PointAggregate };
  batches(size: number): Generator<InputBatch>;
}

/** What a run says about its input (data.json). */
export interface RunInput {
  spec: InputSpec;
  /** Audio runs (data.json's "audio"): how WAV files are cut into the model's spectrogram patches. */
  audio?: AudioSettings;
  normalization: Normalization;
  sampleShape: number[];
}

/** "28x28x1 images (height x width x channels)" or "a table of 4 columns (a, b, c, d)". */
export function describeSpec(spec: InputSpec): string {
  if (spec.kind === 'images') return `${spec.height}x${spec.width}x${spec.channels} images (height x width x channels)`;
  if (spec.kind === 'series') return `a time series of ${spec.columns.length} value columns (${spec.columns.join(', ')}) in windows of ${spec.window} points`;
  const shown = spec.columns.slice(0, 12).join(', ') + (spec.columns.length > 12 ? ', …' : '');
  return `a table of ${spec.columns.length} feature columns (${shown})`;
}

export function sampleSizeOf(spec: InputSpec): number {
  if (spec.kind === 'series') return spec.window * spec.columns.length;
  return spec.kind === 'images' ? spec.height * spec.width * spec.channels : spec.columns.length;
}
