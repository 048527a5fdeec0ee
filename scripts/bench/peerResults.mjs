// The PyTorch peer's results (BENCH lines of scripts/bench/peerEntry.ts) as the bench's JSON columns.

/** The peer's best samples/s for a network over its thread settings, or undefined. */
export function bestPeer(network, peerResults) {
  const runs = peerResults.filter((r) => r.type === 'peer-throughput' && r.network === network);
  return runs.reduce((best, r) => (!best || r.samples_per_second > best.samples_per_second ? r : best), undefined);
}

/** Why there is no peer, when there is none: "PyTorch not available: ..." or a failed step. */
export function peerMissing(peerResults) {
  if (!peerResults.length) return 'peer: not run (--no-peer, or the bench ran out of time)';
  const unavailable = peerResults.find((r) => r.type === 'peer-unavailable');
  if (unavailable) return unavailable.reason;
  const failed = peerResults.filter((r) => r.type === 'peer-failed' || r.type === 'timeout' || r.type === 'crashed');
  return failed.length ? `peer ${failed.map((f) => f.reason ?? `${f.type}${f.after_s ? ` after ${f.after_s} s` : ''}`).join('; ')}` : undefined;
}

/** Our best samples/s on a row: the replica threads or the one-thread loop, whichever was faster. */
export function oursBest(row) {
  return Math.max(row.samples_per_second ?? 0, row.single_thread_samples_per_second ?? 0) || undefined;
}

/** The threads of our best: the replica threads when they were faster, else the one-thread loop. */
export function oursBestThreads(row) {
  return oursBest(row) === row.samples_per_second ? (row.replicas ?? 1) : 1;
}

/** peer_samples_per_second, peer_threads and ratio_to_peer (ours best / peer best) for one wasm training row. */
export function peerColumns(row, peerResults) {
  const peer = bestPeer(row.model, peerResults);
  const ours = oursBest(row);
  if (!peer) return { peer_samples_per_second: null, peer_threads: null, ratio_to_peer: null, peer_note: peerMissing(peerResults) ?? `no PyTorch result for ${row.model}` };
  return { peer_samples_per_second: peer.samples_per_second, peer_threads: peer.threads, ratio_to_peer: ours ? Math.round((ours / peer.samples_per_second) * 100) / 100 : null };
}
