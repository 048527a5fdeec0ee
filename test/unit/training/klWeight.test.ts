// KL warm-up and cyclical β for the VAE kinds: the beta logged each epoch follows the schedule, and it is the weight
// the VAE's loss gives its KL term: loss = recon_loss + beta * kl_loss, for the training and the validation losses.
import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../../src/protocol/trainerMessages';
import { aidsExperiment, trainInProcess } from './trainInProcess';

const vae = (name: string, epochs: number, training: object, beta: number) =>
  aidsExperiment(name, { epochs, learningRate: 0.002, ...training }, { kind: 'vae', data: { source: 'builtin:mnist', validationSplit: 0.25, limit: 128 }, model: { hidden: [32], latentDim: 4, beta } });

/** The losses and their parts are float32 sums over batches, rounded to 6 decimals: equal to about 1e-6, relatively. */
function expectWeightedLoss(metrics: EpochMetrics[]): void {
  const near = (actual: number, expected: number, what: string) => expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThan(1e-6 * Math.abs(expected) + 1e-5);
  for (const m of metrics) {
    const beta = m.beta!;
    near(m.loss, m.recon_loss! + beta * m.kl_loss!, `loss of epoch ${m.epoch}`);
    near(m.val_loss!, m.val_recon_loss! + beta * m.val_kl_loss!, `val_loss of epoch ${m.epoch}`);
  }
}

describe('KL weight schedules', () => {
  it('klWarmup: beta rises linearly from 0 at epoch 1 to model.beta after the warm-up, and the loss uses it', async () => {
    const { metrics, summary } = await trainInProcess(vae('warmup', 5, { klWarmup: 3 }, 2));
    expect(summary.status).toBe('completed');
    expect(metrics.map((m) => m.beta)).toEqual([0, 2 / 3, 4 / 3, 2, 2]);
    expect(metrics.every((m) => m.kl_loss! > 0)).toBe(true);
    expectWeightedLoss(metrics);
  }, 60_000);

  it('klCycle (Fu et al. 2019): beta rises over the first `ratio` of each cycle, then holds model.beta', async () => {
    const { metrics } = await trainInProcess(vae('cycle', 6, { klCycle: { cycles: 2, ratio: 0.5 } }, 1));
    expect(metrics.map((m) => m.beta)).toEqual([0, 2 / 3, 1, 0, 2 / 3, 1]);
    expectWeightedLoss(metrics);
  }, 60_000);

  it('without a schedule a VAE logs its constant beta (the beta-vae default, 4)', async () => {
    const { metrics } = await trainInProcess({ ...vae('constant', 2, {}, 4), kind: 'beta-vae', model: { hidden: [32], latentDim: 4 } });
    expect(metrics.map((m) => m.beta)).toEqual([4, 4]);
    expectWeightedLoss(metrics);
  }, 60_000);

  it('a kind without a KL term logs no beta', async () => {
    const { metrics } = await trainInProcess(aidsExperiment('deep', { epochs: 1 }, { data: { source: 'builtin:mnist', validationSplit: 0.25, limit: 128 } }));
    expect(metrics[0]).not.toHaveProperty('beta');
    expect(metrics[0].lr).toBe(0.01);
  }, 60_000);
});
