// A CSV table as apply input. With a header row, the run's feature columns are found by name (in any order); without
// one, the rows must have exactly the run's number of feature columns (plus its label column, if it had one by index).
import { CsvError, parse } from 'csv-parse/sync';
import { InputError } from '../../protocol/errors';
import { sniffDelimiter } from '../../protocol/csvDelimiter';
import { looksLikeHeader, parseNumericCell, readCsvText } from '../data/csv';
import { MEMORY_BUDGET_BYTES } from '../data/memoryBudget';
import { describeSpec, type ApplyInput, type InputBatch, type RunInput } from './inputTypes';
import { toRunScale } from './runScale';

export function openCsvInput(path: string, run: RunInput): ApplyInput {
  const { spec } = run;
  if (spec.kind !== 'table') throw new InputError(`is a table, but the run was trained on ${describeSpec(spec)}; give it an image, a folder of images, or an IDX or NPY array`, { file: path });
  // The loader's reader: gzipped or not, refused above the memory budget before it is read whole.
  const text = readCsvText(path, MEMORY_BUDGET_BYTES);
  const rows: { cells: string[]; line: number }[] = [];
  try {
    parse(text, {
      delimiter: sniffDelimiter(text),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (cells: string[], context) => {
        rows.push({ cells, line: context.lines });
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw new InputError(`not valid CSV: ${error.message}`, { file: path, line: error.lines as number | undefined });
    throw error;
  }
  if (rows.length === 0) throw new InputError(`file is empty; the run expects ${describeSpec(spec)}`, { file: path });
  const first = rows[0].cells;
  // As the loader decides with data.header "auto". A run trained on a header-less table named its columns by index,
  // and its label column is then an index too, whose text labels do not make a header.
  const byIndex = spec.columns.every((name) => /^\d+$/.test(name)) && spec.labelColumn !== null && /^\d+$/.test(spec.labelColumn);
  const hasHeader = looksLikeHeader(first, byIndex ? Number(spec.labelColumn) : (spec.labelColumn ?? undefined));
  const header = hasHeader ? first : null;
  const { featureCells, labelCell } = header ? columnsByName(header, spec.columns, spec.labelColumn, path) : columnsByCount(first.length, spec.columns, spec.labelColumn, path);
  const data = hasHeader ? rows.slice(1) : rows;
  if (data.length === 0) throw new InputError('has a header row but no data rows', { file: path });
  const width = first.length;
  const columns = spec.columns;
  const size = columns.length;

  function* batches(batchSize: number): Generator<InputBatch> {
    for (let start = 0; start < data.length; start += batchSize) {
      const part = data.slice(start, start + batchSize);
      const x = new Float32Array(part.length * size);
      part.forEach(({ cells, line }, i) => {
        if (cells.length !== width) throw new InputError(`row has ${cells.length} columns but ${width} were expected (as on line ${rows[0].line})`, { file: path, line });
        featureCells.forEach((cell, f) => {
          const value = parseNumericCell(cells[cell]);
          if (value === undefined) throw new InputError(`cell "${cells[cell]}" (column "${columns[f]}") is not a number; the run's feature columns must be numeric`, { file: path, line, column: cell + 1 });
          x[i * size + f] = value;
        });
      });
      toRunScale(x, run.normalization, size);
      yield {
        x,
        count: part.length,
        sources: part.map(({ line }) => `row ${line}`),
        labels: part.map(({ cells }) => (labelCell === undefined ? null : cells[labelCell])),
        cells: part.map(({ cells }) => cells),
      };
    }
  }
  return { format: 'csv', path, total: data.length, isFolder: false, header, featureCells, batches };
}

function columnsByName(header: string[], columns: string[], labelColumn: string | null, file: string): { featureCells: number[]; labelCell?: number } {
  const missing = columns.filter((name) => !header.includes(name));
  const extra = header.filter((name) => !columns.includes(name) && name !== labelColumn);
  if (missing.length > 0 || extra.length > 0) {
    const parts = [missing.length > 0 ? `it lacks ${quoted(missing)}` : '', extra.length > 0 ? `it has columns the run does not know: ${quoted(extra)}` : ''].filter(Boolean);
    throw new InputError(`has ${header.length} columns (${quoted(header)}), but the run expects ${describeWithLabel(columns, labelColumn)}: ${parts.join('; ')}`, { file, line: 1 });
  }
  const labelCell = labelColumn === null ? -1 : header.indexOf(labelColumn);
  return { featureCells: columns.map((name) => header.indexOf(name)), labelCell: labelCell < 0 ? undefined : labelCell };
}

function columnsByCount(width: number, columns: string[], labelColumn: string | null, file: string): { featureCells: number[]; labelCell?: number } {
  const labelIndex = labelColumn !== null && /^\d+$/.test(labelColumn) ? Number(labelColumn) : undefined;
  if (width === columns.length) return { featureCells: columns.map((_, i) => i) };
  if (labelIndex !== undefined && width === columns.length + 1) return { featureCells: Array.from({ length: width }, (_, i) => i).filter((i) => i !== labelIndex), labelCell: labelIndex };
  throw new InputError(`rows have ${width} columns and no header row, but the run expects ${describeWithLabel(columns, labelColumn)}`, { file, line: 1 });
}

function describeWithLabel(columns: string[], labelColumn: string | null): string {
  return `${columns.length} feature columns (${quoted(columns)})${labelColumn !== null ? `, optionally with the label column "${labelColumn}"` : ''}`;
}

function quoted(names: string[]): string {
  return names.slice(0, 12).map((n) => `"${n}"`).join(', ') + (names.length > 12 ? ', …' : '');
}
