// The keras.io Conv1D detector on real data through the CLI: `aelab new conv1d` writes the template (288-step windows,
// the keras.io network), `aelab train` trains it briefly on vega-datasets' Seattle hourly weather normals (windows
// every 4 points, a subset of them, 8 epochs), and `aelab score` on a copy with one day made 15 °C warmer flags that
// day as the longest span, with few points flagged elsewhere.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Applied } from '../../../src/protocol/applyMessages';
import { CLI_SCRIPT, tempWorkspace } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';
import { INJECTED_DAY, writeWeatherWithSpike } from '../../helpers/seriesRows';

describe('the conv1d template through aelab train and aelab score', () => {
  let work: string;
  let times: string[];
  let runDir: string;
  const aelab = (...args: string[]) => runNode([CLI_SCRIPT, ...args], { cwd: work, timeout: 400_000 });

  beforeAll(async () => {
    work = tempWorkspace('aelab-conv1d-');
    times = writeWeatherWithSpike(work);

    const created = await aelab('new', 'conv1d', 'detector', '--dir', '.');
    expect(created.status, created.stderr).toBe(0);
    const file = join(work, 'detector.ae.json');
    const experiment = JSON.parse(readFileSync(file, 'utf8'));
    // The template's own network and window; only the data file and a coarser stride (a quarter of the windows) change.
    expect(experiment).toMatchObject({ kind: 'conv1d', data: { format: 'timeseries', window: 288 } });
    experiment.data = { ...experiment.data, source: 'weather.csv', stride: 4 };
    writeFileSync(file, JSON.stringify(experiment));
    const trained = await aelab('train', 'detector.ae.json', '--epochs', '8', '--limit', '1500', '--backend', 'wasm', '--json');
    expect(trained.status, trained.stderr).toBe(0);
    const summary = JSON.parse(trained.stdout) as { status: string; runId: string };
    expect(summary.status).toBe('completed');
    runDir = join(work, '.aelab', 'runs', summary.runId);
  }, 500_000);

  it('flags the injected day as the longest span', async () => {
    const scored = await aelab('score', runDir, 'weather-spike.csv', '--out', 'scores.csv', '--json');
    expect(scored.status, scored.stderr).toBe(0);
    const result = JSON.parse(scored.stdout) as Pick<Applied, 'count' | 'flagged' | 'threshold' | 'spans'>;
    expect(result.count).toBe(times.length);
    const spans = result.spans!.map((span) => ({ ...span, from: times.indexOf(span.start), to: times.indexOf(span.end) }));
    const hits = spans.filter((span) => span.from <= INJECTED_DAY.last && span.to >= INJECTED_DAY.first);
    expect(hits).toHaveLength(1);
    const [hit] = hits;
    const covered = Math.min(INJECTED_DAY.last, hit.to) - Math.max(INJECTED_DAY.first, hit.from) + 1;
    expect(covered).toBeGreaterThanOrEqual(20);
    expect(spans.every((span) => span === hit || span.points < hit.points)).toBe(true);
    const falsePoints = spans.filter((span) => span !== hit).reduce((sum, span) => sum + span.points, 0);
    expect(falsePoints).toBeLessThan(times.length * 0.03);
    console.log(`conv1d detector: ${result.flagged} of ${result.count} points flagged above ${result.threshold}; injected ${INJECTED_DAY.first}-${INJECTED_DAY.last} in span ${hit.from}-${hit.to} (${covered} of 24); ${spans.length - 1} other spans, ${falsePoints} points`);
  }, 120_000);
});
