// A CSV time series read as points x value columns, with each point's time label: the loader of data.format
// "timeseries" and apply's reader of new series both read files through here. It uses the csv loader's reader and
// parser (gzip, delimiter, memory budget, lines), but a series cannot drop a row as a table does: a missing,
// non-numeric, NaN or infinite value is an error naming the file, line and column.
import type { DataConfig } from '../../protocol/experiment';
import { InputError } from '../../protocol/errors';
import { sniffDelimiter } from '../../protocol/csvDelimiter';
import { eachCsvRecord, parseNumericCell, readCsvText } from './csv';
import { FILE_HINT, MEMORY_BUDGET_BYTES, refuseIfTooLarge } from './memoryBudget';

export type SeriesTableConfig = Pick<DataConfig, 'header' | 'timeColumn' | 'columns'>;

export interface SeriesTable {
  /** Per point: the time column's text, or the 1-based data row number. */
  times: string[];
  /** The time column's name (its header, or its index as text), or null when points are numbered. */
  timeColumn: string | null;
  /** The value columns' names in channel order (header names, or indices as text). */
  columns: string[];
  /** points x columns, row-major, raw values. */
  values: Float32Array;
  points: number;
  /** Whether the first row was read as a header (data.header, or as "auto" decided); apply reads new files the same way. */
  hasHeader: boolean;
}

/** Header names that mean time stamps, for the default data.timeColumn: whole words ("event_time", "Date"), so a value
 * column such as "uptime" or "runtime_ms" is not taken for the time. */
const TIME_NAME = /(^|[\s_.-])(time|date|datetime|timestamp)([\s_.-]|$)|^ds$|^t$/i;

/** A cell that is a date or time rather than a number ("2010-01-01T00:00:00", "2010-01-01", "01:00"). */
function looksLikeTime(cell: string): boolean {
  return cell !== '' && parseNumericCell(cell) === undefined && (!Number.isNaN(Date.parse(cell)) || /^\d{1,2}:\d{2}(:\d{2})?$/.test(cell));
}

export function readSeriesTable(file: string, config: SeriesTableConfig, maxBytes = MEMORY_BUDGET_BYTES): SeriesTable {
  const text = readCsvText(file, maxBytes);
  if (!/\S/.test(text)) throw new InputError('file is empty; expected a time series: rows of numbers (one column per channel), optionally with a time column and a header row', { file });
  const records: { cells: string[]; line: number }[] = [];
  eachCsvRecord(text, sniffDelimiter(text), file, (cells, line) => records.push({ cells, line }));
  const first = records[0];
  // data.header "auto": a header when some cell is neither a number nor a time stamp (a time column's cells are text).
  const hasHeader = config.header === 'auto' ? first.cells.some((cell) => cell !== '' && parseNumericCell(cell) === undefined && !looksLikeTime(cell)) : config.header;
  const header = hasHeader ? first.cells : undefined;
  const rows = hasHeader ? records.slice(1) : records;
  if (rows.length === 0) throw new InputError('the file has a header row but no data rows', { file });
  const width = first.cells.length;
  const names = Array.from({ length: width }, (_, j) => header?.[j] ?? String(j));
  const timeIndex = resolveTimeColumn(config.timeColumn, header, rows[0].cells, file);
  const valueIndices = resolveValueColumns(config.columns, header, rows[0].cells, timeIndex, file);
  refuseIfTooLarge({ what: `loading a series of ${rows.length} points x ${valueIndices.length} columns as float32`, bytes: rows.length * valueIndices.length * 4, where: { file }, hint: FILE_HINT, maxBytes });

  const channels = valueIndices.length;
  const values = new Float32Array(rows.length * channels);
  const times = new Array<string>(rows.length);
  rows.forEach(({ cells, line }, i) => {
    if (cells.length !== width) {
      throw new InputError(`row has ${cells.length} columns but ${width} were expected (as on line ${first.line}); every row needs the same number of cells`, { file, line });
    }
    times[i] = timeIndex === undefined ? String(i + 1) : cells[timeIndex];
    valueIndices.forEach((j, c) => {
      const value = parseNumericCell(cells[j]);
      if (value === undefined || !Number.isFinite(value)) throw badCell(cells[j], names[j], file, line, j);
      values[i * channels + c] = value;
    });
  });
  return { times, timeColumn: timeIndex === undefined ? null : names[timeIndex], columns: valueIndices.map((j) => names[j]), values, points: rows.length, hasHeader };
}

function badCell(cell: string, name: string, file: string, line: number, j: number): InputError {
  const where = { file, line, column: j + 1 };
  if (cell === '') return new InputError(`cell (column "${name}") is empty; a time series needs every value (fill the gap, e.g. by interpolation, or leave the column out of data.columns)`, where);
  const what = parseNumericCell(cell) === undefined ? 'is not a number' : 'is not a finite number';
  return new InputError(`cell "${cell}" (column "${name}") ${what}; every value of a time series must be a finite number (a point cannot be dropped without breaking the windows); if this column holds text, leave it out of data.columns`, where);
}

function columnIndex(column: string | number, header: string[] | undefined, width: number, field: string, file: string): number {
  if (typeof column === 'number') {
    if (column >= width) throw new InputError(`${field} names column ${column} but the rows have ${width} columns (0-based index ${width - 1} is the last)`, { file, field });
    return column;
  }
  if (!header) throw new InputError(`${field} names the column "${column}", but the file has no header row; give a 0-based column index instead or add a header`, { file, field });
  const index = header.indexOf(column);
  if (index < 0) throw new InputError(`${field} names the column "${column}", which is not in the header (${header.slice(0, 20).map((n) => `"${n}"`).join(', ')})`, { file, line: 1, field });
  return index;
}

/** data.timeColumn, or by default the first column whose header names a time (or, without a header, holds time stamps). */
function resolveTimeColumn(setting: SeriesTableConfig['timeColumn'], header: string[] | undefined, firstRow: string[], file: string): number | undefined {
  if (setting === false) return undefined;
  if (setting !== undefined) return columnIndex(setting, header, firstRow.length, 'data.timeColumn', file);
  const byName = header?.findIndex((name) => TIME_NAME.test(name)) ?? -1;
  if (byName >= 0) return byName;
  const byCell = firstRow.findIndex(looksLikeTime);
  return byCell >= 0 ? byCell : undefined;
}

/** data.columns, or by default every other column whose first value is not text (an empty cell is reported later). */
function resolveValueColumns(setting: SeriesTableConfig['columns'], header: string[] | undefined, firstRow: string[], timeIndex: number | undefined, file: string): number[] {
  if (setting) {
    const indices = setting.map((column) => columnIndex(column, header, firstRow.length, 'data.columns', file));
    if (timeIndex !== undefined && indices.includes(timeIndex)) throw new InputError('data.columns includes the time column; a value column cannot also be the time', { file, field: 'data.columns' });
    return indices;
  }
  const indices = firstRow.map((_, j) => j).filter((j) => j !== timeIndex && (firstRow[j] === '' || parseNumericCell(firstRow[j]) !== undefined));
  if (indices.length === 0) throw new InputError('no numeric value column: every column other than the time column holds text; name the value columns in data.columns', { file, field: 'data.columns' });
  return indices;
}
