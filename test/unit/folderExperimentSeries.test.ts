// Train on Folder on CSV series: the sequence templates (conv1d, lstm) and a dense kind on a file with a time column
// write data.format "timeseries" with a window that fits the file; a plain numeric table stays a table.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderExperiment } from '../../src/templates/folderExperiment';
import { windowFor } from '../../src/templates/seriesData';
import { CLI_SCRIPT, tempWorkspace } from '../helpers/experimentFiles';
import { runNode } from '../helpers/runNode';

const WEATHER = join(__dirname, '..', '..', 'node_modules', 'vega-datasets', 'data', 'seattle-weather-hourly-normals.csv');

function csv(name: string, lines: string[]): string {
  const file = join(tempWorkspace(), name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const hourly = (rows: number) => ['time,load', ...Array.from({ length: rows }, (_, i) => `2020-01-${String(1 + Math.floor(i / 24)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00,${(Math.sin(i / 4) * 10).toFixed(3)}`)];
const untimed = (rows: number) => ['a,b', ...Array.from({ length: rows }, (_, i) => `${i % 7},${(i * 3) % 5}`)];
const dataOf = (dataPath: string, kind: 'conv1d' | 'lstm' | 'deep') => folderExperiment({ dataPath, kind, experimentsDir: join(dataPath, '..', 'experiments') }).experiment.data;

describe('Train on Folder on a CSV series', () => {
  it('conv1d on the Seattle weather year keeps keras.io\'s 288-step windows', () => {
    const { name, experiment } = folderExperiment({ dataPath: WEATHER, kind: 'conv1d', experimentsDir: tempWorkspace() });
    expect(name).toBe('seattle-weather-hourly-normals-conv1d');
    expect(experiment.data).toMatchObject({ format: 'timeseries', window: 288, stride: 1, validationSplit: 0.1, normalization: 'zscore' });
    expect(experiment.comment).toMatch(/as a time series/);
  });

  it('lstm keeps its own shorter window', () => {
    expect(dataOf(WEATHER, 'lstm')).toMatchObject({ format: 'timeseries', window: 48 });
  });

  it('a short series gets windows half as long as its validation part', () => {
    // 200 points, the last 20 validate (the loader needs whole windows there; windows of 10 give it 11).
    expect(windowFor(200, 0.1)).toBe(10);
    expect(windowFor(8760, 0.1, 48)).toBe(48);
    expect(dataOf(csv('short.csv', hourly(200)), 'conv1d')).toMatchObject({ format: 'timeseries', window: 10 });
  });

  it('a dense kind reads a file with a time column as a series, and a plain numeric table as a table', () => {
    expect(dataOf(csv('load.csv', hourly(400)), 'deep')).toMatchObject({ format: 'timeseries', window: 20, normalization: 'zscore' });
    const table = dataOf(csv('plain.csv', untimed(400)), 'deep');
    expect(table.format).toBeUndefined();
    expect(table.normalization).toBe('minmax');
  });

  it('a sequence template reads an untimed numeric CSV as a series too, but a table with gaps stays a table', () => {
    expect(dataOf(csv('plain.csv', untimed(400)), 'lstm')).toMatchObject({ format: 'timeseries', window: 20 });
    // A series cannot drop a point with an empty cell; the table loader drops that row.
    const gaps = csv('gaps.csv', ['a,b', ...Array.from({ length: 50 }, (_, i) => (i === 10 ? '3,' : `${i},${i % 4}`))]);
    expect(dataOf(gaps, 'conv1d').format).toBeUndefined();
  });

  it('aelab train-folder --kind conv1d trains windows of the series', async () => {
    const dataPath = csv('load.csv', hourly(240));
    const work = join(dataPath, '..');
    const trained = await runNode([CLI_SCRIPT, 'train-folder', 'load.csv', '--kind', 'conv1d', '--epochs', '1', '--backend', 'cpu', '--json'], { cwd: work, timeout: 120_000 });
    expect(trained.status, trained.stderr).toBe(0);
    const summary = JSON.parse(trained.stdout) as { status: string; trainSamples: number };
    expect(summary.status).toBe('completed');
    const written = JSON.parse(readFileSync(join(work, '.aelab', 'experiments', 'load-conv1d.ae.json'), 'utf8'));
    expect(written.data).toMatchObject({ source: '../../load.csv', format: 'timeseries', window: 12, stride: 1 });
    // 216 training points, windows of 12 every point: 205 windows.
    expect(summary.trainSamples).toBe(205);
  }, 150_000);
});
