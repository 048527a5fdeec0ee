// Apply Autoencoder offers a time-series run for CSV files that hold its time and value columns (by name, or by index
// for a run trained on a header-less file), and never for arrays or images.
import { describe, expect, it } from 'vitest';
import type { InputShape } from '../../../src/extension/apply/inputShape';
import { runTakes } from '../../../src/extension/apply/runFit';
import type { InputSpec } from '../../../src/runs/dataFile';

const weather: InputSpec = { kind: 'series', columns: ['pressure', 'temperature'], timeColumn: 'date', window: 24, stride: 1, aggregate: 'mean' };
const csv = (header: string[] | null, values: number): InputShape => ({ kind: 'table', values, header, format: 'csv' });

describe('which runs take a time series', () => {
  it('takes a CSV whose header has the run\'s time and value columns, in any order and with extra columns', () => {
    expect(runTakes(weather, csv(['date', 'pressure', 'temperature', 'wind'], 4))).toBe(true);
    expect(runTakes(weather, csv(['temperature', 'date', 'pressure'], 3))).toBe(true);
    expect(runTakes(weather, csv(['date', 'temperature', 'wind'], 3))).toBe(false);
    expect(runTakes(weather, csv(['pressure', 'temperature'], 2))).toBe(false);
  });

  it('matches a run trained on a header-less file by column index, whatever its first row looks like', () => {
    const byIndex: InputSpec = { ...weather, columns: ['1', '2'], timeColumn: '0' };
    expect(runTakes(byIndex, csv(['2010-01-01T01:00:00', '1016.6', '4.0'], 3))).toBe(true);
    expect(runTakes(byIndex, csv(null, 2))).toBe(false);
  });

  it('follows the header the run trained with: all-digit header names are names, not indices', () => {
    const years: InputSpec = { ...weather, columns: ['2019', '2020'], timeColumn: 'year', header: true };
    const withFirstRow = (cells: string[]): InputShape => ({ kind: 'table', values: cells.length, header: null, format: 'csv', firstRow: cells });
    expect(runTakes(years, withFirstRow(['year', '2019', '2020']))).toBe(true);
    expect(runTakes({ ...years, timeColumn: null }, withFirstRow(['2019', '2020']))).toBe(true);
    // Column 2019 does not exist in a file of three columns named otherwise.
    expect(runTakes({ ...years, timeColumn: null }, withFirstRow(['2018', '2020', '2021']))).toBe(false);
    // A run that recorded no header row reads indices even where a header-like first row is found.
    const headerless: InputSpec = { ...weather, columns: ['1', '2'], timeColumn: '0', header: false };
    expect(runTakes(headerless, withFirstRow(['2010-01-01T01:00:00', '1016.6', '4.0']))).toBe(true);
    expect(runTakes(headerless, withFirstRow(['1', '2']))).toBe(false);
  });

  it('does not take arrays or images', () => {
    expect(runTakes(weather, { kind: 'table', values: 2, header: null, format: 'npy' })).toBe(false);
    expect(runTakes(weather, { kind: 'images', channels: 1, format: 'images' })).toBe(false);
  });
});
