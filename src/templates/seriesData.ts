// Train on Folder on a CSV series: when a .csv is read as windows of a time series (data.format "timeseries") and
// which window fits it. The file is read by the series loader's own reader, so "looks like a series" means exactly
// what the loader's default data.timeColumn finds: a column whose header names a time or date, or whose first cell is
// a time stamp.
import type { ExperimentInput } from '../protocol/experiment';
import { readSeriesTable } from '../trainer/data/seriesTable';
import { DEFAULT_WINDOW, seriesCut } from '../trainer/data/timeseries';

/** Points and whether a time column was found, or undefined when the file is not readable as a series of numbers. */
export function seriesShapeOf(file: string): { points: number; timed: boolean } | undefined {
  try {
    const table = readSeriesTable(file, { header: 'auto' });
    return { points: table.points, timed: table.timeColumn !== null };
  } catch {
    return undefined; // a table with text columns, an empty file, ...: the csv loader (or the run) says what is wrong
  }
}

/**
 * The template's window (288 for keras.io's detector), or half the validation part when that is shorter: the loader
 * needs whole windows there (half leaves it many), and the training part, nine times as long at a split of 0.1, more.
 */
export function windowFor(points: number, validationSplit: number, templateWindow = DEFAULT_WINDOW): number {
  return Math.max(2, Math.min(templateWindow, Math.floor((points - seriesCut(points, validationSplit)) / 2)));
}

/** data for a series: the template's series settings (or keras.io's: z-scored, stride 1) with a window that fits. */
export function seriesData(source: string, points: number, template: ExperimentInput['data']): ExperimentInput['data'] {
  const validationSplit = 0.1;
  const fromTemplate = template.format === 'timeseries' ? template : undefined;
  return {
    source,
    format: 'timeseries',
    window: windowFor(points, validationSplit, fromTemplate?.window),
    stride: fromTemplate?.stride ?? 1,
    validationSplit,
    normalization: fromTemplate?.normalization ?? 'zscore',
  };
}
