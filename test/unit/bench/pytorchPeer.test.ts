// The bench's PyTorch peer (scripts/bench/peer/pytorch_peer.py) trains the same networks as our templates: same
// parameter counts, the same forward loss on identical weights; its results have the shape the bench reads; and a
// missing PyTorch is reported with the reason, not a failure. Nothing here measures time.
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerColumns, peerMissing } from '../../../scripts/bench/peerResults.mjs';
import { renderPeerSections } from '../../../scripts/bench/peerReport.mjs';
import { benchThreadCounts, findTorchPeer, peerEnvironment, runPeer, type TorchPeer } from '../../../scripts/bench/peer/torchPeer';
import { benchExperiment } from '../../../scripts/bench/trainingThroughput';
import { loadBuiltinDataset } from '../../../src/trainer/data/builtin';
import { seededPermutation } from '../../../src/trainer/data/split';
import { buildAutoencoder } from '../../../src/trainer/models/buildAutoencoder';

const ROOT = join(__dirname, '..', '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'bench', 'peer', 'pytorch_peer.py');
const NETWORKS = ['deep', 'conv', 'vae', 'denoising', 'conv-vae'];
const MNIST = join(ROOT, 'dist', 'data', 'mnist-10k-images.idx3-ubyte.gz');

let peer: TorchPeer;
let dir: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const found = findTorchPeer(SCRIPT);
  // CI installs Debian's python3-torch (scripts/install-test-deps.sh): a missing torch is a broken setup here.
  if ('reason' in found) throw new Error(found.reason);
  peer = found;
  dir = mkdtempSync(join(tmpdir(), 'aelab-peer-test-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ourNetwork(template: string) {
  return buildAutoencoder(benchExperiment(template)!, [28, 28, 1]);
}

describe('the PyTorch peer mirrors our templates', () => {
  it('has the same parameter count per network', () => {
    const theirs = Object.fromEntries(runPeer(peer, ['params'], 1).map((r) => [r.network, r.parameters]));
    for (const template of NETWORKS) {
      const ours = ourNetwork(template);
      expect([template, ours.encoder.countParams() + ours.decoder.countParams()]).toEqual([template, theirs[template]]);
      ours.encoder.dispose();
      ours.decoder.dispose();
    }
    // The templates' published counts, so a change on both sides at once is still noticed.
    expect(theirs).toMatchObject({ conv: 4_385, denoising: 28_353, 'conv-vae': 69_076 + 65_089 });
  });

  it.each(NETWORKS)('computes the same forward loss and output as ours on identical weights (%s)', (template) => {
    const ours = ourNetwork(template);
    const digits = loadBuiltinDataset('builtin:mnist');
    const input = tf.tensor(digits.x.subarray(0, 16 * 784), [16, 28, 28, 1]);
    const weights = [...ours.encoder.getWeights(), ...ours.decoder.getWeights()].map((w) => w.arraySync());
    const loss = tf.tidy(() => ours.loss(input, input, false).total.dataSync()[0]);
    // Then every weight tripled, so that the outputs move far from 0.5 and a misaligned padding or flatten order shows
    // (the loss is compared before: saturated outputs meet BCE's clipping, which differs between the two).
    for (const model of [ours.encoder, ours.decoder]) model.setWeights(model.getWeights().map((w) => w.mul(3)));
    const firstOutput = tf.tidy(() => Array.from(ours.reconstruct(input.slice(0, 1)).dataSync()));
    const file = join(dir, `${template}.json`);
    writeFileSync(file, JSON.stringify({ network: template, weights, input: input.reshape([16, 784]).arraySync(), output_weight_scale: 3 }));
    const [theirs] = runPeer(peer, ['loss', file], 1);
    expect(theirs.network).toBe(template);
    expect(Math.abs((theirs.loss as number) - loss) / loss).toBeLessThan(1e-4);
    const gaps = (theirs.first_output as number[]).map((v, i) => Math.abs(v - firstOutput[i]));
    expect(gaps.length).toBe(784);
    expect(Math.max(...gaps)).toBeLessThan(1e-4);
    input.dispose();
    ours.encoder.dispose();
    ours.decoder.dispose();
  });

  it('reports throughput with the fields the bench reads, one line per network', () => {
    const results = runPeer(peer, ['throughput', 'random:600', '--networks', 'deep,vae', '--reps', '1', '--full-epochs'], 2);
    expect(results.map((r) => r.network)).toEqual(['deep', 'vae']);
    for (const r of results) {
      expect(Object.keys(r).sort()).toEqual(['network', 'reps', 'samples_per_rep', 'samples_per_second', 'threads']);
      expect(r).toMatchObject({ threads: 2, samples_per_rep: 600, reps: 1 });
      expect(r.samples_per_second).toBeGreaterThan(0);
    }
  });

  it('trains the deep AE on the split it is given and reports time to quality with the fields the bench reads', () => {
    const permutation = join(dir, 'permutation.i32');
    writeFileSync(permutation, seededPermutation(10_000, 42));
    const [result] = runPeer(peer, ['quality', MNIST, permutation, '--max-epochs', '1', '--target', '0.01'], 1);
    expect(result).toMatchObject({ reached: false, epochs: 1, threads: 1, train_samples: 9_000, validation_samples: 1_000 });
    expect(result.val_loss).toBeGreaterThan(0.01);
    writeFileSync(permutation, seededPermutation(10, 42));
    expect(() => runPeer(peer, ['quality', MNIST, permutation], 1)).toThrow(/permutation\.i32: expected 10000 indices, got 10/);
    expect(() => runPeer(peer, ['quality', MNIST, permutation, '--max-epochs', '0'], 1)).toThrow(/--max-epochs must be at least 1, got 0/);
  });

  it('refuses a bad thread count and a file that is not IDX images with the script and what was expected', () => {
    expect(() => runPeer(peer, ['params'], 0)).toThrow(/pytorch_peer\.py: --threads must be at least 1, got 0/);
    const notIdx = join(dir, 'not-idx');
    writeFileSync(notIdx, Buffer.alloc(32, 1));
    expect(() => runPeer(peer, ['throughput', notIdx], 1)).toThrow(/expected an IDX image file \(magic 2051\)/);
  });
});

describe('the bench reading the peer', () => {
  const ours = { model: 'deep', backend: 'wasm', samples_per_second: 9_000, single_thread_samples_per_second: 12_000, replicas: 2 };

  it('adds PyTorch’s best thread setting and ours-best / PyTorch-best to a wasm row', () => {
    const peerResults = [
      { type: 'peer-throughput', network: 'deep', samples_per_second: 20_000, threads: 1 },
      { type: 'peer-throughput', network: 'deep', samples_per_second: 24_000, threads: 2 },
      { type: 'peer-throughput', network: 'vae', samples_per_second: 1, threads: 2 },
    ];
    expect(peerColumns(ours, peerResults)).toEqual({ peer_samples_per_second: 24_000, peer_threads: 2, ratio_to_peer: 0.5 });
  });

  it('says why when PyTorch is missing, in the JSON and in docs/benchmarks.md', () => {
    const previous = process.env.AELAB_PYTHON;
    process.env.AELAB_PYTHON = '/nonexistent/python3';
    try {
      const missing = findTorchPeer(SCRIPT);
      expect(missing).toEqual({ reason: expect.stringMatching(/^PyTorch not available: \/nonexistent\/python3: .*ENOENT/) });
      const peerResults = [{ type: 'peer-unavailable', reason: (missing as { reason: string }).reason }];
      expect(peerColumns(ours, peerResults)).toMatchObject({ peer_samples_per_second: null, ratio_to_peer: null, peer_note: expect.stringMatching(/^PyTorch not available/) });
      const markdown = renderPeerSections({ training: [ours], rooflines: [], ceilings: [], quality: {}, scaling: [], peer: { results: peerResults } });
      expect(markdown).toContain('peer: PyTorch not available: /nonexistent/python3');
      expect(markdown).toContain('No native GEMM: PyTorch not available');
    } finally {
      if (previous === undefined) delete process.env.AELAB_PYTHON;
      else process.env.AELAB_PYTHON = previous;
    }
  });

  it('names a peer that was not run at all', () => {
    expect(peerMissing([])).toMatch(/not run/);
  });

  it('keeps torch on OpenMP threads and OpenBLAS on one, unless asked (numpy GEMM)', () => {
    expect(peerEnvironment(2)).toMatchObject({ OMP_NUM_THREADS: '2', OPENBLAS_NUM_THREADS: '1' });
    expect(peerEnvironment(1, 2)).toMatchObject({ OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '2' });
    expect(benchThreadCounts(1)).toEqual([1]);
    expect(benchThreadCounts(2)).toEqual([1, 2]);
    expect(benchThreadCounts(6)).toEqual([1, 2, 4, 6]);
    expect(benchThreadCounts(64)).toEqual([1, 2, 4, 8]);
  });
});
