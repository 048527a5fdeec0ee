#!/usr/bin/env node
// Records test/fixtures/webview/series-weather.messages.json, the Series view's fixture: the trainer's own series
// producer on a real series (scripts/series-fixture/weatherSeries.ts), in the format of record-webview-fixture.mjs
// (typed arrays as {"$f32": base64}), keeping the last epoch's message.
//
//   node scripts/record-series-fixture.mjs
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const file = join(root, 'dist/.series-fixture.cjs');
await esbuild.build({
  entryPoints: { series: join(root, 'scripts/series-fixture/weatherSeries.ts') },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: file,
  packages: 'external',
  logLevel: 'warning',
});
const encoder = join(root, 'dist/.series-fixture-encoder.cjs');
await esbuild.build({ entryPoints: [join(root, 'src/protocol/dashboardMessages.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: encoder, logLevel: 'warning' });
try {
  const { recordWeatherSeries, EXPERIMENT, ANOMALY } = require(file);
  const { encodeTyped } = require(encoder);
  console.log('recording series-weather...');
  const messages = (await recordWeatherSeries(root)).slice(-1);
  const fixture = { recordedFrom: 'scripts/series-fixture/weatherSeries.ts', recordedAt: new Date().toISOString(), experiment: EXPERIMENT, anomaly: ANOMALY, messages };
  writeFileSync(join(root, 'test/fixtures/webview/series-weather.messages.json'), `${JSON.stringify(fixture, encodeTyped)}\n`);
} finally {
  rmSync(file, { force: true });
  rmSync(encoder, { force: true });
}
