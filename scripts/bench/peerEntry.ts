// The PyTorch side of `npm run bench`, run in a child process (bundled by scripts/bench.mjs):
//   peer <pytorch_peer.py> <mnist images .gz> <large images .gz | random:N> <network,...>
// The native GEMM ceiling, each network's samples/s at 1 and 2 threads, time to quality of the deep AE on the
// trainer's own split, and the deep AE's scaling over threads and dataset size. One `BENCH {json}` line per result.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededPermutation } from '../../src/trainer/data/split';
import { benchThreadCounts, findTorchPeer, runPeer, type TorchPeer } from './peer/torchPeer';
import { QUALITY } from './timeToQuality';

const emit = (result: object) => process.stdout.write(`BENCH ${JSON.stringify(result)}\n`);
const log = (line: string) => process.stderr.write(`${line}\n`);
/** Shorter repetitions than ours (2.5 s): the peer runs every network twice, and the bench has a time budget. */
const PEER_SECONDS_PER_REP = '1.5';
const MNIST_COUNT = 10_000;

function attempt(what: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(`  peer ${what} failed: ${reason}`);
    emit({ type: 'peer-failed', what, reason });
  }
}

function peerBench(peer: TorchPeer, mnist: string, large: string, networks: string[]): void {
  emit({ type: 'peer-info', python: peer.python, torch_version: peer.torchVersion });
  for (const threads of benchThreadCounts()) {
    attempt(`gemm on ${threads} threads`, () => {
      for (const r of runPeer(peer, ['gemm'], 1, { blasThreads: threads })) emit({ type: 'native-gemm', ...r, threads });
    });
  }
  const best = new Map<string, { samplesPerSecond: number; threads: number }>();
  for (const threads of [1, 2]) {
    log(`  PyTorch, ${threads} thread${threads > 1 ? 's' : ''}: ${networks.join(', ')}`);
    attempt(`throughput on ${threads} threads`, () => {
      for (const r of runPeer(peer, ['throughput', mnist, '--networks', networks.join(','), '--seconds-per-rep', PEER_SECONDS_PER_REP], threads)) {
        emit({ type: 'peer-throughput', ...r });
        const speed = Number(r.samples_per_second);
        if (speed > (best.get(`${r.network}`)?.samplesPerSecond ?? 0)) best.set(`${r.network}`, { samplesPerSecond: speed, threads });
      }
    });
  }
  const bestDeepThreads = best.get('deep')?.threads ?? 1;
  log(`  PyTorch time to validation BCE ${QUALITY.target} (deep AE, ${bestDeepThreads} thread${bestDeepThreads > 1 ? 's' : ''})`);
  const dir = mkdtempSync(join(tmpdir(), 'aelab-peer-'));
  try {
    const permutation = join(dir, 'permutation.i32');
    writeFileSync(permutation, seededPermutation(MNIST_COUNT, QUALITY.seed));
    attempt('time to quality', () => {
      const args = ['quality', mnist, permutation, '--target', String(QUALITY.target), '--max-epochs', String(QUALITY.maxEpochs), '--validation-split', String(QUALITY.validationSplit)];
      for (const r of runPeer(peer, args, bestDeepThreads)) emit({ type: 'peer-quality', ...r });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const [label, images] of [[`${MNIST_COUNT}`, mnist], ['large', large]]) {
    for (const threads of benchThreadCounts()) {
      log(`  PyTorch scaling: deep AE, ${label === 'large' ? large : 'MNIST 10k'}, ${threads} thread${threads > 1 ? 's' : ''}`);
      attempt(`scaling on ${threads} threads`, () => {
        for (const r of runPeer(peer, ['throughput', images, '--networks', 'deep', '--full-epochs', '--reps', '3'], threads)) emit({ type: 'peer-scaling', data: images.startsWith('random:') ? images : label === 'large' ? 'large' : 'mnist', samples: r.samples_per_rep, ...r });
      });
    }
  }
}

function main(): void {
  const [command, script, mnist, large, networks] = process.argv.slice(2);
  if (command !== 'peer') throw new Error(`unknown peer bench command ${command}`);
  const peer = findTorchPeer(script);
  if ('reason' in peer) {
    log(`  peer: ${peer.reason}`);
    emit({ type: 'peer-unavailable', reason: peer.reason });
    return;
  }
  log(`  peer: ${peer.python}, torch ${peer.torchVersion}`);
  peerBench(peer, mnist, large, networks.split(','));
}

try {
  main();
  process.exit(0);
} catch (error) {
  log(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exit(1);
}
