// data.format "timeseries": windows, the split by time, normalisation fitted on the training part only (checked against
// statistics computed here from the raw rows), and bad cells or short series refused by file, line and column.
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/trainer/data/loadDataset';
import { splitDataset } from '../../../src/trainer/data/split';
import { loadTimeseriesDataset } from '../../../src/trainer/data/timeseries';
import { dataConfig, inputError, removeTempDirs, writeTemp } from './helpers';

afterEach(removeTempDirs);

/** 100 hourly points of two channels whose level changes over time (so statistics of parts differ from the whole). */
function seriesCsv(points = 100): { text: string; rows: number[][] } {
  const rows = Array.from({ length: points }, (_, i) => [Math.sin(i / 5) * 3 + i * 0.1, (i % 7) * 2 - i * 0.05]);
  const time = (i: number) => new Date(Date.UTC(2024, 0, 1, i)).toISOString();
  const text = ['time,level,flow', ...rows.map((r, i) => `${time(i)},${r[0]},${r[1]}`)].join('\n');
  return { text, rows };
}

function meanStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, std: Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length) };
}

describe('timeseries loader', () => {
  it('cuts windows of [window, channels] every stride points, with the time column as the points\' names', () => {
    const file = writeTemp('s.csv', seriesCsv().text);
    const dataset = loadTimeseriesDataset(file, dataConfig({ format: 'timeseries', window: 10, stride: 3, validationSplit: 0.2 }));
    // 80 training points: starts 0, 3, ..., 69 (24 windows); validation points 80-99: starts 80, 83, 86, 89 (4 windows).
    expect(dataset.sampleShape).toEqual([10, 2]);
    expect(dataset.count).toBe(24 + 4);
    expect(Array.from(dataset.series!.starts)).toEqual([...Array.from({ length: 24 }, (_, i) => i * 3), 80, 83, 86, 89]);
    expect(dataset.series!.columns).toEqual(['level', 'flow']);
    expect(dataset.series!.times).toHaveLength(100);
    expect(dataset.series!.times[5]).toBe('2024-01-01T05:00:00.000Z');
    expect(dataset.timeColumnName).toBe('time');
    expect(dataset.sourceNames![1]).toBe('2024-01-01T03:00:00.000Z');
  });

  it('takes a header for the time column only as a whole word: "event_time" is, "uptime" is a value column', () => {
    const body = Array.from({ length: 40 }, (_, i) => `${i},${(i % 7) + 0.5}`).join('\n');
    const valueFirst = loadTimeseriesDataset(writeTemp('u.csv', `uptime,load\n${body}\n`), dataConfig({ format: 'timeseries', window: 8, validationSplit: 0.25 }));
    expect(valueFirst.series!.columns).toEqual(['uptime', 'load']);
    expect(valueFirst.timeColumnName).toBeUndefined();
    const timeFirst = loadTimeseriesDataset(writeTemp('e.csv', `event_time,load\n${body}\n`), dataConfig({ format: 'timeseries', window: 8, validationSplit: 0.25 }));
    expect(timeFirst.series!.columns).toEqual(['load']);
    expect(timeFirst.timeColumnName).toBe('event_time');
  });

  it('fits the z-score on the training part only and applies it to every window', () => {
    const { text, rows } = seriesCsv();
    const file = writeTemp('s.csv', text);
    const dataset = loadTimeseriesDataset(file, dataConfig({ format: 'timeseries', window: 10, stride: 5, validationSplit: 0.25 }));
    const cut = 75;
    const expected = [0, 1].map((c) => meanStd(rows.slice(0, cut).map((r) => r[c])));
    const whole = [0, 1].map((c) => meanStd(rows.map((r) => r[c])));
    expect(dataset.normalization.kind).toBe('zscore');
    if (dataset.normalization.kind !== 'zscore') return;
    for (const c of [0, 1]) {
      expect(dataset.normalization.mean[c]).toBeCloseTo(expected[c].mean, 4);
      expect(dataset.normalization.std[c]).toBeCloseTo(expected[c].std, 4);
      expect(Math.abs(dataset.normalization.mean[c] - whole[c].mean)).toBeGreaterThan(0.1); // the whole series would differ
    }
    // A validation window's values, scaled with the training statistics.
    const index = Array.from(dataset.series!.starts).indexOf(80);
    for (let j = 0; j < 10; j++) {
      for (const c of [0, 1]) {
        const value = dataset.x[index * 20 + j * 2 + c];
        expect(value).toBeCloseTo((rows[80 + j][c] - expected[c].mean) / expected[c].std, 4);
      }
    }
  });

  it('splits by time: validation windows are the last part, none crosses the cut, training keeps time order', () => {
    const file = writeTemp('s.csv', seriesCsv().text);
    const dataset = loadTimeseriesDataset(file, dataConfig({ format: 'timeseries', window: 10, stride: 1, validationSplit: 0.3 }));
    const { train, validation } = splitDataset(dataset, 0.3, 7);
    expect(train.count).toBe(70 - 10 + 1);
    expect(validation.count).toBe(30 - 10 + 1);
    expect(Array.from(train.series!.starts).every((s) => s + 10 <= 70)).toBe(true);
    expect(Array.from(validation.series!.starts).every((s) => s >= 70)).toBe(true);
    expect(Array.from(train.series!.starts)).toEqual(Array.from({ length: 61 }, (_, i) => i));
    // Each window's values travel with its start.
    expect(Array.from(validation.x.subarray(0, 20))).toEqual(Array.from(dataset.x.subarray(61 * 20, 62 * 20)));
    // data.limit keeps a seeded subset of each part, still in time order and on its side of the cut.
    const limited = splitDataset(dataset, 0.3, 7, 20);
    expect(limited.train.count + limited.validation.count).toBe(20);
    expect(limited.validation.count).toBe(6);
    const starts = Array.from(limited.train.series!.starts);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(Array.from(limited.validation.series!.starts).every((s) => s >= 70)).toBe(true);
  });

  it('chooses value columns with data.columns and takes row numbers without a time column', () => {
    const text = ['a,b,c', ...Array.from({ length: 30 }, (_, i) => `${i},${i * 2},x${i}`)].join('\n');
    const file = writeTemp('n.csv', text);
    const dataset = loadTimeseriesDataset(file, dataConfig({ format: 'timeseries', window: 5, columns: ['b'], validationSplit: 0 }));
    expect(dataset.series!.columns).toEqual(['b']);
    expect(dataset.series!.times.slice(0, 3)).toEqual(['1', '2', '3']);
    expect(dataset.timeColumnName).toBeUndefined();
    expect(dataset.count).toBe(26);
    // By default every numeric column other than the time column: the text column c is left out.
    expect(loadTimeseriesDataset(file, dataConfig({ format: 'timeseries', window: 5, validationSplit: 0 })).series!.columns).toEqual(['a', 'b']);
  });

  it('reads gzipped and tab-separated series, and header-less ones whose first column holds time stamps', () => {
    const { text } = seriesCsv(50);
    const tsv = writeTemp('s.tsv.gz', gzipSync(text.replaceAll(',', '\t')));
    const zipped = loadTimeseriesDataset(tsv, dataConfig({ format: 'timeseries', window: 5 }));
    expect(zipped.series!.columns).toEqual(['level', 'flow']);
    expect(zipped.count).toBe(45 - 5 + 1 + 1); // 45 training points; the 5 validation points hold one window
    const bare = writeTemp('bare.csv', text.split('\n').slice(1).join('\n'));
    const headerless = loadTimeseriesDataset(bare, dataConfig({ format: 'timeseries', window: 5 }));
    expect(headerless.timeColumnName).toBe('0');
    expect(headerless.series!.columns).toEqual(['1', '2']);
    expect(headerless.series!.times[0]).toBe('2024-01-01T00:00:00.000Z');
    expect(Array.from(headerless.x)).toEqual(Array.from(zipped.x));
  });

  it('reports a missing or non-numeric cell by file, line and column', () => {
    const lines = seriesCsv(40).text.split('\n');
    const cells = lines[12].split(',');
    lines[12] = [cells[0], '', cells[2]].join(',');
    const empty = writeTemp('gap.csv', lines.join('\n'));
    const gap = inputError(() => loadTimeseriesDataset(empty, dataConfig({ format: 'timeseries', window: 5 })));
    expect(gap).toMatchObject({ file: empty, line: 13, column: 2 });
    expect(gap.message).toContain('column "level"');
    expect(gap.message).toContain('empty');

    lines[12] = [cells[0], cells[1], 'n/a'].join(',');
    const text = writeTemp('text.csv', lines.join('\n'));
    const word = inputError(() => loadTimeseriesDataset(text, dataConfig({ format: 'timeseries', window: 5, columns: ['level', 'flow'] })));
    expect(word).toMatchObject({ file: text, line: 13, column: 3 });
    expect(word.message).toContain('"n/a" (column "flow") is not a number');

    lines[12] = [cells[0], 'NaN', cells[2]].join(',');
    const nan = writeTemp('nan.csv', lines.join('\n'));
    expect(inputError(() => loadTimeseriesDataset(nan, dataConfig({ format: 'timeseries', window: 5 })))).toMatchObject({ line: 13, column: 2 });
  });

  it('refuses a series shorter than a window, naming data.window and the point counts', () => {
    const file = writeTemp('short.csv', seriesCsv(100).text);
    const byDefault = inputError(() => loadTimeseriesDataset(file, dataConfig({ format: 'timeseries' })));
    expect(byDefault).toMatchObject({ file, field: 'data.window' });
    expect(byDefault.message).toContain('the training part has 90 of the series\' 100 points, fewer than data.window (default 288)');
    const validation = inputError(() => loadTimeseriesDataset(file, dataConfig({ format: 'timeseries', window: 20, validationSplit: 0.1 })));
    expect(validation).toMatchObject({ field: 'data.validationSplit' });
    expect(validation.message).toContain('the last 10 points');
  });

  it('keeps a .csv a table with data.format "auto"; "timeseries" must be asked for', async () => {
    const file = writeTemp('s.csv', seriesCsv().text.split('\n').map((line) => line.split(',').slice(1).join(',')).join('\n'));
    const table = await loadDataset(dataConfig({ source: file }), file);
    expect(table.series).toBeUndefined();
    expect(table.sampleShape).toEqual([2]);
    const series = await loadDataset(dataConfig({ source: file, format: 'timeseries', window: 8 }), file);
    expect(series.sampleShape).toEqual([8, 2]);
    expect(series.notes.join('\n')).toContain('fitted on the training part only');
  });
});
