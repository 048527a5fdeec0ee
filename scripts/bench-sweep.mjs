// `node scripts/bench-sweep.mjs [--epochs 3] [--limit 4000] [--backend wasm]` (after `npm run build`)
// What `aelab sweep --parallel` does to a sweep's total time on this machine: the same 2×2 grid on builtin:mnist,
// trained once with --parallel 1 (each run on every core) and once with --parallel 2 (two runs at once, the cores
// split between them), through the real CLI. Prints both wall times and their ratio. A measurement, not a test.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const epochs = Number(option('--epochs', '3'));
const limit = Number(option('--limit', '4000'));
const backend = option('--backend', 'wasm');
const cli = resolve(import.meta.dirname, '..', 'bin', 'aelab.js');
const say = (line) => process.stderr.write(`${line}\n`);

const workspace = mkdtempSync(join(tmpdir(), 'aelab-bench-sweep-'));
writeFileSync(
  join(workspace, 'grid.ae.json'),
  JSON.stringify({
    name: 'grid',
    kind: 'deep',
    data: { source: 'builtin:mnist', limit },
    model: { hidden: [128, 64] },
    training: { epochs, batchSize: 128, seed: 1 },
    sweep: { grid: { 'model.latentDim': [8, 32], 'training.learningRate': [0.002, 0.0005] } },
  }),
);

/** One sweep through the CLI; resolves with its wall time and the per-run training seconds from sweep.json. */
function sweep(parallel) {
  const runsDir = join(workspace, `runs-parallel-${parallel}`);
  const began = process.hrtime.bigint();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, 'sweep', 'grid.ae.json', '--runs-dir', runsDir, '--backend', backend, '--parallel', String(parallel)], { cwd: workspace, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - began) / 1e9;
      if (code !== 0) return fail(new Error(`aelab sweep --parallel ${parallel} exited ${code}:\n${stderr}`));
      const sweepDir = readdirSync(runsDir).find((name) => name.includes('-sweep-'));
      const { runs } = JSON.parse(readFileSync(join(runsDir, sweepDir, 'sweep.json'), 'utf8'));
      // Where a run's time goes: its epochs (metrics.jsonl) against its whole life (start, data, evaluation at the end).
      const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
      const training = mean(runs.map((row) => readFileSync(join(runsDir, row.runId, 'metrics.jsonl'), 'utf8').trim().split('\n').reduce((sum, line) => sum + JSON.parse(line).seconds, 0)));
      const lifetime = mean(runs.map((row) => {
        const summary = JSON.parse(readFileSync(join(runsDir, row.runId, 'summary.json'), 'utf8'));
        return (Date.parse(summary.endedAt) - Date.parse(summary.startedAt)) / 1000;
      }));
      // The machine may be shared: the 1-minute load average at the end says how busy it was meanwhile.
      done({ parallel, seconds, threads: runs[0].final.threads ?? 1, training, lifetime, load: loadavg()[0] });
    });
  });
}

say(`2×2 grid (deep, builtin:mnist, limit ${limit}, ${epochs} epochs, ${backend}) on ${availableParallelism()} cores`);
try {
  const results = [];
  for (const parallel of [1, 2]) {
    const result = await sweep(parallel);
    say(`--parallel ${parallel}: ${result.seconds.toFixed(1)} s total, ${result.threads} thread(s) per run; a run took ${result.lifetime.toFixed(1)} s on average, ${result.training.toFixed(1)} s of it in its epochs (load average ${result.load.toFixed(1)})`);
    results.push(result);
  }
  const [one, two] = results;
  say(`ratio (--parallel 2 / --parallel 1): ${(two.seconds / one.seconds).toFixed(2)}`);
  process.stdout.write(`${JSON.stringify({ cores: availableParallelism(), backend, epochs, limit, parallel1Seconds: one.seconds, parallel2Seconds: two.seconds, ratio: two.seconds / one.seconds, threads: { parallel1: one.threads, parallel2: two.threads }, runSeconds: { parallel1: one.lifetime, parallel2: two.lifetime }, epochSeconds: { parallel1: one.training, parallel2: two.training }, load: { parallel1: one.load, parallel2: two.load } })}\n`);
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
