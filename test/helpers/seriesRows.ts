// Real series for the sequence kinds before the timeseries format exists: Seattle's hourly temperature normals
// (vega-datasets) as a CSV table with one day per row (24 hourly values), which conv1d/lstm read as [24, 1] series.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const WEATHER = join(__dirname, '..', '..', 'node_modules', 'vega-datasets', 'data', 'seattle-weather-hourly-normals.csv');
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

/** 0-based points 6000-6023 (September 8th), made 15 °C warmer in the injected copy. */
export const INJECTED_DAY = { first: 6000, last: 6023 };

/** Writes `<dir>/weather.csv` (the series as is) and `<dir>/weather-spike.csv` (INJECTED_DAY +15 °C); returns the times. */
export function writeWeatherWithSpike(dir: string): string[] {
  const lines = readFileSync(WEATHER, 'utf8').trim().split('\n');
  writeFileSync(join(dir, 'weather.csv'), `${lines.join('\n')}\n`);
  const injected = lines.map((line, i) => {
    if (i - 1 < INJECTED_DAY.first || i - 1 > INJECTED_DAY.last) return line;
    const [date, pressure, temperature, wind] = line.split(',');
    return [date, pressure, (Number(temperature) + 15).toFixed(1), wind].join(',');
  });
  writeFileSync(join(dir, 'weather-spike.csv'), `${injected.join('\n')}\n`);
  return lines.slice(1).map((line) => line.split(',')[0]);
}
