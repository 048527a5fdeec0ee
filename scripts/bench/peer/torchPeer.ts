// Runs scripts/bench/peer/pytorch_peer.py (the same networks in PyTorch) with a thread setting, and reads its results.
// The interpreter is findTorchPython()'s; a machine without torch gets a reason instead of a failure.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { findTorchPython } from '../../../src/templates/python/torchPython';

export interface TorchPeer {
  python: string;
  torchVersion: string;
  script: string;
}

/** The peer, or why it cannot run: "PyTorch not available: <each interpreter's reason>". */
export function findTorchPeer(script: string): TorchPeer | { reason: string } {
  const reasons: string[] = [];
  const found = findTorchPython(reasons);
  if (!found) return { reason: `PyTorch not available: ${reasons.join('; ')}` };
  return { python: found.python, torchVersion: found.torchVersion, script };
}

/**
 * Environment for `threads` torch threads. Torch's own pool is OpenMP; OpenBLAS (torch's GEMM here) must then stay
 * on one thread or the two pools oversubscribe the cores. numpy's GEMM has no OpenMP pool: it gets `blasThreads`.
 */
export function peerEnvironment(threads: number, blasThreads = 1): NodeJS.ProcessEnv {
  return { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(blasThreads), MKL_NUM_THREADS: String(blasThreads) };
}

/** Runs one peer command; resolves with its `PEER {json}` results, throws with the script's last error line. */
export function runPeer(peer: TorchPeer, command: string[], threads: number, options: { blasThreads?: number; timeoutMs?: number } = {}): Record<string, unknown>[] {
  const run = spawnSync(peer.python, [peer.script, '--threads', String(threads), ...command], {
    encoding: 'utf8',
    env: peerEnvironment(threads, options.blasThreads),
    timeout: options.timeoutMs ?? 300_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) {
    const why = run.error?.message ?? run.stderr.trim().split('\n').at(-1) ?? `exit ${run.status}`;
    throw new Error(`${peer.script} ${command[0]} (${threads} threads): ${why}`);
  }
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('PEER '))
    .map((line) => JSON.parse(line.slice(5)) as Record<string, unknown>);
}

/** 1, 2, 4 ... up to the machine's cores (and its core count itself), at most 8: the thread counts the bench sweeps. */
export function benchThreadCounts(cores = availableParallelism()): number[] {
  const counts = new Set<number>([1]);
  for (let t = 2; t <= Math.min(cores, 8); t *= 2) counts.add(t);
  counts.add(Math.min(cores, 8));
  return [...counts].sort((a, b) => a - b);
}
