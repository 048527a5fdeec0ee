import { describe, expect, it } from 'vitest';
import { ceilingShareColumns, CEILING_SHAPE } from '../../../scripts/bench/ceilingShare.mjs';
import { renderPeerSections } from '../../../scripts/bench/peerReport.mjs';

const FLOPS = 1_000_000; // 1 MFLOP per sample: samples/s / 1000 = GFLOP/s
const ceilings = [
  { type: 'wasm-ceiling', threads: 1, gflops: 30 },
  { type: 'wasm-ceiling', threads: 2, gflops: 60 },
];
const gemm = (threads: number, gflops: number) => ({ type: 'native-gemm', shape: CEILING_SHAPE, threads, gflops });
const peerAt = (network: string, threads: number, samples: number) => ({ type: 'peer-throughput', network, threads, samples_per_second: samples });

describe('the verdict against PyTorch, by ratio or by share of each ceiling', () => {
  it('meets a target by the ratio alone when ours is fast enough', () => {
    const row = { model: 'conv', backend: 'wasm', samples_per_second: 2_000, replicas: 2, flops_per_sample: FLOPS };
    const peer = [peerAt('conv', 2, 1_000), gemm(2, 150)];
    expect(ceilingShareColumns(row, ceilings, peer)).toMatchObject({ target_ratio: 1, target_met: 'ratio' });
  });

  it('compares each stack at its own best thread count with its ceiling at that count', () => {
    // Ours: 12,000 on 1 thread beats 10,000 on 2 → 12 GFLOP/s of 30 = 0.4. PyTorch: 30,000 on 2 threads → 30 of 150 = 0.2.
    const row = { model: 'deep', backend: 'wasm', samples_per_second: 10_000, single_thread_samples_per_second: 12_000, replicas: 2, flops_per_sample: FLOPS };
    const peer = [peerAt('deep', 1, 20_000), peerAt('deep', 2, 30_000), gemm(1, 100), gemm(2, 150)];
    expect(ceilingShareColumns(row, ceilings, peer)).toEqual({
      target_ratio: 1,
      ratio_at_ceiling: 2, // 60 GFLOP/s = 60,000 samples/s against its 30,000
      gflops_best: 12,
      ceiling_gflops: 30,
      share_of_ceiling: 0.4,
      peer_gflops: 30,
      peer_ceiling_gflops: 150,
      peer_share_of_ceiling: 0.2,
      target_met: 'ceiling share',
    });
  });

  it('scales the share needed by the network’s target, and fails when neither test holds', () => {
    // Denoiser target 0.8: ours 0.15 of our ceiling, PyTorch 0.2 of its own → needs 0.16.
    const row = { model: 'denoising', backend: 'wasm', samples_per_second: 9_000, replicas: 2, flops_per_sample: FLOPS };
    const peer = [peerAt('denoising', 2, 30_000), gemm(2, 150)];
    expect(ceilingShareColumns(row, ceilings, peer)).toMatchObject({ target_ratio: 0.8, share_of_ceiling: 0.15, peer_share_of_ceiling: 0.2, target_met: null });
    expect(ceilingShareColumns({ ...row, samples_per_second: 9_700 }, ceilings, peer)).toMatchObject({ target_met: 'ceiling share' });
  });

  it('lets only the ratio decide where the native ceiling is not above ours', () => {
    const row = { model: 'vae', backend: 'wasm', samples_per_second: 3_000, replicas: 2, flops_per_sample: FLOPS };
    // Our share 0.05 against its 0.1 (4 of 40): no; with its ceiling below our 60 the share test does not apply either.
    expect(ceilingShareColumns(row, ceilings, [peerAt('vae', 2, 4_000), gemm(2, 40)])).toMatchObject({ share_of_ceiling: 0.05, peer_share_of_ceiling: 0.1, target_met: null });
    // Our share 0.05 against its 0.04 (2.4 of 60, an equal ceiling): still the ratio, 3,000 / 2,400, that decides.
    expect(ceilingShareColumns(row, ceilings, [peerAt('vae', 2, 2_400), gemm(2, 60)])).toMatchObject({ target_met: 'ratio' });
    expect(ceilingShareColumns(row, ceilings, [peerAt('vae', 2, 3_500), gemm(2, 60)])).toMatchObject({ share_of_ceiling: 0.05, peer_share_of_ceiling: 0.06, target_met: null });
  });

  it('gives no verdict without the peer, and shows the table in docs/benchmarks.md when there is one', () => {
    const row = { model: 'deep', backend: 'wasm', samples_per_second: 10_000, replicas: 2, flops_per_sample: FLOPS };
    expect(ceilingShareColumns(row, ceilings, [])).toEqual({ target_ratio: 1, target_met: null });
    const peer = [peerAt('deep', 2, 40_000), gemm(2, 200)];
    const markdown = renderPeerSections({ training: [row], rooflines: [], ceilings, quality: {}, scaling: [], peer: { results: peer } });
    expect(markdown).toContain('| deep | ≥ 1.0 | 0.25 | 1.50 | 10.0 / 60.0 = **0.17** | 40.0 / 200.0 = **0.20** | ≥ 0.20 | ❌ |');
  });
});
