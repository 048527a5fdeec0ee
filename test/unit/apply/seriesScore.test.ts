// Scoring in time. In-process: a window's point errors average to the run's per-sample error, and a point's error is
// the mean or max over the windows covering it. Through the real CLI on real data (vega-datasets' Seattle hourly
// weather normals, 8759 points): a dense model trained on the clean year finds a temperature spike injected into a
// copy; `aelab score` writes one row per time point and reports the flagged spans.
import * as tf from '@tensorflow/tfjs';
import { parse as parseCsv } from 'csv-parse/sync';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Applied } from '../../../src/protocol/applyMessages';
import { readDataJson } from '../../../src/runs/dataFile';
import { SeriesErrorCollector, windowPointErrors } from '../../../src/trainer/apply/seriesErrors';
import { selectBackend } from '../../../src/trainer/backends/selectBackend';
import { perSampleReconstructionError } from '../../../src/trainer/models/losses';
import { CLI_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';
import { INJECTED_DAY, writeWeatherWithSpike } from '../../helpers/seriesRows';

describe('point errors of windows', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it.each(['mse', 'bce'] as const)('average over a window to the run\'s %s sample error', (loss) => {
    const [count, window, channels] = [3, 5, 2];
    const x = Float32Array.from({ length: count * window * channels }, (_, i) => ((i * 7) % 10) / 10);
    const y = Float32Array.from(x, (v, i) => Math.min(0.99, Math.max(0.01, v + (((i * 3) % 5) - 2) / 20)));
    const perPoint = windowPointErrors(x, y, count, window, channels, loss);
    const perSample = tf.tidy(() => perSampleReconstructionError(loss, tf.tensor(x, [count, window, channels]), tf.tensor(y, [count, window, channels])).dataSync());
    for (let w = 0; w < count; w++) {
      const mean = perPoint.subarray(w * window, (w + 1) * window).reduce((a, b) => a + b, 0) / window;
      expect(mean).toBeCloseTo(perSample[w], 5);
    }
  });

  it('map back to time points as the mean or the max over the covering windows', () => {
    // 6 points, windows of 3 at starts 0, 2, 3; one channel; the reconstruction is 0, so a point's error is x².
    const layout = { times: ['a', 'b', 'c', 'd', 'e', 'f'], columns: ['v'], window: 3, stride: 1, starts: Int32Array.from([0, 2, 3]) };
    const x = Float32Array.from([1, 2, 3, /* window at 2: */ 4, 5, 6, /* at 3: */ 7, 8, 9]);
    const collector = new SeriesErrorCollector(layout, 'mse');
    collector.add(0, 2, x.subarray(0, 6), new Float32Array(6));
    collector.add(2, 1, x.subarray(6), new Float32Array(3));
    // Point c (index 2) is covered by window 0 (x=3) and window 1 (x=4); point d by windows 1 (5) and 2 (7).
    expect(Array.from(collector.pointErrors('mean'))).toEqual([1, 4, (9 + 16) / 2, (25 + 49) / 2, (36 + 64) / 2, 81]);
    expect(Array.from(collector.pointErrors('max'))).toEqual([1, 4, 16, 49, 64, 81]);
  });
});

describe('aelab score on a real time series with an injected anomaly', () => {
  // Data rows 6001-6024 (1-based, September 8th) of temperature get +15 °C: a day far warmer than the normals.
  let work: string;
  let runDir: string;
  let times: string[];
  const aelab = (...args: string[]) => runNode([CLI_SCRIPT, ...args], { cwd: work, timeout: 180_000 });

  beforeAll(async () => {
    work = tempWorkspace('aelab-series-');
    times = writeWeatherWithSpike(work);
    writeFileSync(
      join(work, 'weather.ae.json'),
      JSON.stringify({
        name: 'weather',
        kind: 'deep',
        data: { source: 'weather.csv', format: 'timeseries', window: 24, stride: 2, validationSplit: 0.1 },
        model: { hidden: [64], latentDim: 12, outputActivation: 'linear' },
        training: { epochs: 12, batchSize: 64, learningRate: 0.003, seed: 1, loss: 'mse' },
      }),
    );
    const trained = await aelab('train', 'weather.ae.json', '--backend', 'wasm', '--json');
    expect(trained.status, trained.stderr).toBe(0);
    runDir = join(work, '.aelab', 'runs', JSON.parse(trained.stdout).runId);
  }, 240_000);

  it('keeps a threshold on the point errors of the training part', () => {
    const data = readDataJson(runDir)!;
    expect(data.input).toEqual({ kind: 'series', columns: ['pressure', 'temperature', 'wind'], timeColumn: 'date', window: 24, stride: 2, aggregate: 'mean', header: true });
    // 8759 points, the last 876 validate: training windows start at 0, 2, ..., 7858 and cover points 0-7881.
    expect(data.threshold).toMatchObject({ method: 'percentile', percentile: 99, metric: 'mse', samples: 7882 });
  });

  it('writes one row per time point and finds the injected span', async () => {
    const scored = await aelab('score', runDir, 'weather-spike.csv', '--out', 'scores.csv', '--json');
    expect(scored.status, scored.stderr).toBe(0);
    const result = JSON.parse(scored.stdout) as Pick<Applied, 'count' | 'flagged' | 'threshold' | 'spans'>;
    const rows = parseCsv(readFileSync(join(work, 'scores.csv'), 'utf8'), { columns: true }) as { source: string; error: string; flagged: string }[];
    expect(result.count).toBe(times.length);
    expect(rows.map((row) => row.source)).toEqual(times);
    expect(rows.filter((row) => row.flagged === '1')).toHaveLength(result.flagged!);
    expect(rows.every((row) => (Number(row.error) > result.threshold!) === (row.flagged === '1'))).toBe(true);

    const index = (time: string) => times.indexOf(time);
    const spans = result.spans!.map((span) => ({ ...span, from: index(span.start), to: index(span.end) }));
    const hit = spans.filter((span) => span.from <= INJECTED_DAY.last && span.to >= INJECTED_DAY.first);
    expect(hit).toHaveLength(1);
    // The injected day is the longest span and is flagged nearly whole; the other spans are short and few of the points.
    const longest = spans.reduce((a, b) => (b.points > a.points ? b : a));
    expect(longest).toEqual(hit[0]);
    const covered = Math.min(INJECTED_DAY.last, hit[0].to) - Math.max(INJECTED_DAY.first, hit[0].from) + 1;
    expect(covered).toBeGreaterThanOrEqual(20);
    const falseSpans = spans.filter((span) => span !== hit[0]);
    expect(falseSpans.every((span) => span.points <= 4)).toBe(true);
    expect(falseSpans.reduce((sum, span) => sum + span.points, 0)).toBeLessThan(times.length * 0.03);
    console.log(`series score: ${result.flagged} of ${result.count} points flagged above ${result.threshold}; injected points ${INJECTED_DAY.first}-${INJECTED_DAY.last} in span ${hit[0].start} .. ${hit[0].end} (${hit[0].points} points, ${covered} of 24 injected); ${falseSpans.length} other spans of at most ${Math.max(...falseSpans.map((s) => s.points))} points`);
  }, 120_000);

  it('lists the flagged spans on stderr', async () => {
    const scored = await aelab('score', runDir, 'weather-spike.csv', '--out', 'scores-text.csv');
    expect(scored.status, scored.stderr).toBe(0);
    expect(scored.stdout).toMatch(/^\d+ of 8759 time points flagged above /);
    expect(scored.stderr).toMatch(/\d+ flagged spans, the 20 longest \(--json lists them all\):/);
    const listed = [...scored.stderr.matchAll(/^ {2}(\S+) \.\. (\S+) \((\d+) points?\)$/gm)].map(([, start, end]) => ({ from: times.indexOf(start), to: times.indexOf(end) }));
    expect(listed).toHaveLength(20);
    expect(listed.filter((span) => span.from <= INJECTED_DAY.last && span.to >= INJECTED_DAY.first)).toHaveLength(1);
  }, 120_000);

  it('reconstructs one row per time point in the user\'s units, without the injected spike', async () => {
    const done = await aelab('reconstruct', runDir, 'weather-spike.csv', '--out', 'reconstructed.csv');
    expect(done.status, done.stderr).toBe(0);
    const rows = parseCsv(readFileSync(join(work, 'reconstructed.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const spiked = parseCsv(readFileSync(join(work, 'weather-spike.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(['date', 'pressure', 'temperature', 'wind']);
    expect(rows.map((row) => row.date)).toEqual(times);
    const gap = (from: number, to: number) => rows.slice(from, to + 1).reduce((sum, row, i) => sum + Number(spiked[from + i].temperature) - Number(row.temperature), 0) / (to - from + 1);
    // Normal days come back within a few degrees; a good part of the injected +15 °C is not reconstructed.
    const normal = gap(1000, 1999);
    const injected = gap(INJECTED_DAY.first, INJECTED_DAY.last);
    expect(Math.abs(normal)).toBeLessThan(2);
    expect(injected).toBeGreaterThan(4);
    console.log(`series reconstruct: mean temperature minus reconstruction ${normal.toFixed(2)} °C on 1000 normal points, ${injected.toFixed(2)} °C on the injected day`);
  }, 120_000);

  it('the Keras export refuses a series run, naming data.format', async () => {
    const exported = await aelab('export-keras', runDir, '--out', 'weather.py');
    expect(exported.status).toBe(2);
    expect(exported.stderr).toContain('field "data.format": the Keras export does not support data.format "timeseries"');
  }, 120_000);

  it('refuses a series shorter than the run\'s window, naming the file', async () => {
    writeFileSync(join(work, 'short.csv'), `${readFileSync(join(work, 'weather.csv'), 'utf8').split('\n').slice(0, 11).join('\n')}\n`);
    const scored = await aelab('score', runDir, 'short.csv', '--out', 'short-scores.csv');
    expect(scored.status).toBe(2);
    expect(scored.stderr).toContain('short.csv');
    expect(scored.stderr).toContain("fewer than the run's window of 24");
  }, 120_000);
});
