// Templates whose data is not MNIST: the time-series templates (conv1d, lstm) train on a real series, vega-datasets'
// Seattle hourly weather normals, and are then scored on a copy with an injected anomaly (as
// test/unit/apply/seriesScore.test.ts does); the audio denoiser trains on alsa-utils' recordings when they are
// installed. Anything else that names data of its own is skipped with the reason printed, never trained on MNIST.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const WEATHER = resolve('node_modules/vega-datasets/data/seattle-weather-hourly-normals.csv');
const ALSA_SOUNDS = '/usr/share/sounds/alsa';
/** Data rows 6001-6024 (0-based points 6000-6023, September 8th) of temperature get +15 °C. */
export const INJECTED = { first: 6000, last: 6023, degrees: 15 };
/** Quick mode: windows every few points (and a subset of them), so the sequence rows take about a minute each. */
const QUICK_SERIES = { conv1d: { stride: 4, limit: 1500 }, lstm: { stride: 8, limit: 600 } };

/** 'mnist', 'timeseries', 'audio', or another format the script has no data for. */
export function dataOf(template) {
  const { data } = template.experiment('plan');
  if (data.format === 'timeseries' || data.format === 'audio') return data.format;
  return data.source === 'builtin:mnist' ? 'mnist' : data.format ?? 'unknown';
}

/** Writes the clean and the injected series once into `dir`; returns their paths and the time stamps. */
function weatherFiles(dir) {
  const clean = join(dir, 'seattle-weather.csv');
  const spike = join(dir, 'seattle-weather-spike.csv');
  const lines = readFileSync(WEATHER, 'utf8').trim().split('\n');
  if (!existsSync(clean)) {
    writeFileSync(clean, `${lines.join('\n')}\n`);
    const injected = lines.map((line, i) => {
      if (i - 1 < INJECTED.first || i - 1 > INJECTED.last) return line;
      const [date, pressure, temperature, wind] = line.split(',');
      return [date, pressure, (Number(temperature) + INJECTED.degrees).toFixed(1), wind].join(',');
    });
    writeFileSync(spike, `${injected.join('\n')}\n`);
  }
  return { clean, spike, times: lines.slice(1).map((line) => line.split(',')[0]) };
}

/**
 * How to run a template on real data: `{ skip }` with the reason, or `{ patch, limit, after }` where patch rewrites
 * the experiment file's data, limit overrides the plan's sample limit and after(runDir, run) adds to the result.
 */
export function realDataFor(template, options, dir) {
  const format = dataOf(template);
  if (format === 'mnist') return {};
  if (format === 'timeseries') {
    if (!existsSync(WEATHER)) return { skip: `needs ${WEATHER} (the vega-datasets devDependency)` };
    const files = weatherFiles(dir);
    const quick = options.quick ? QUICK_SERIES[template.id] : undefined;
    return {
      data: 'vega-datasets seattle-weather-hourly-normals.csv (8,759 hourly points, pressure, temperature, wind)',
      limit: quick?.limit,
      patch: (experiment) => {
        experiment.data = { ...experiment.data, source: files.clean, ...(quick ? { stride: quick.stride } : {}) };
      },
      after: (runDir, run) => scoreInjected(runDir, run, files),
    };
  }
  if (format === 'audio') {
    const wavs = existsSync(ALSA_SOUNDS) ? readdirSync(ALSA_SOUNDS).filter((name) => name.endsWith('.wav')) : [];
    if (wavs.length === 0) return { skip: `needs WAV recordings in ${ALSA_SOUNDS} (Debian's alsa-utils; scripts/install-test-deps.sh installs it)` };
    return {
      data: `alsa-utils recordings (${wavs.length} WAV files in ${ALSA_SOUNDS})`,
      patch: (experiment) => {
        experiment.data = { ...experiment.data, source: ALSA_SOUNDS };
      },
    };
  }
  return { skip: `its data (format ${format}) is not MNIST and the script has no real data for it` };
}

/** `aelab score` on the injected copy: whether a flagged span covers the injected day, and how many spans do not. */
async function scoreInjected(runDir, run, files) {
  const scored = await run(['score', runDir, files.spike, '--out', join(runDir, '..', `${runDir.split('/').pop()}-scores.csv`), '--json']);
  if (scored.code !== 0) return { error: `aelab score failed: ${scored.stderr.trim().split('\n').slice(-2).join(' ')}` };
  const result = JSON.parse(scored.stdout);
  const spans = result.spans.map((span) => ({ ...span, from: files.times.indexOf(span.start), to: files.times.indexOf(span.end) }));
  const hits = spans.filter((span) => span.from <= INJECTED.last && span.to >= INJECTED.first);
  const covered = hits.reduce((sum, span) => sum + Math.min(INJECTED.last, span.to) - Math.max(INJECTED.first, span.from) + 1, 0);
  return {
    anomaly: {
      found: hits.length > 0,
      covered,
      injected: INJECTED.last - INJECTED.first + 1,
      falseSpans: spans.length - hits.length,
      flagged: result.flagged,
      points: result.count,
      threshold: result.threshold,
    },
  };
}
