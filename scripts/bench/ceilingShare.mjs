// Issue 19's verdict per network: our samples/s over PyTorch's must reach a target ratio, or, where the native
// ceiling is above ours, each stack's share of its own arithmetic ceiling is compared instead. The two are the same
// test scaled by the ceilings: ratio ≥ target ⇔ share ≥ target · peer share · (native ceiling / wasm ceiling).
import { bestPeer, oursBest, oursBestThreads } from './peerResults.mjs';

/** The ratio each network must reach against PyTorch (issue 19): 1.0 for the three, 0.8 for the conv denoiser and conv-VAE. */
export const PEER_RATIO_TARGETS = { deep: 1, conv: 1, vae: 1, denoising: 0.8, 'conv-vae': 0.8 };
/** Both ceilings are measured on this GEMM, the deep AE's widest layer at batch 256. */
export const CEILING_SHAPE = '256x784 @ 784x128';

const round2 = (n) => Math.round(n * 100) / 100;

/** Our wasm matMul ceiling at a thread count: every thread running its own instance at once, summed. */
function wasmCeiling(ceilings, threads) {
  return ceilings.find((c) => c.type === 'wasm-ceiling' && c.threads === threads)?.gflops;
}

function nativeCeiling(peerResults, threads) {
  return peerResults.find((p) => p.type === 'native-gemm' && p.shape === CEILING_SHAPE && p.threads === threads)?.gflops;
}

/**
 * For one wasm training row: both stacks' GFLOP/s at their best thread setting (the same FLOP count per sample, the
 * networks being the same), the ceiling at that thread count, the shares, the target and how it was met
 * ("ratio", "ceiling share", or null when neither holds; undefined values when something was not measured), and
 * the ratio a step made only of products at our best ceiling would reach: below the target, no kernel work can meet it.
 */
export function ceilingShareColumns(row, ceilings, peerResults) {
  const target = PEER_RATIO_TARGETS[row.model];
  const ours = oursBest(row);
  const peer = bestPeer(row.model, peerResults);
  if (target === undefined || !ours || !peer || !row.flops_per_sample) return { target_ratio: target ?? null, target_met: null };
  const oursGflops = (ours * row.flops_per_sample) / 1e9;
  const peerGflops = (peer.samples_per_second * row.flops_per_sample) / 1e9;
  const ceiling = wasmCeiling(ceilings, oursBestThreads(row));
  const peerCeiling = nativeCeiling(peerResults, peer.threads);
  const ratio = ours / peer.samples_per_second;
  const share = ceiling ? oursGflops / ceiling : undefined;
  const peerShare = peerCeiling ? peerGflops / peerCeiling : undefined;
  // The second clause applies only where the native ceiling is above ours; elsewhere the ratio alone decides.
  const nativeAbove = ceiling !== undefined && peerCeiling !== undefined && peerCeiling > ceiling;
  const byShare = nativeAbove && share !== undefined && peerShare !== undefined && share >= target * peerShare;
  // The most any of our thread settings could reach: the whole step at the wasm matMul ceiling, nothing else.
  const bestCeiling = Math.max(0, ...ceilings.filter((c) => c.type === 'wasm-ceiling').map((c) => c.gflops));
  return {
    target_ratio: target,
    ratio_at_ceiling: bestCeiling ? round2((bestCeiling * 1e9) / row.flops_per_sample / peer.samples_per_second) : null,
    gflops_best: round2(oursGflops),
    ceiling_gflops: ceiling ?? null,
    share_of_ceiling: share === undefined ? null : round2(share),
    peer_gflops: round2(peerGflops),
    peer_ceiling_gflops: peerCeiling ?? null,
    peer_share_of_ceiling: peerShare === undefined ? null : round2(peerShare),
    target_met: ratio >= target ? 'ratio' : byShare ? 'ceiling share' : null,
  };
}
