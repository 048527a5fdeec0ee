// `npm run bench [-- --json] [--models deep,conv,vae] [--backends node,wasm,cpu] [--no-host]`
// Training throughput per (model, backend) against the backend's own matMul roofline, extension-host cost
// (activation, event-loop delay while a real trainer streams) and trainer memory on 60,000 Fashion-MNIST images.
// Writes docs/benchmarks.md; with --json prints one JSON object per (model, backend) on stdout (the rest on stderr).
// A benchmark, not a test: nothing here fails on timing.
import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { renderReport } from './bench/report.mjs';
import { TARGETS } from './bench/targets.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const json = args.includes('--json');
const models = option('--models', 'deep,conv,vae').split(',');
const backends = option('--backends', 'node,wasm,cpu').split(',');
const withHost = !args.includes('--no-host');
const say = (line) => process.stderr.write(`${line}\n`);

const root = resolve(import.meta.dirname, '..');
const BUDGET_MS = 9.5 * 60_000;
const startedAt = Date.now();
const FASHION = '/usr/share/datasets/fashion-mnist';
const bundles = { bench: 'dist/.bench-entry.cjs', host: 'dist/.bench-host.cjs', worker: 'dist/.bench-replica-worker.cjs' };

async function bundle() {
  // In dist/, next to wasm/ and data/, which the bundled code finds relative to itself.
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], external: ['@tensorflow/tfjs-node', 'vscode'], logLevel: 'warning', absWorkingDir: root };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: ['scripts/bench/benchEntry.ts'], outfile: bundles.bench }),
    esbuild.build({ ...common, entryPoints: ['scripts/bench/hostEntry.ts'], outfile: bundles.host }),
    esbuild.build({ ...common, entryPoints: ['src/trainer/parallel/replicaWorker.ts'], outfile: bundles.worker }),
  ]);
}

/** Runs one bench child; resolves with its BENCH results (or a timeout note). */
function child(file, childArgs, capMs) {
  const timeoutMs = Math.max(10_000, Math.min(capMs, BUDGET_MS - (Date.now() - startedAt)));
  return new Promise((done) => {
    const proc = spawn(process.execPath, [join(root, file), ...childArgs], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const results = [];
    let buffered = '';
    proc.stdout.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) if (line.startsWith('BENCH ')) results.push(JSON.parse(line.slice(6)));
    });
    proc.stderr.on('data', (chunk) => String(chunk).split('\n').filter((l) => l.trim() && !/tfjs-node|====|Hi, looks like|visit https/.test(l)).forEach((l) => say(`    ${l}`)));
    const timer = setTimeout(() => {
      results.push({ type: 'timeout', after_s: Math.round(timeoutMs / 1000) });
      proc.kill('SIGKILL');
    }, timeoutMs);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      if (code && !results.some((r) => r.type === 'timeout')) results.push({ type: 'crashed', code });
      done(results);
    });
  });
}

function fashionExperiment(epochs) {
  return {
    name: 'bench-fashion-memory',
    kind: 'deep',
    data: { source: join(FASHION, 'train-images-idx3-ubyte.gz'), labels: join(FASHION, 'train-labels-idx1-ubyte.gz'), validationSplit: 0.1 },
    model: { hidden: [128, 64], latentDim: 32, activation: 'relu', outputActivation: 'sigmoid' },
    training: { epochs, batchSize: 256, learningRate: 0.001, optimizer: 'adam', loss: 'bce', seed: 42 },
  };
}

async function main() {
  say(`bundling the bench (${Object.values(bundles).join(', ')})`);
  await bundle();
  const results = { training: [], rooflines: [], unavailable: [], host: {} };
  for (const backend of backends) {
    say(`backend ${backend}:`);
    const cap = backend === 'cpu' ? 240_000 : 200_000;
    for (const r of await child(bundles.bench, ['train', backend, join(root, bundles.worker), ...models], cap)) {
      if (r.type === 'unavailable') say(`  not available: ${r.reason}`);
      if (r.type === 'unavailable' || r.type === 'timeout' || r.type === 'crashed') results.unavailable.push({ backend, ...r });
      if (r.type === 'roofline') results.rooflines.push(r);
      if (r.type === 'throughput') results.training.push(r);
    }
  }
  if (withHost) {
    say('extension host: activation');
    results.host.activation = (await child(bundles.host, ['activation', join(root, 'dist/extension.js'), root], 30_000))[0];
    say('extension host: event-loop delay while a real trainer streams (examples/mnist-deep.ae.json, 3 epochs)');
    results.host.eventloop = (await child(bundles.host, ['eventloop', join(root, 'dist/trainer.js'), join(root, 'examples/mnist-deep.ae.json'), '3'], 150_000))[0];
    if (existsSync(join(FASHION, 'train-images-idx3-ubyte.gz'))) {
      const dir = mkdtempSync(join(tmpdir(), 'aelab-bench-'));
      try {
        writeFileSync(join(dir, 'fashion.ae.json'), JSON.stringify(fashionExperiment(2)));
        say('memory: real trainer, deep AE on 60,000 Fashion-MNIST images, 2 epochs');
        results.host.memory = (await child(bundles.host, ['memory', join(root, 'dist/trainer.js'), join(dir, 'fashion.ae.json'), '2'], 180_000))[0];
        say('memory: numTensors per epoch, same data, in-process, 3 epochs');
        results.host.tensors = (await child(bundles.bench, ['tensors', join(dir, 'fashion.ae.json'), join(root, bundles.worker)], 180_000))[0];
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } else {
      results.host.memory = { type: 'skipped', reason: `Fashion-MNIST not found in ${FASHION} (apt-get install dataset-fashion-mnist)` };
    }
  }
  Object.values(bundles).forEach((file) => rmSync(join(root, file), { force: true }));

  const seconds = Math.round((Date.now() - startedAt) / 1000);
  const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
  const markdown = renderReport({ results, command, seconds, targets: TARGETS });
  writeFileSync(join(root, 'docs/benchmarks.md'), markdown);
  say(`wrote docs/benchmarks.md (${seconds} s)`);
  const rows = results.training.map((r) => ({ model: r.model, backend: r.backend, samples_per_second: r.samples_per_second ?? null, gflops: r.gflops ?? null, roofline_gflops: r.roofline_gflops, roofline_ratio: r.gflops ? Math.round((r.gflops / r.roofline_gflops) * 100) / 100 : null, replicas: r.replicas ?? null, ...(r.single_thread_samples_per_second ? { single_thread_samples_per_second: r.single_thread_samples_per_second } : {}), flops_per_sample: r.flops_per_sample ?? null, ...(r.note ? { note: r.note } : {}) }));
  if (json) {
    process.stderr.write(`\n${markdown}\n`);
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    process.stdout.write(`\n${markdown}\n`);
  }
}

main().catch((error) => {
  say(error.stack ?? String(error));
  process.exit(1);
});
