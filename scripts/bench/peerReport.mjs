// The sections of docs/benchmarks.md that set our numbers against PyTorch and the machine's arithmetic ceilings.
import { readFileSync } from 'node:fs';
import { CEILING_SHAPE, ceilingShareColumns } from './ceilingShare.mjs';
import { bestPeer, oursBest, oursBestThreads, peerColumns, peerMissing } from './peerResults.mjs';

const fmt = (n, digits = 0) => (n == null ? '—' : Number(n).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const plural = (n) => `${n} thread${n > 1 ? 's' : ''}`;

/** The CPU's model name and the vector extensions that set a native GEMM's width, from /proc/cpuinfo. */
export function cpuDescription() {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const model = /^model name\s*:\s*(.+)$/m.exec(info)?.[1] ?? 'unknown CPU';
    const flags = new Set((/^flags\s*:\s*(.+)$/m.exec(info)?.[1] ?? '').split(' '));
    const vector = ['avx2', 'fma', 'avx512f'].filter((f) => flags.has(f));
    return `${model} (${vector.length ? vector.join(', ') : 'no AVX2'})`;
  } catch {
    return 'unknown CPU (no /proc/cpuinfo)';
  }
}

function peerTable(results) {
  const peer = results.peer.results;
  const missing = peerMissing(peer);
  const wasm = results.training.filter((r) => r.backend === 'wasm' && r.samples_per_second);
  const rows = wasm.map((r) => {
    const at = (threads) => peer.find((p) => p.type === 'peer-throughput' && p.network === r.model && p.threads === threads)?.samples_per_second;
    const best = bestPeer(r.model, peer);
    const ours = oursBest(r);
    return `| ${r.model} | ${fmt(ours)} (${plural(oursBestThreads(r))}) | ${fmt(at(1))} | ${fmt(at(2))} | ${best ? `${fmt(best.samples_per_second)} (${plural(best.threads)})` : '—'} | ${best ? `**${fmt(ours / best.samples_per_second, 2)}**` : '—'} |`;
  });
  const table = ['| Network | Ours, wasm, best | PyTorch 1 thread | PyTorch 2 threads | PyTorch best | Ratio ours / PyTorch |', '|---|---:|---:|---:|---:|---:|', ...rows].join('\n');
  return missing ? `${table}\n\n${missing.startsWith('PyTorch') ? `peer: ${missing}` : missing}` : table;
}

function targetTable(results) {
  const peer = results.peer.results;
  const wasm = results.training.filter((r) => r.backend === 'wasm' && r.samples_per_second);
  const rows = wasm.map((r) => {
    const c = ceilingShareColumns(r, results.ceilings, peer);
    if (c.target_ratio === null || c.gflops_best === undefined) return undefined;
    const met = c.target_met === 'ratio' ? '✅ by ratio' : c.target_met === 'ceiling share' ? '✅ by ceiling share' : '❌';
    const share = (gflops, ceiling, s) => `${fmt(gflops, 1)} / ${fmt(ceiling, 1)} = **${fmt(s, 2)}**`;
    return `| ${r.model} | ≥ ${fmt(c.target_ratio, 1)} | ${fmt(peerColumns(r, peer).ratio_to_peer, 2)} | ${fmt(c.ratio_at_ceiling, 2)} | ${share(c.gflops_best, c.ceiling_gflops, c.share_of_ceiling)} | ${share(c.peer_gflops, c.peer_ceiling_gflops, c.peer_share_of_ceiling)} | ≥ ${c.peer_share_of_ceiling == null ? '—' : fmt(c.target_ratio * c.peer_share_of_ceiling, 2)} | ${met} |`;
  }).filter(Boolean);
  if (!rows.length) return 'No verdict: the peer or the ceilings were not measured.';
  return [
    `The issue's targets: ours / PyTorch ≥ 1.0 on the deep AE, conv AE and VAE and ≥ 0.8 on the conv denoiser and conv-VAE; on a machine whose native ceiling is above ours, at least PyTorch's share of its own ceiling (times the same target). Each stack's GFLOP/s at its best thread setting (the same FLOP count per sample) is divided by its ceiling at that thread count, both measured on the GEMM ${CEILING_SHAPE} (next section): ours the wasm \`matMul\` with every thread at once, PyTorch's numpy's GEMM. The two tests agree where the ceilings are equal. "Ratio at our ceiling" is what ours / PyTorch would be if every FLOP of our step ran at our best wasm \`matMul\` ceiling and nothing else took time: where it is below the target, the ratio cannot be reached with 128-bit WebAssembly SIMD on this CPU, however fast the rest of the step.`,
    '',
    '| Network | Target ratio | Ratio | Ratio at our ceiling | Ours: GFLOP/s / wasm ceiling = share | PyTorch: GFLOP/s / native ceiling = share | Share needed | Target |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}

function ceilingTable(results) {
  const peer = results.peer.results;
  const roofline = results.rooflines.find((r) => r.backend === 'wasm');
  const threads = [...new Set([...results.ceilings.filter((c) => c.type === 'wasm-ceiling').map((c) => c.threads), ...peer.filter((p) => p.type === 'native-gemm').map((p) => p.threads)])].sort((a, b) => a - b);
  const row = (label, pick) => `| ${label} | ${threads.map((t) => fmt(pick(t), 2)).join(' | ')} |`;
  const gemm = (shape) => (t) => peer.find((p) => p.type === 'native-gemm' && p.threads === t && p.shape === shape)?.gflops;
  const shapes = [...new Set(peer.filter((p) => p.type === 'native-gemm').map((p) => p.shape))];
  const rows = [
    `| wasm \`matMul\` 256x784 @ 784x128, fastest of 40 on the bench's thread | ${threads.map((t) => (t === 1 ? fmt(roofline?.roofline_gflops, 2) : '')).join(' | ')} |`,
    row('wasm `matMul` 256x784 @ 784x128, one wasm instance per thread, all at once (summed, best 1 s window of 5)', (t) => results.ceilings.find((c) => c.type === 'wasm-ceiling' && c.threads === t)?.gflops),
    ...shapes.map((shape) => row(`numpy float32 GEMM ${shape} (fastest of 10)`, gemm(shape))),
  ];
  const blas = peer.find((p) => p.type === 'native-gemm');
  const info = peer.find((p) => p.type === 'peer-info');
  const libraries = blas ? `numpy's BLAS: ${blas.numpy_blas}; PyTorch: ${blas.torch_blas}${info ? `, run by ${info.python}` : ''}.` : `No native GEMM: ${peerMissing(peer) ?? 'not measured'}.`;
  return [`CPU: ${cpuDescription()}. ${libraries}`, '', `| GFLOP/s | ${threads.map(plural).join(' | ')} |`, `|---|${threads.map(() => '---:').join('|')}|`, ...rows].join('\n');
}

function qualityTable(results) {
  const ours = results.quality.ours;
  const peer = results.peer.results.find((p) => p.type === 'peer-quality');
  const line = (label, q) => {
    if (!q || q.type === 'timeout' || q.type === 'crashed' || q.reached === undefined) return `| ${label} | ${q ? `${q.type}${q.after_s ? ` after ${q.after_s} s` : ''}` : 'not measured'} | | | |`;
    return `| ${label} | ${q.reached ? `**${fmt(q.seconds, 1)} s**` : `not reached in ${q.epochs} epochs (${fmt(q.seconds, 1)} s)`} | ${q.epochs} | ${fmt(q.val_loss, 4)} | ${plural(q.threads)} |`;
  };
  const ratio = ours?.reached && peer?.reached ? `\n\nPyTorch's time / ours: **${fmt(peer.seconds / ours.seconds, 2)}** (above 1: we get there first).` : '';
  const split = ours?.train_samples ? `${fmt(ours.train_samples)} train and ${fmt(ours.validation_samples)} validation samples` : 'the trainer\'s split';
  return [`The deep AE template (784-128-64-32, batch 256, Adam 1e-3, seed 42) on builtin:mnist split as a run splits it (${split}), validation BCE after every epoch; seconds from the start of training to the end of the epoch that reached it. Ours: \`trainLoop\` with its replica threads; PyTorch: the same split order, at its faster thread setting for the deep AE.`, '', '| | Seconds to validation BCE ≤ 0.14 | Epochs | Validation BCE then | Threads |', '|---|---:|---:|---:|---|', line('Autoencoder Lab (wasm)', ours), line('PyTorch', peer)].join('\n') + ratio;
}

function scalingTable(results) {
  const ours = results.scaling.filter((s) => s.type === 'scaling');
  const peer = results.peer.results.filter((p) => p.type === 'peer-scaling');
  const keys = [...new Set([...ours, ...peer].map((s) => `${s.samples}|${s.threads}`))].map((k) => k.split('|').map(Number)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const random = [...ours, ...peer].some((s) => String(s.data).startsWith('random:'));
  const rows = keys.map(([samples, threads]) => {
    const o = ours.find((s) => s.samples === samples && s.threads === threads);
    const p = peer.find((s) => s.samples === samples && s.threads === threads);
    const us = (s) => (s ? fmt(1e6 / s.samples_per_second, 1) : '—');
    return `| ${fmt(samples)} | ${threads} | ${fmt(o?.samples_per_second)} | ${us(o)} | ${fmt(p?.samples_per_second)} | ${us(p)} |`;
  });
  const failed = results.scaling.filter((s) => s.type === 'timeout' || s.type === 'crashed').map((s) => `ours: ${s.type}${s.after_s ? ` after ${s.after_s} s` : ''}`);
  return [
    `The deep AE, full epochs over the whole set (a warm-up epoch, then the median of three), 10,000 bundled MNIST digits and 60,000 ${random ? 'MNIST-shaped uniform random images (Fashion-MNIST is not installed here)' : 'Fashion-MNIST images'}. Our threads are replica threads; PyTorch's are \`torch.set_num_threads\` (OpenBLAS on one thread). Flat µs/sample down a column of the same thread count means the cost per sample does not grow with the data.`,
    '',
    '| Samples | Threads | Ours samples/s | Ours µs/sample | PyTorch samples/s | PyTorch µs/sample |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows,
    ...(failed.length ? ['', failed.join('; ')] : []),
  ].join('\n');
}

export function renderPeerSections(results) {
  return `## Against PyTorch on the same CPU

The same networks written in PyTorch (\`scripts/bench/peer/pytorch_peer.py\`: the templates' layers, activations,
TensorFlow's 'same' padding, Glorot-uniform init, Adam 1e-3 with epsilon 1e-7, BCE mean or, for the VAEs, summed
over pixels plus KL; the denoiser adds 0.5·N(0, 1) noise clipped to [0, 1]), trained at batch 256 on the same 10,000
digits, measured like ours: the median samples/s of 5 timed epochs after a warm-up epoch (1.5 s per epoch instead of
our 2.5 s), at 1 thread (\`OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1\`) and 2 threads (\`OMP_NUM_THREADS=2
OPENBLAS_NUM_THREADS=1\`, so the two pools do not oversubscribe the cores). Ours is the better of the replica threads
and the one-thread loop from the table above; the ratio is ours / PyTorch's best (above 1: we are faster).

${peerTable(results)}

### Against the targets

${targetTable(results)}

## Arithmetic ceilings

What the two stacks could reach at most on this machine: our wasm \`matMul\` (WebAssembly SIMD is 128 bits wide)
and a native float32 GEMM through numpy on OpenBLAS (256/512-bit FMAs where the CPU has them).

${ceilingTable(results)}

## Time to quality

${qualityTable(results)}

## Scaling

${scalingTable(results)}
`;
}
