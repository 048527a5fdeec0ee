#!/usr/bin/env node
// Records the webview test fixtures from REAL trainer runs: forks dist/trainer.js exactly like the extension does
// (serialization 'advanced'), trains each experiment below for 2 epochs on a limited sample, and saves every message
// (typed arrays as {"$f32": base64}) to test/fixtures/webview/<name>.messages.json. The small run files
// (experiment.json, metrics.jsonl, summary.json) are copied to test/fixtures/webview/runs/ for the Compare view.
//
//   npm run build && node scripts/record-webview-fixture.mjs [name...]
import { fork } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'test/fixtures/webview');
const require = createRequire(import.meta.url);

const mnist = (limit) => ({ source: 'builtin:mnist', validationSplit: 0.1, limit });
const training = { epochs: 2, batchSize: 128, learningRate: 0.002, optimizer: 'adam', loss: 'bce', seed: 42 };
const EXPERIMENTS = {
  'deep-mnist': { name: 'deep-mnist', kind: 'deep', data: mnist(2000), model: { hidden: [128, 64], latentDim: 32 }, training },
  // Same data, other settings: the Compare view's second run (only its run folder is kept).
  'deep-mnist-small': { name: 'deep-mnist', kind: 'deep', data: mnist(2000), model: { hidden: [64], latentDim: 8 }, training: { ...training, learningRate: 0.005 } },
  'vae-mnist': { name: 'vae-mnist', kind: 'vae', data: mnist(2000), model: { hidden: [128], latentDim: 2, beta: 1 }, training },
  'denoising-mnist': { name: 'denoising-mnist', kind: 'denoising', data: mnist(1000), model: { architecture: 'deep', hidden: [128], latentDim: 16, noise: { type: 'gaussian', sigma: 0.4 } }, training },
  // More epochs, fewer samples: the Reconstructions view's epoch slider.
  'recon-history-mnist': { name: 'recon-history-mnist', kind: 'deep', data: mnist(500), model: { hidden: [64], latentDim: 16 }, training: { ...training, epochs: 6, batchSize: 32, learningRate: 0.005 } },
  // The Generate view of the kinds that sample a N(0, I) prior without being VAEs (codes above 2-D: no manifold).
  'wae-mmd-mnist': { name: 'wae-mmd-mnist', kind: 'wae-mmd', data: mnist(600), model: { hidden: [128], latentDim: 8, mmdWeight: 10 }, training: { ...training, loss: 'mse', batchSize: 100 } },
  'aae-mnist': { name: 'aae-mnist', kind: 'aae', data: mnist(600), model: { hidden: [128], latentDim: 4, discriminator: [64] }, training: { ...training, batchSize: 100 } },
  // The Generate view's by-label variant (kinds whose row generates 'label').
  'cvae-mnist': { name: 'cvae-mnist', kind: 'cvae', data: mnist(2000), model: { hidden: [128], latentDim: 2 }, training },
  // The Generate view's codebook editor (vq-vae): the keras.io network, a smaller codebook, little data.
  'vq-vae-mnist': { name: 'vq-vae-mnist', kind: 'vq-vae', data: mnist(600), model: { filters: [32, 64], latentDim: 16, codebookSize: 32, outputActivation: 'linear' }, training: { ...training, loss: 'mse', batchSize: 64 } },
  'table-signals': { name: 'table-signals', kind: 'deep', data: { source: 'signals.csv', labelColumn: 'class', validationSplit: 0.2 }, model: { hidden: [32], latentDim: 4 }, training: { ...training, loss: 'mse', batchSize: 64 } },
  // The Series view: a real timeseries run (the loader cuts and z-scores the windows) on weatherSeriesCsv() below.
  'series-weather': {
    name: 'series-weather',
    kind: 'deep',
    data: { source: 'series-weather.csv', format: 'timeseries', window: 24, stride: 2, validationSplit: 0.2 },
    model: { hidden: [32], latentDim: 6, outputActivation: 'linear' },
    training: { ...training, epochs: 25, batchSize: 32, learningRate: 0.005, loss: 'mse' },
  },
  // The Audio view: a denoiser on a few alsa-utils recordings at 8 kHz (copied by audioFolder below), white noise at 10 dB.
  'audio-alsa': {
    name: 'audio-alsa',
    kind: 'denoising',
    data: { source: 'sounds', format: 'audio', sampleRate: 8000, stft: { frameSize: 256, hop: 128 }, patchFrames: 8, validationSplit: 0.3 },
    model: {
      encoder: [{ type: 'conv2d', filters: 8, kernelSize: 3, activation: 'relu', padding: 'same' }],
      decoder: [{ type: 'conv2d', filters: 1, kernelSize: 3, activation: 'linear', padding: 'same' }],
      noise: { type: 'audio', snr: 10 },
    },
    training: { ...training, loss: 'mse', batchSize: 16, learningRate: 0.005 },
  },
};

const RUN_FOLDER_ONLY = new Set(['deep-mnist-small']);
/** Messages only: the webview tests list the runs folder, and these runs there would change what they count. */
const MESSAGES_ONLY = new Set(['series-weather', 'audio-alsa']);

/**
 * Keeps the fixtures small: only the last 'generated' message (225 manifold images each epoch) and the last
 * 'reconstructionHistory' (it holds every kept frame; a test slices it to replay earlier ones) are kept, and for
 * the epoch slider's longer run also only the last of the other per-epoch views.
 */
const LAST_ONLY = ['generated', 'reconstructionHistory'];
const LAST_ONLY_OF = { 'recon-history-mnist': [...LAST_ONLY, 'reconstructions', 'latent', 'errors'], 'series-weather': [...LAST_ONLY, 'reconstructions', 'latent', 'errors', 'series'], 'audio-alsa': [...LAST_ONLY, 'audioClips'] };
/** Views a fixture's test does not use, too large to keep (a conv denoiser's codes are whole feature maps). */
const DROPPED_OF = { 'audio-alsa': ['latent', 'reconstructions'] };
function thin(messages, name) {
  const lastOnly = LAST_ONLY_OF[name] ?? LAST_ONLY;
  const last = new Map(lastOnly.map((type) => [type, messages.findLastIndex((m) => m.type === type)]));
  const dropped = DROPPED_OF[name] ?? [];
  return messages.filter((m, i) => !dropped.includes(m.type) && (!last.has(m.type) || i === last.get(m.type)));
}

/** A small labelled table: three kinds of 24-sample waveforms with noise (the trainer reads it like any user CSV). */
function signalsCsv() {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const lines = [[...Array.from({ length: 24 }, (_, i) => `t${i}`), 'class'].join(',')];
  for (let row = 0; row < 600; row++) {
    const kind = row % 3;
    const phase = random() * Math.PI * 2;
    const values = Array.from({ length: 24 }, (_, i) => {
      const t = (i / 24) * Math.PI * 4 + phase;
      const clean = kind === 0 ? Math.sin(t) : kind === 1 ? Math.sign(Math.sin(t)) : ((t / Math.PI) % 2) - 1;
      return (clean + (random() - 0.5) * 0.3).toFixed(4);
    });
    lines.push([...values, ['sine', 'square', 'saw'][kind]].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Where the Series fixture's injected anomaly starts (a validation point) and by how many degrees it warms 12 hours. */
const SERIES_ANOMALY = { start: 900, hours: 12, degrees: 8 };

/**
 * Six summer weeks of vega-datasets' Seattle hourly weather normals (from mid-July, when high summer holds its level,
 * so the validation tail is like the training part), temperature and wind (pressure drifts by a training standard
 * deviation over these weeks and would flag the whole tail), with a heat anomaly injected in the validation tail.
 */
function weatherSeriesCsv() {
  const lines = readFileSync(join(root, 'node_modules/vega-datasets/data/seattle-weather-hourly-normals.csv'), 'utf8').trim().split('\n');
  const body = lines.slice(1 + 4560, 1 + 4560 + 1000).map((line, point) => {
    const [date, , temperature, wind] = line.split(',');
    const anomalous = point >= SERIES_ANOMALY.start && point < SERIES_ANOMALY.start + SERIES_ANOMALY.hours;
    return [date, anomalous ? (Number(temperature) + SERIES_ANOMALY.degrees).toFixed(1) : temperature, wind].join(',');
  });
  return `${['date,temperature,wind', ...body].join('\n')}\n`;
}

/** A tiny WAV folder: real recordings from alsa-utils (the trainer resamples them to the experiment's 8 kHz). */
function audioFolder(dir) {
  mkdirSync(dir);
  for (const name of ['Front_Center.wav', 'Front_Left.wav', 'Rear_Right.wav', 'Side_Left.wav']) copyFileSync(join('/usr/share/sounds/alsa', name), join(dir, name));
}

async function loadEncoder() {
  const file = join(root, 'dist/.fixture-encoder.cjs');
  await esbuild.build({ entryPoints: [join(root, 'src/protocol/dashboardMessages.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: file, logLevel: 'warning' });
  const { encodeTyped } = require(file);
  rmSync(file);
  return encodeTyped;
}

function record(experimentFile, runsDir) {
  return new Promise((done, fail) => {
    const child = fork(join(root, 'dist/trainer.js'), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const messages = [];
    child.on('message', (message) => {
      messages.push(message);
      if (message.type === 'epoch') console.log(`  epoch ${message.metrics.epoch}: loss ${message.metrics.loss} val ${message.metrics.val_loss}`);
    });
    child.on('error', fail);
    child.on('exit', (code) => (messages.some((m) => m.type === 'done') ? done(messages) : fail(new Error(`trainer exited with ${code} before done`))));
    child.send({ type: 'start', experimentFile, runsDir, overrides: {} });
  });
}

/** Machine paths do not belong in committed fixtures: run folders become <runsDir>/<run-id>. */
function scrubPaths(value, dir, placeholder) {
  const text = JSON.stringify(value).split(dir).join(placeholder);
  return JSON.parse(text.replace(/"(experimentFile)":"[^"]*"/g, '"$1":"<experiment>"'));
}

const encodeTyped = await loadEncoder();
const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(EXPERIMENTS);
const unknown = names.filter((name) => !EXPERIMENTS[name]);
if (unknown.length) throw new Error(`unknown fixture ${unknown.join(', ')}; known: ${Object.keys(EXPERIMENTS).join(', ')}`);
const work = mkdtempSync(join(tmpdir(), 'aelab-fixture-'));
writeFileSync(join(work, 'signals.csv'), signalsCsv());
writeFileSync(join(work, 'series-weather.csv'), weatherSeriesCsv());
if (names.some((name) => EXPERIMENTS[name].data.format === 'audio')) audioFolder(join(work, 'sounds'));
mkdirSync(join(out, 'runs'), { recursive: true });
// runs/fixtures.json maps each fixture to its run folder, so a re-recording replaces the old folder.
const indexFile = join(out, 'runs/fixtures.json');
const index = existsSync(indexFile) ? JSON.parse(readFileSync(indexFile, 'utf8')) : {};
try {
  for (const name of names) {
    console.log(`recording ${name}...`);
    const experimentFile = join(work, `${name}.ae.json`);
    writeFileSync(experimentFile, JSON.stringify(EXPERIMENTS[name], null, 2));
    const runsDir = join(work, `runs-${name}`);
    const raw = await record(experimentFile, runsDir);
    // Typed arrays must be encoded before the path scrub's JSON round trip would turn them into plain objects.
    const messages = scrubPaths(JSON.parse(JSON.stringify(thin(raw, name), encodeTyped)), runsDir, '<runsDir>');
    const fixture = { recordedFrom: 'dist/trainer.js', recordedAt: new Date().toISOString(), experiment: EXPERIMENTS[name], ...(name === 'series-weather' ? { anomaly: SERIES_ANOMALY } : {}), messages };
    if (!RUN_FOLDER_ONLY.has(name)) writeFileSync(join(out, `${name}.messages.json`), `${JSON.stringify(fixture)}\n`);
    console.log(`  ${raw.length} messages: ${[...new Set(raw.map((m) => m.type))].join(', ')}`);
    if (MESSAGES_ONLY.has(name)) continue;
    if (index[name]) rmSync(join(out, 'runs', index[name]), { recursive: true, force: true });
    for (const runId of readdirSync(runsDir)) {
      index[name] = runId;
      mkdirSync(join(out, 'runs', runId), { recursive: true });
      for (const file of ['experiment.json', 'metrics.jsonl', 'summary.json']) copyFileSync(join(runsDir, runId, file), join(out, 'runs', runId, file));
      const experimentJson = join(out, 'runs', runId, 'experiment.json');
      writeFileSync(experimentJson, `${JSON.stringify(scrubPaths(JSON.parse(readFileSync(experimentJson, 'utf8')), work, '<work>'), null, 2)}\n`);
    }
    writeFileSync(indexFile, `${JSON.stringify(index, null, 2)}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
