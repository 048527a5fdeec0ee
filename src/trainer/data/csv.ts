// A numeric CSV table (optionally gzipped) as a Dataset of [features] samples, with an optional label column.
// Cells are converted as they are parsed (csv-parse's on_record), so the strings of a large file are not
// all kept in memory at once. "NaN"/"inf" cells are accepted here; validateSamples drops and counts those rows.
import { sniffDelimiter } from '../../protocol/csvDelimiter';
import { gunzipSync } from 'node:zlib';
import { CsvError, parse } from 'csv-parse/sync';
import type { DataConfig } from '../../protocol/experiment';
import { InputError } from '../../protocol/errors';
import { emptyDropped, type Dataset } from './dataset';
import { compareCodePoints } from './compareCodePoints';
import { refuseTooManyClasses } from './labels';
import { FILE_HINT, formatBytes, MEMORY_BUDGET_BYTES, refuseIfTooLarge } from './memoryBudget';
import { normalizeFeatures, resolveNormalization } from './normalizeFeatures';
import { readFilePrefix, readRegularFile, statRegularFile } from './regularFile';

export type CsvConfig = Pick<DataConfig, 'header' | 'labelColumn' | 'normalization'>;

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL: Record<string, number> = { nan: NaN, inf: Infinity, infinity: Infinity, '+inf': Infinity, '+infinity': Infinity, '-inf': -Infinity, '-infinity': -Infinity };

/** The cell's number, or undefined when it is not a number (hex, "1,5", words and empty cells are not). */
export function parseNumericCell(cell: string): number | undefined {
  if (DECIMAL.test(cell)) return Number(cell);
  return SPECIAL[cell.toLowerCase()];
}

export function loadCsvDataset(file: string, config: CsvConfig, maxBytes = MEMORY_BUDGET_BYTES): Dataset {
  const text = readCsvText(file, maxBytes);
  if (!/\S/.test(text)) throw new InputError('file is empty; expected rows of numbers separated by commas, optionally with a header row', { file });
  const delimiter = sniffDelimiter(text);
  refuseIfTableTooLarge(text, delimiter, file, maxBytes);
  const table = new TableBuilder(file, config);
  eachCsvRecord(text, delimiter, file, (record, line) => table.add(record, line));
  return table.build(delimiter);
}

/** Visits each record with its line number as it is parsed (nothing is collected); invalid CSV names the line. */
export function eachCsvRecord(text: string, delimiter: string, file: string, visit: (record: string[], line: number) => void): void {
  try {
    parse(text, {
      delimiter,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true, // ragged rows get our own message with both counts
      on_record: (record: string[], context) => {
        visit(record, context.lines);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw new InputError(`not valid CSV: ${error.message}`, { file, line: error.lines as number | undefined });
    throw error;
  }
}

/** V8 cannot hold a longer string (2^29 - 24 UTF-16 units), and the table is parsed from one string. */
const MAX_CSV_TEXT_BYTES = 2 ** 29 - 24;

/** The text of a CSV file, gunzipped when it starts like gzip; refused above the memory budget. */
export function readCsvText(file: string, maxBytes: number): string {
  const what = 'CSV file';
  const textLimit = { hint: FILE_HINT, maxBytes: Math.min(maxBytes, MAX_CSV_TEXT_BYTES), where: { file } };
  const { size } = statRegularFile(file, what);
  const start = readFilePrefix(file, 2, what);
  const gzipped = start[0] === 0x1f && start[1] === 0x8b;
  if (!gzipped) refuseIfTooLarge({ what: `reading ${formatBytes(size)} of CSV text`, bytes: size, ...textLimit });
  let bytes = readRegularFile(file, what);
  if (gzipped) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: textLimit.maxBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new InputError(`the decompressed CSV text is larger than the ${formatBytes(textLimit.maxBytes)} limit for one CSV file; ${FILE_HINT}`, { file });
      }
      throw new InputError('the file starts like gzip but does not decompress; it is truncated or corrupt', { file });
    }
  }
  return bytes.toString('utf8');
}

/** Rows x columns from the line count and the first line, so a table that cannot fit is refused before parsing. */
function refuseIfTableTooLarge(text: string, delimiter: string, file: string, maxBytes: number): void {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  const firstLine = /^[^\n]*\S[^\n]*$/m.exec(text)?.[0] ?? '';
  const columns = firstLine.split(delimiter).length;
  refuseIfTooLarge({ what: `loading a table of about ${lines} rows x ${columns} columns as float32`, bytes: lines * columns * 4, where: { file }, hint: FILE_HINT, maxBytes });
}

/** Comma unless the first line clearly uses tabs or semicolons (common exports from spreadsheets). */
/** data.header "auto": a header when some cell (other than a label given by index) is text; empty cells prove nothing. */
export function looksLikeHeader(record: string[], labelColumn: string | number | undefined): boolean {
  if (typeof labelColumn === 'string' && record.includes(labelColumn)) return true;
  return record.some((cell, j) => j !== labelColumn && cell !== '' && parseNumericCell(cell) === undefined);
}

class TableBuilder {
  private width = 0;
  private firstLine = 0;
  private columnNames?: string[];
  private labelIndex?: number;
  // float32 as they are parsed: a JS number[] would take twice the memory (and has a lower length limit).
  private values = new Float32Array(1024);
  private valueCount = 0;
  private readonly labelCells: string[] = [];
  private readonly lines: number[] = [];

  constructor(
    private readonly file: string,
    private readonly config: CsvConfig,
  ) {}

  add(record: string[], line: number): void {
    if (this.width === 0) {
      this.width = record.length;
      this.firstLine = line;
      if (this.isHeader(record)) {
        this.columnNames = record;
        this.labelIndex = this.resolveLabelColumn(line);
        return;
      }
      this.labelIndex = this.resolveLabelColumn(line);
    }
    if (record.length !== this.width) {
      throw new InputError(`row has ${record.length} columns but ${this.width} were expected (as on line ${this.firstLine}); every row needs the same number of cells`, {
        file: this.file,
        line,
      });
    }
    for (let j = 0; j < record.length; j++) {
      if (j === this.labelIndex) {
        if (record[j] === '') throw new InputError('the label cell is empty; give every row a label', { file: this.file, line, column: j + 1 });
        this.labelCells.push(record[j]);
        continue;
      }
      const value = parseNumericCell(record[j]);
      if (value === undefined) throw this.notANumber(record[j], line, j);
      this.pushValue(value);
    }
    this.lines.push(line);
  }

  build(delimiter: string): Dataset {
    const count = this.lines.length;
    if (count === 0) throw new InputError('the file has a header row but no data rows', { file: this.file });
    const features = this.width - (this.labelIndex === undefined ? 0 : 1);
    if (features === 0) throw new InputError('the only column is the label column; a table needs at least one feature column', { file: this.file, field: 'data.labelColumn' });
    const x = this.values.slice(0, this.valueCount);
    const normalization = normalizeFeatures(x, count, features, resolveNormalization(this.config.normalization, { kind: 'minmax' }));
    const notes = [`read ${count} rows of ${features} features${this.columnNames ? ' (first row is a header)' : ''}${delimiter === ',' ? '' : `, ${delimiter === '\t' ? 'tab' : `"${delimiter}"`}-separated`}`];
    return {
      x,
      count,
      sampleShape: [features],
      ...this.labels(),
      // The file's own line numbers, so "row 17" can be found in an editor.
      sourceNames: this.lines.map((line) => `row ${line}`),
      columnNames: Array.from({ length: this.width }, (_, j) => this.columnNames?.[j] ?? String(j)).filter((_, j) => j !== this.labelIndex),
      labelColumnName: this.labelIndex === undefined ? undefined : (this.columnNames?.[this.labelIndex] ?? String(this.labelIndex)),
      normalization,
      dropped: emptyDropped(),
      notes,
    };
  }

  private pushValue(value: number): void {
    if (this.valueCount === this.values.length) {
      const grown = new Float32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.valueCount++] = value;
  }

  private isHeader(record: string[]): boolean {
    const { header, labelColumn } = this.config;
    return header === 'auto' ? looksLikeHeader(record, labelColumn) : header;
  }

  private resolveLabelColumn(line: number): number | undefined {
    const { labelColumn } = this.config;
    if (labelColumn === undefined) return undefined;
    if (typeof labelColumn === 'number') {
      if (labelColumn >= this.width) {
        throw new InputError(`data.labelColumn is ${labelColumn} but the rows have ${this.width} columns (0-based index ${this.width - 1} is the last)`, { file: this.file, line, field: 'data.labelColumn' });
      }
      return labelColumn;
    }
    if (!this.columnNames) {
      throw new InputError(`data.labelColumn "${labelColumn}" is a column name, but the file has no header row; give a 0-based column index instead or add a header`, {
        file: this.file,
        field: 'data.labelColumn',
      });
    }
    const index = this.columnNames.indexOf(labelColumn);
    if (index < 0) {
      throw new InputError(`data.labelColumn "${labelColumn}" is not a column; the header has ${this.columnNames.slice(0, 20).map((n) => `"${n}"`).join(', ')}`, {
        file: this.file,
        line,
        field: 'data.labelColumn',
      });
    }
    return index;
  }

  private notANumber(cell: string, line: number, j: number): InputError {
    const name = this.columnNames ? ` (column "${this.columnNames[j]}")` : '';
    if (cell === '') return new InputError(`cell${name} is empty; fill it in, or write NaN to have the row dropped`, { file: this.file, line, column: j + 1 });
    const hint = this.lines.length === 0 && this.config.header === false ? 'if the first row is a header, set data.header to true or "auto"' : 'if this column holds labels, set data.labelColumn to it';
    return new InputError(`cell "${cell}"${name} is not a number; every feature cell must be numeric (NaN and inf are allowed and drop the row); ${hint}`, {
      file: this.file,
      line,
      column: j + 1,
    });
  }

  /** String labels sorted by name, numeric labels sorted by value; ids index labelNames. */
  private labels(): Pick<Dataset, 'labels' | 'labelNames'> {
    if (this.labelIndex === undefined) return {};
    const numbers = this.labelCells.map(parseNumericCell);
    const numeric = numbers.every((n) => n !== undefined && Number.isFinite(n));
    const key = (i: number) => (numeric ? String(numbers[i]) : this.labelCells[i]);
    const unique = [...new Set(this.labelCells.map((_, i) => key(i)))];
    refuseTooManyClasses(unique.length, { file: this.file, field: 'data.labelColumn' }, 'the label column');
    const labelNames = numeric ? unique.sort((a, b) => Number(a) - Number(b)) : unique.sort(compareCodePoints);
    const ids = new Map(labelNames.map((name, i) => [name, i]));
    return { labels: Int32Array.from(this.labelCells, (_, i) => ids.get(key(i))!), labelNames };
  }
}
