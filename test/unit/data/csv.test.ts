import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCsvDataset, parseNumericCell } from '../../../src/trainer/data/csv';
import { dropInvalidSamples } from '../../../src/trainer/data/validateSamples';
import { dataConfig, removeTempDirs, inputError, writeTemp } from './helpers';

afterAll(removeTempDirs);

const csvFile = (text: string | Buffer, name = 'table.csv') => writeTemp(name, text);

describe('loadCsvDataset', () => {
  it('reads a headed table, min-max scales each feature and records the parameters', () => {
    const file = csvFile('a,b,c\n1,10,5\n2,20,5\n3,40,5\n');
    const data = loadCsvDataset(file, dataConfig());
    expect(data.count).toBe(3);
    expect(data.sampleShape).toEqual([3]);
    expect(data.normalization).toEqual({ kind: 'minmax', min: [1, 10, 5], max: [3, 40, 5] });
    // Constant column c maps to 0.
    expect(Array.from(data.x)).toEqual([0, 0, 0, 0.5, 1 / 3, 0, 1, 1, 0].map(Math.fround));
    expect(data.sourceNames).toEqual(['row 2', 'row 3', 'row 4']); // file line numbers
    expect(data.labels).toBeUndefined();
    expect(data.notes[0]).toMatch(/3 rows of 3 features \(first row is a header\)/);
  });

  it('reads a table without header, keeping raw values with normalization "none"', () => {
    const data = loadCsvDataset(csvFile('1.5,-2e3\n\n.25,+4\n'), dataConfig({ normalization: 'none' }));
    expect(Array.from(data.x)).toEqual([1.5, -2000, 0.25, 4]);
    expect(data.sourceNames).toEqual(['row 1', 'row 3']); // the empty line 2 is skipped
    expect(data.normalization).toEqual({ kind: 'none' });
  });

  it('z-scores each feature (population std; a constant column gets std 1)', () => {
    const data = loadCsvDataset(csvFile('x,k\n1,7\n3,7\n'), dataConfig({ normalization: 'zscore' }));
    expect(data.normalization).toEqual({ kind: 'zscore', mean: [2, 7], std: [1, 1] });
    expect(Array.from(data.x)).toEqual([-1, 0, 1, 0]);
  });

  it('maps a named string label column to ids with sorted labelNames', () => {
    const data = loadCsvDataset(csvFile('f1,kind,f2\n1,dog,2\n3,cat,4\n5,dog,6\n'), dataConfig({ labelColumn: 'kind' }));
    expect(data.sampleShape).toEqual([2]);
    expect(data.labelNames).toEqual(['cat', 'dog']);
    expect(Array.from(data.labels!)).toEqual([1, 0, 1]);
    expect(data.normalization).toEqual({ kind: 'minmax', min: [1, 2], max: [5, 6] });
  });

  it('maps a numeric label column given by index, without a header', () => {
    const data = loadCsvDataset(csvFile('0.5,10\n0.1,2\n0.2,10.0\n'), dataConfig({ labelColumn: 1 }));
    expect(data.labelNames).toEqual(['2', '10']); // numeric order, not "10" < "2"
    expect(Array.from(data.labels!)).toEqual([1, 0, 1]);
    expect(data.sampleShape).toEqual([1]);
  });

  it('does not take string labels in the first row for a header', () => {
    const data = loadCsvDataset(csvFile('cat,1,2\ndog,3,4\n'), dataConfig({ labelColumn: 0 }));
    expect(data.count).toBe(2);
    expect(data.labelNames).toEqual(['cat', 'dog']);
  });

  it('reads gzipped and semicolon-separated files', () => {
    const data = loadCsvDataset(csvFile(gzipSync('a;b\n1;2\n3;4\n'), 'table.csv.gz'), dataConfig({ normalization: 'none' }));
    expect(Array.from(data.x)).toEqual([1, 2, 3, 4]);
    expect(data.notes[0]).toMatch(/";"-separated/);
  });

  it('accepts NaN and inf cells; validateSamples then drops and counts those rows', () => {
    const file = csvFile('a,b\n1,2\nNaN,3\n4,inf\n-Infinity,1\n5,6\n');
    const data = dropInvalidSamples(loadCsvDataset(file, dataConfig()));
    expect(data.count).toBe(2);
    expect(data.sourceNames).toEqual(['row 2', 'row 6']);
    expect(data.dropped.count).toBe(3);
    expect(data.dropped.reasons).toEqual({ 'NaN value': 1, 'infinite value': 2 });
    // Parameters come from finite values only.
    expect(data.normalization).toEqual({ kind: 'minmax', min: [1, 1], max: [5, 6] });
  });

  it('parses numbers strictly', () => {
    expect(parseNumericCell('1e-3')).toBe(0.001);
    expect(parseNumericCell('-.5')).toBe(-0.5);
    expect(parseNumericCell('nan')).toBeNaN();
    expect(parseNumericCell('-INF')).toBe(-Infinity);
    for (const cell of ['0x1f', '1,5', '', '1.2.3', 'abc', '1e']) expect(parseNumericCell(cell)).toBeUndefined();
  });
});

describe('loadCsvDataset bad input', () => {
  it('names the line, column and text of a non-numeric cell', () => {
    const file = csvFile('a,b,c\n1,2,3\n4,five,6\n');
    const error = inputError(() => loadCsvDataset(file, dataConfig()));
    expect(error).toMatchObject({ file, line: 3, column: 2 });
    expect(error.message).toContain(file);
    expect(error.message).toContain('cell "five" (column "b") is not a number');
  });

  it('names the line and both counts of a ragged row', () => {
    const file = csvFile('1,2,3\n4,5,6\n7,8\n');
    const error = inputError(() => loadCsvDataset(file, dataConfig()));
    expect(error).toMatchObject({ file, line: 3 });
    expect(error.message).toMatch(/row has 2 columns but 3 were expected \(as on line 1\)/);
  });

  it('refuses an empty file', () => {
    const file = csvFile(' \n\n');
    const error = inputError(() => loadCsvDataset(file, dataConfig()));
    expect(error.message).toBe(`${file}: file is empty; expected rows of numbers separated by commas, optionally with a header row`);
  });

  it('refuses a header without data rows', () => {
    const file = csvFile('a,b\n');
    expect(inputError(() => loadCsvDataset(file, dataConfig())).message).toMatch(/header row but no data rows/);
  });

  it('names an empty cell', () => {
    const file = csvFile('1,2\n3,\n');
    const error = inputError(() => loadCsvDataset(file, dataConfig()));
    expect(error).toMatchObject({ line: 2, column: 2 });
    expect(error.message).toMatch(/is empty; fill it in, or write NaN/);
  });

  it('refuses a labelColumn name that is not in the header, listing the columns', () => {
    const file = csvFile('a,b\n1,2\n');
    const error = inputError(() => loadCsvDataset(file, dataConfig({ labelColumn: 'label' })));
    expect(error).toMatchObject({ file, field: 'data.labelColumn' });
    expect(error.message).toMatch(/"label" is not a column; the header has "a", "b"/);
  });

  it('refuses a labelColumn name when there is no header', () => {
    const file = csvFile('1,2\n3,4\n');
    const error = inputError(() => loadCsvDataset(file, dataConfig({ labelColumn: 'label', header: false })));
    expect(error.message).toMatch(/no header row/);
  });

  it('refuses a labelColumn index past the last column', () => {
    const error = inputError(() => loadCsvDataset(csvFile('1,2\n'), dataConfig({ labelColumn: 2 })));
    expect(error.message).toMatch(/data.labelColumn is 2 but the rows have 2 columns/);
  });

  it('reports malformed CSV quoting with the line', () => {
    const file = csvFile('1,2\n3,"4\n');
    const error = inputError(() => loadCsvDataset(file, dataConfig()));
    expect(error.file).toBe(file);
    expect(error.message).toMatch(/not valid CSV: .*Quote Not Closed/);
  });
});
