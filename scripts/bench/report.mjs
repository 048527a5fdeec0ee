// Renders the bench results as docs/benchmarks.md.
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release } from 'node:os';
import { cpuDescription, renderPeerSections } from './peerReport.mjs';

const fmt = (n, digits = 0) => (n == null ? '—' : Number(n).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const check = (ok) => (ok ? '✅' : '❌');

function trainingTable(results, targets) {
  const rows = results.training.map((r) => {
    const target = targets.samplesPerSecond[r.backend]?.[r.model];
    const ratio = r.gflops ? r.gflops / r.roofline_gflops : undefined;
    const vsTarget = target ? `≥ ${fmt(target)} ${r.samples_per_second ? check(r.samples_per_second >= target) : ''}` : '';
    const single = r.single_thread_samples_per_second ? fmt(r.single_thread_samples_per_second) : '—';
    return `| ${r.model} | ${r.backend} | ${r.replicas ?? '—'} | ${r.note ? r.note : fmt(r.samples_per_second)} | ${single} | ${fmt(r.gflops, 2)} | ${fmt(r.roofline_gflops, 2)} | ${ratio ? fmt(ratio, 2) : '—'} | ${vsTarget} |`;
  });
  const missing = results.unavailable.map((u) => `| — | ${u.backend} | — | ${u.reason ?? u.type}${u.after_s ? ` after ${u.after_s} s` : ''} | | | | | |`);
  return ['| Model | Backend | Threads | Samples/s | Samples/s on 1 thread | GFLOP/s | matMul roofline GFLOP/s | Ratio | Target |', '|---|---|---:|---:|---:|---:|---:|---:|---|', ...rows, ...missing].join('\n');
}

function hostTable({ activation, activationDevelopment, eventloop }, targets) {
  const rows = [];
  if (activation?.type === 'activation' && activation.first_use_ms !== undefined) {
    const times = (a) => `${fmt(a.require_ms, 1)} + ${fmt(a.activate_ms, 1)} = ${fmt(a.total_ms, 1)} ms (${fmt(a.total_ms_range[0], 1)}–${fmt(a.total_ms_range[1], 1)})`;
    rows.push(`| Host bundles, production build | extension.js ${fmt(activation.extension_js_bytes / 1024, 1)} KB (activation), extensionCore.js ${fmt(activation.core_js_bytes / 1024)} KB (first use) | |`);
    rows.push(`| TensorFlow.js in the host (bundles / loaded) | ${activation.tfjs_in_bundle ? 'yes' : 'no'} / ${activation.tfjs_loaded ? 'yes' : 'no'} | no ${check(!activation.tfjs_in_bundle && !activation.tfjs_loaded)} |`);
    rows.push(`| Activation, production build: load extension.js + activate() | ${times(activation)} | < ${targets.activationMs} ms ${check(activation.total_ms < targets.activationMs)} |`);
    rows.push(`| First use after activation, production build: load extensionCore.js and start it | ${fmt(activation.first_use_ms, 1)} ms | |`);
    if (activationDevelopment?.type === 'activation') {
      rows.push(`| Activation, development build (\`npm run build\`, ${fmt(activationDevelopment.extension_js_bytes / 1024, 1)} KB + ${fmt(activationDevelopment.core_js_bytes / 1024)} KB) | ${times(activationDevelopment)}; first use ${fmt(activationDevelopment.first_use_ms, 1)} ms | |`);
    }
  } else rows.push(`| Activation | ${JSON.stringify(activation)} | |`);
  if (eventloop?.type === 'eventloop') {
    rows.push(`| Event-loop delay while a trainer streams, p50 / p99 / max | ${fmt(eventloop.p50_ms, 1)} / ${fmt(eventloop.p99_ms, 1)} / ${fmt(eventloop.max_ms, 1)} ms (${fmt(eventloop.messages)} messages in ${fmt(eventloop.seconds, 1)} s, run ${eventloop.status}) | p99 < ${targets.eventLoopP99Ms} ms ${check(eventloop.p99_ms < targets.eventLoopP99Ms)} |`);
  } else rows.push(`| Event-loop delay | ${JSON.stringify(eventloop)} | |`);
  return ['| Measure | Value | Target |', '|---|---|---|', ...rows].join('\n');
}

function memoryTable({ memory, tensors }, targets) {
  const rows = [];
  if (memory?.type === 'memory') {
    rows.push(`| Peak trainer RSS (VmHWM), deep AE, ${fmt(memory.train_samples)} train of 60,000 images, ${memory.epochs} epochs | ${fmt(memory.peak_rss_mb)} MB (${memory.samples_per_second.map((v) => fmt(v)).join(', ')} samples/s per epoch including the epoch views; run ${memory.status}) | < ${fmt(targets.trainerRssMb)} MB ${check(memory.peak_rss_mb < targets.trainerRssMb)} |`);
  } else rows.push(`| Peak trainer RSS | ${memory?.reason ?? JSON.stringify(memory)} | |`);
  if (tensors?.type === 'tensors') {
    const flat = tensors.num_tensors.every((n) => n === tensors.num_tensors[0]);
    rows.push(`| numTensors after each epoch (same data, in-process) | ${tensors.num_tensors.join(', ')} (RSS ${tensors.rss_mb.join(', ')} MB) | flat ${check(flat)} |`);
  }
  return ['| Measure | Value | Target |', '|---|---|---|', ...rows].join('\n');
}

export function renderReport({ results, command, seconds, targets }) {
  const cpu = cpus();
  const machine = `${cpuDescription()}, ${cpu.length} cores, Node ${process.version}, Linux ${release()}`;
  return `# Benchmarks

Produced by \`${command}\` on ${results.run?.date ?? new Date().toISOString().slice(0, 10)} in ${seconds} s: ${machine}.
Load average at the end: ${(results.run?.loadavg ?? loadavg()).map((l) => l.toFixed(2)).join(', ')}. This is a shared machine: other jobs ran
at the same time, so absolute numbers vary from run to run by tens of percent.

## Training throughput

Batch 256 on MNIST-shaped data (the bundled 10,000 digits), through the project's own builders
(\`buildAutoencoder\` with the template's experiment) and training loop (\`trainLoop\`, with the data-parallel
replica threads it uses on wasm; "on 1 thread" is the same loop with replicas off). Samples/s is the median of
5 timed epochs after a warm-up epoch. GFLOP/s is samples/s times an analytic FLOP count per sample (dense and
conv layers only: forward, dX and dW; element-wise work is not counted). The roofline is the same backend's
\`matMul\` of 256x784 @ 784x128 on one thread (fastest of 40 runs, weights already packed); with two replica
threads the ceiling is about twice that, so the ratio can exceed 1.

${trainingTable(results, targets)}

${renderPeerSections(results)}
## Extension host

Activation: \`extension.js\` loaded cold with the \`vscode\` module stubbed, then \`activate()\` with a fake context,
on the production build the .vsix ships (minified, \`npm run package\`) and on the development build; the median
of ${results.host.activation?.runs ?? '—'} fresh processes each, with their range. Activation only registers; the code behind is
\`extensionCore.js\`, loaded and started at the first command or view (here: Refresh Runs right after activation), timed
as "first use". Event-loop delay: \`perf_hooks.monitorEventLoopDelay\` (1 ms resolution, so an
idle loop reads about 1 ms) in a process running \`TrainerProcess\` while a real trainer trains
\`examples/mnist-deep.ae.json\` for 3 epochs and streams its messages.

${hostTable(results.host, targets)}

## Trainer memory

${memoryTable(results.host, targets)}

${readFileSync(new URL('./levers.md', import.meta.url), 'utf8').trim()}
`;
}
