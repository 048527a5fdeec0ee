#!/usr/bin/env node
// Benchmark (not a test): 10,000 latent points in the real webview bundle in headless Chromium. Reports the time
// from the data message (as the host sends it, typed arrays base64-tagged) to the drawn scatter, from a pointer
// move to the hover card, and for a zoom redraw.
// The points and thumbnails are the recorded deep-mnist fixture's 200 validation samples, tiled with jitter.
//
//   node scripts/bench-latent.mjs [--points 10000] [--runs 5] [--no-native-base64] [--screenshot]
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const arg = (name, fallback) => Number(process.argv[process.argv.indexOf(name) + 1] || fallback) || fallback;
const POINTS = arg('--points', 10_000);
const RUNS = arg('--runs', 5);

async function bundleHostHelpers() {
  const dir = mkdtempSync(join(tmpdir(), 'aelab-bench-'));
  const file = join(dir, 'helpers.cjs');
  await esbuild.build({
    stdin: { contents: "export * from './src/extension/dashboard/renderDashboardHtml'; export { decodeTyped, encodeTypedArrays } from './src/protocol/dashboardMessages';", resolveDir: root, loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', outfile: file, logLevel: 'warning',
  });
  const helpers = require(file);
  rmSync(dir, { recursive: true, force: true });
  return helpers;
}

async function buildWebview() {
  await esbuild.build({ absWorkingDir: root, entryPoints: { main: 'webview/src/main.ts' }, bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, outdir: 'dist/webview', loader: { '.css': 'css' }, logLevel: 'warning' });
}

/** The fixture's points tiled to `count`, with jitter so they do not stack. */
function benchData(decodeTyped) {
  const fixture = JSON.parse(readFileSync(join(root, 'test/fixtures/webview/deep-mnist.messages.json'), 'utf8'), decodeTyped);
  const latent = fixture.messages.findLast((m) => m.type === 'latent');
  const samples = fixture.messages.findLast((m) => m.type === 'validationSamples');
  const size = samples.sampleShape.reduce((a, b) => a * b, 1);
  let seed = 1;
  const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.6;
  const points = new Float32Array(POINTS * 2);
  const values = new Uint8Array(POINTS * size);
  const labels = new Int32Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    const j = i % latent.count;
    points[2 * i] = latent.points[2 * j] + noise();
    points[2 * i + 1] = latent.points[2 * j + 1] + noise();
    values.set(samples.values.subarray(j * size, (j + 1) * size), i * size);
    labels[i] = samples.labels[j];
  }
  const run = { runId: 'bench', name: 'bench', kind: 'deep', status: 'completed', backend: 'cpu', epochs: 1, epochsPlanned: 1, batchesPerEpoch: 1, sampleShape: samples.sampleShape, trainSamples: 0, validationSamples: POINTS, parameterCount: 0, live: false };
  return {
    run,
    latent: { epoch: 1, method: 'pca', latentDim: 2, count: POINTS, points, codes: points },
    samples: { ...samples, count: POINTS, values, labels, sourceNames: Array.from({ length: POINTS }, (_, i) => `sample ${i}`) },
  };
}

function serve(renderDashboardHtml, createNonce) {
  let origin = '';
  const server = createServer((request, response) => {
    const url = new URL(request.url, origin);
    if (url.pathname === '/index.html') {
      const asset = (file) => `${origin}/webview/${file}`;
      const html = renderDashboardHtml({ cspSource: origin, nonce: createNonce(), scriptUri: asset('main.js'), styleUri: asset('main.css'), codiconsUri: asset('codicon.css'), view: 'dashboard' });
      return void response.writeHead(200, { 'content-type': 'text/html' }).end(html);
    }
    try {
      const type = url.pathname.endsWith('.js') ? 'text/javascript' : url.pathname.endsWith('.css') ? 'text/css' : 'application/octet-stream';
      const body = readFileSync(join(root, 'dist/webview', basename(url.pathname)));
      response.writeHead(200, { 'content-type': type }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, origin: (origin = `http://127.0.0.1:${server.address().port}`) })));
}

// --no-native-base64 removes Uint8Array.fromBase64, as in VS Code builds on Chromium < 140, to time the JS decoder.
const NATIVE_BASE64 = !process.argv.includes('--no-native-base64');
const STUB = `window.acquireVsCodeApi = () => ({ postMessage() {}, getState: () => ({ view: 'latent' }), setState() {} });${NATIVE_BASE64 ? '' : ' delete Uint8Array.fromBase64;'}`;

/** One measurement inside the page: data message -> drawn points, pointer move -> hover card, wheel -> redraw. */
async function measure(page, data) {
  await page.evaluate((d) => (window.__benchData = d), data);
  return page.evaluate(async (count) => {
    const frame = () => new Promise(requestAnimationFrame);
    const until = async (check) => {
      while (!check()) await frame();
      return performance.now();
    };
    const canvas = document.querySelector('canvas.latent-points');
    window.postMessage({ type: 'SET_DATA', data: { run: null, latent: null, samples: null } }, '*');
    await until(() => canvas.dataset.drawn === undefined || document.querySelector('.latent-view:not(.has-data)'));
    delete canvas.dataset.drawn;
    const t0 = performance.now();
    window.postMessage({ type: 'SET_DATA', data: window.__benchData }, '*');
    const drawn = await until(() => canvas.dataset.drawn === String(count));
    // Find a drawn pixel (outside the timing), then hover it.
    const context = canvas.getContext('2d');
    const { data, width } = context.getImageData(0, 0, canvas.width, canvas.height);
    let target = 0;
    for (let i = Math.floor(data.length / 8) * 4; i < data.length; i += 4) if (data[i + 3] > 200) { target = i / 4; break; }
    const box = canvas.getBoundingClientRect();
    const [x, y] = [box.left + (target % width) + 1, box.top + Math.floor(target / width) + 1];
    const tooltip = document.querySelector('.latent-tooltip');
    const t2 = performance.now();
    canvas.parentElement.parentElement.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, pointerId: 1, bubbles: true }));
    const hovered = await until(() => !tooltip.hidden);
    // A new epoch: only the latent message changes (thumbnails are already loaded).
    delete canvas.dataset.drawn;
    const t6 = performance.now();
    window.postMessage({ type: 'SET_DATA', data: { latent: window.__benchData.latent } }, '*');
    const updated = await until(() => canvas.dataset.drawn === String(count));
    const before = canvas.toDataURL().length;
    const t4 = performance.now();
    canvas.parentElement.parentElement.dispatchEvent(new WheelEvent('wheel', { clientX: x, clientY: y, deltaY: -200, bubbles: true, cancelable: true }));
    await frame();
    const zoomed = performance.now();
    return { render: drawn - t0, hover: hovered - t2, update: updated - t6, zoom: zoomed - t4, changed: canvas.toDataURL().length !== before };
  }, POINTS);
}

const { renderDashboardHtml, createNonce, decodeTyped, encodeTypedArrays } = await bundleHostHelpers();
await buildWebview();
// As the host sends it: typed arrays as base64 tags, so the timing includes decoding them in the page.
const data = encodeTypedArrays(benchData(decodeTyped));
const { server, origin } = await serve(renderDashboardHtml, createNonce);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript({ content: STUB });
  await page.goto(`${origin}/index.html`);
  await page.waitForSelector('canvas.latent-points', { state: 'attached' });
  const results = [];
  for (let run = 0; run < RUNS; run++) results.push(await measure(page, data));
  const median = (key) => results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
  const round = (ms) => Math.round(ms * 10) / 10;
  console.log(`latent scatter, ${POINTS} points, median of ${RUNS} runs (headless Chromium, ${process.arch}, ${NATIVE_BASE64 ? 'native' : 'JS'} base64):`);
  console.log(`  data message (points + ${POINTS} thumbnails) -> points drawn: ${round(median('render'))} ms`);
  console.log(`  pointer move -> hover card:   ${round(median('hover'))} ms`);
  console.log(`  render + hover:               ${round(median('render') + median('hover'))} ms (target < 200 ms)`);
  console.log(`  next epoch (points only) -> points drawn: ${round(median('update'))} ms`);
  console.log(`  wheel zoom -> redrawn frame:  ${round(median('zoom'))} ms`);
  if (!results.every((r) => r.changed)) console.log('  warning: a zoom did not change the picture');
  if (process.argv.includes('--screenshot')) {
    await page.evaluate(() => document.querySelector('.latent-canvas').dispatchEvent(new MouseEvent('dblclick', { bubbles: true })));
    await page.screenshot({ path: join(root, 'test-output/webview/latent-10k.png') });
    console.log('  screenshot: test-output/webview/latent-10k.png');
  }
} finally {
  await browser.close();
  server.close();
}
