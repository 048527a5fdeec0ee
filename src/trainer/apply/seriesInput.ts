// A CSV time series as apply input for a run trained on one: read by the loader's reader with the run's time and value
// columns, cut into the run's windows (every point covered) and brought to the run's scale. The layout goes with the
// input, so a score can map window errors back to time points.
import { InputError } from '../../protocol/errors';
import { seriesColumnsByIndex } from '../../runs/dataFile';
import { cutWindows, windowStarts } from '../data/timeseries';
import { readSeriesTable } from '../data/seriesTable';
import { describeSpec, type ApplyInput, type InputBatch, type RunInput } from './inputTypes';
import { toRunScale } from './runScale';

export function openSeriesInput(path: string, run: RunInput): ApplyInput {
  const { spec } = run;
  if (spec.kind !== 'series') throw new InputError(`was to be read as a time series, but the run was trained on ${describeSpec(spec)}`, { file: path });
  // Read as training read it: a header row when the training file had one, columns by name (or by 0-based index).
  const byIndex = seriesColumnsByIndex(spec);
  const columnRef = (name: string): string | number => (byIndex ? Number(name) : name);
  const table = readSeriesTable(path, {
    header: spec.header ?? 'auto',
    timeColumn: spec.timeColumn === null ? false : columnRef(spec.timeColumn),
    columns: spec.columns.map(columnRef),
  });
  const { window, stride } = spec;
  if (table.points < window) throw new InputError(`holds ${table.points} points, fewer than the run's window of ${window}; give a longer series`, { file: path });
  const starts = windowStarts(0, table.points, window, stride);
  // The last points are covered too when the stride does not land on them.
  const last = table.points - window;
  if (starts[starts.length - 1] !== last) starts.push(last);
  const channels = table.columns.length;
  const size = window * channels;

  function* batches(batchSize: number): Generator<InputBatch> {
    for (let first = 0; first < starts.length; first += batchSize) {
      const part = starts.slice(first, first + batchSize);
      const x = cutWindows(table.values, channels, part, window);
      toRunScale(x, run.normalization, size);
      yield { x, count: part.length, sources: part.map((start) => table.times[start]), labels: new Array<null>(part.length).fill(null) };
    }
  }
  return {
    format: 'timeseries',
    path,
    total: starts.length,
    isFolder: false,
    series: { layout: { times: table.times, columns: table.columns, window, stride, starts: Int32Array.from(starts) }, aggregate: spec.aggregate },
    batches,
  };
}
