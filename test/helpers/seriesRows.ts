// Real series for the sequence kinds before the timeseries format exists: Seattle's hourly temperature normals
// (vega-datasets) as a CSV table with one day per row (24 hourly values), which conv1d/lstm read as [24, 1] series.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WEATHER = join(__dirname, '..', '..', 'node_modules', 'vega-datasets', 'data', 'seattle-weather-hourly-normals.csv');
export const HOURS_PER_DAY = 24;

/** Writes `<dir>/<file>`: a header h0..h23, then one row of 24 temperatures per day (365 rows). Returns the row count. */
export function writeDailyTemperatureRows(dir: string, file = 'days.csv'): number {
  const temperatures = readFileSync(WEATHER, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[2]);
  const rows: string[] = [Array.from({ length: HOURS_PER_DAY }, (_, h) => `h${h}`).join(',')];
  for (let start = 0; start + HOURS_PER_DAY <= temperatures.length; start += HOURS_PER_DAY) rows.push(temperatures.slice(start, start + HOURS_PER_DAY).join(','));
  writeFileSync(join(dir, file), `${rows.join('\n')}\n`);
  return rows.length - 1;
}
