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

  it('does not take arrays or images', () => {
    expect(runTakes(weather, { kind: 'table', values: 2, header: null, format: 'npy' })).toBe(false);
    expect(runTakes(weather, { kind: 'images', channels: 1, format: 'images' })).toBe(false);
  });
});
