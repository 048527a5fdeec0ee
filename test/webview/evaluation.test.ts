// Evaluation view on hand-written evaluation.json fixtures (each checked against the schema): metric cards with their
// baselines, the ROC curve with the run's threshold marked, per-class bars, the VAE's active units, and the empty state.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluationJsonReviver, evaluationSchema, type Evaluation } from '../../src/protocol/evaluation';
import { operatingPoint } from '../../webview/src/evaluation/rocData';
import { FIXTURE_RUNS, FIXTURES, fixtureRunId, loadFixture } from './harness/fixtures';
import { useBrowser } from './harness/lifecycle';
import type { OpenWebview } from './harness/openWebview';
import { findColoredPixel, inkPixels } from './harness/pixels';

const openWebview = useBrowser();

const FILES = {
  oneClass: join(FIXTURE_RUNS, fixtureRunId('deep-mnist'), 'evaluation.json'),
  small: join(FIXTURE_RUNS, fixtureRunId('deep-mnist-small'), 'evaluation.json'),
  denoising: join(FIXTURE_RUNS, fixtureRunId('denoising-mnist'), 'evaluation.json'),
  vae: join(FIXTURES, 'evaluation-vae-mnist.json'),
};

function loadEvaluation(file: string): Evaluation {
  const parsed = evaluationSchema.safeParse(JSON.parse(readFileSync(file, 'utf8'), evaluationJsonReviver));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

async function showEvaluation(view: OpenWebview, evaluation: Evaluation): Promise<void> {
  await view.feed([{ type: 'evaluation', evaluation }]);
  await view.showView('evaluation');
}

const card = (view: OpenWebview, metric: string) => {
  const element = view.page.locator(`.metric-card[data-metric="${metric}"]`);
  return {
    value: () => element.locator('.metric-value').textContent(),
    baselines: () => element.locator('.metric-baselines').textContent(),
    verdicts: () => element.locator('.metric-verdict').allTextContents(),
    detail: () => element.locator('.metric-detail').textContent(),
  };
};

describe('evaluation fixtures', () => {
  it('pass the evaluation.json schema', () => {
    for (const file of Object.values(FILES)) expect(() => loadEvaluation(file), file).not.toThrow();
  });
});

describe('evaluation view', () => {
  it('shows cards beside their baselines, the ROC curve with the run threshold, and bars per class', async () => {
    const evaluation = loadEvaluation(FILES.oneClass);
    const view = await openWebview();
    await view.feed(loadFixture('deep-mnist').messages);
    await showEvaluation(view, evaluation);

    const psnr = card(view, 'psnr');
    expect(await psnr.value()).toBe('17.8 dB');
    expect(await psnr.baselines()).toBe('PCA 16.8 dB');
    expect(await psnr.verdicts()).toEqual(['+1.1 dB vs PCA, better']);
    expect(await card(view, 'mse').verdicts()).toEqual(['−20% vs PCA, better']);
    const auroc = card(view, 'auroc');
    expect(await auroc.value()).toBe('0.991');
    expect(await auroc.baselines()).toBe('PCA 0.950');
    expect(await auroc.verdicts()).toEqual(['+0.041 vs PCA, better']);
    const knn = card(view, 'knn');
    expect(await knn.value()).toBe('0.935');
    expect(await knn.verdicts()).toEqual(['+0.020 vs raw, better']);
    expect(await view.page.locator('.metric-card[data-metric="nll"]').count()).toBe(0);

    // The ROC chart: curves drawn, and the run's threshold marked where its counts put it on the curve.
    const canvas = view.page.locator('.roc canvas');
    expect(await inkPixels(canvas)).toBeGreaterThan(1000);
    expect(await view.page.locator('.roc').getAttribute('aria-label')).toContain('run threshold at FPR 0.00, TPR 0.91');
    const anomaly = evaluation.anomaly!;
    const point = operatingPoint(anomaly.model.atThreshold!, anomaly.normalCount, anomaly.anomalyCount);
    const plot = (await view.page.locator('.roc .u-over').boundingBox())!;
    const origin = (await canvas.boundingBox())!;
    const expected = { x: plot.x - origin.x + point.fpr * plot.width, y: plot.y - origin.y + (1 - point.tpr) * plot.height };
    // Dark theme's --vscode-charts-red; the first red pixel is the top of the marker (radius ~5 px).
    const red = await findColoredPixel(canvas, [0xf1, 0x4c, 0x4c]);
    expect(red).not.toBeNull();
    expect(Math.abs(red![0] - expected.x)).toBeLessThan(8);
    expect(Math.abs(red![1] - expected.y)).toBeLessThan(8);
    expect(await view.page.locator('.threshold-table vscode-table-row').count()).toBe(4);
    expect(await view.page.locator('.threshold-table vscode-table-row').first().locator('vscode-table-cell').allTextContents()).toEqual(['model · run threshold', '0.1279', '1.000', '0.911', '0.954', '164']);

    // One bar group per class, model beside PCA, switchable to another metric from the keyboard.
    const classes = evaluation.reconstruction.perClass!.length;
    expect(await view.page.locator('.per-class .bar-group').count()).toBe(classes);
    expect(await view.page.locator('.per-class .bar[data-series="model"]').count()).toBe(classes);
    expect(await view.page.locator('.per-class .bar[data-series="PCA"]').count()).toBe(classes);
    const firstValues = () => view.page.locator('.per-class .bar-group').first().locator('.bar-value').allTextContents();
    const firstClass = evaluation.reconstruction.perClass![0];
    expect(await firstValues()).toEqual([`model ${firstClass.model.mse.toPrecision(4)}`, `PCA ${firstClass.pca!.mse.toPrecision(4)}`]);
    const select = view.page.locator('vscode-single-select.per-class-metric');
    // Reachable from the keyboard: Tab gets there.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await view.page.keyboard.press('Tab');
      reached = await select.evaluate((s) => document.activeElement === s);
    }
    expect(reached).toBe(true);
    await select.evaluate((s) => {
      (s as HTMLElement & { value: string }).value = 'psnr';
      s.dispatchEvent(new Event('change'));
    });
    expect(await firstValues()).toEqual([`model ${firstClass.model.psnr!.toFixed(1)} dB`, `PCA ${firstClass.pca!.psnr!.toFixed(1)} dB`]);
    expect(await view.page.locator('.evaluation-notes li').allTextContents()).toEqual(evaluation.notes);
    await view.screenshot('evaluation');
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('shows ∞ for an exact reconstruction, which crosses the JSON transport as Infinity', async () => {
    const evaluation = loadEvaluation(FILES.small);
    evaluation.reconstruction.model = { ...evaluation.reconstruction.model, mse: 0, mae: 0, psnr: Infinity, ssim: 1 };
    const view = await openWebview();
    await showEvaluation(view, evaluation);
    const psnr = card(view, 'psnr');
    expect(await psnr.value()).toBe('∞');
    expect(await psnr.verdicts()).toEqual(['+∞ vs PCA, better']);
    expect(await card(view, 'ssim').value()).toBe('1.000');
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('says how to get an evaluation while the run has none', async () => {
    const view = await openWebview();
    await view.feed(loadFixture('deep-mnist').messages);
    await view.showView('evaluation');
    const empty = view.page.locator('.evaluation-view .empty-note');
    expect(await empty.isVisible()).toBe(true);
    expect(await empty.textContent()).toBe('Evaluation appears when training ends (or run aelab eval <run>).');
    expect(await view.page.locator('.evaluation-body').isVisible()).toBe(false);
    // It fills in when the trainer's evaluation message arrives.
    await view.feed([{ type: 'evaluation', evaluation: loadEvaluation(FILES.small) }]);
    expect(await empty.isVisible()).toBe(false);
    expect(await view.page.locator('.metric-card').count()).toBeGreaterThan(5);
    await view.close();
  });

  it('shows a VAE\'s likelihood, ELBO split, active units against the 0.01 line and KL per dimension', async () => {
    const evaluation = loadEvaluation(FILES.vae);
    const vae = evaluation.vae!;
    const view = await openWebview();
    await showEvaluation(view, evaluation);
    const nll = card(view, 'nll');
    expect(await nll.value()).toBe('98.3 nats');
    expect(await nll.detail()).toBe('importance-sampled, k = 100, bernoulli likelihood');
    expect(await card(view, 'elbo').detail()).toBe('70.1 nats reconstruction + 33.7 nats KL');
    expect(await card(view, 'active-units').value()).toBe('12 / 20');
    // Here the VAE loses to PCA at reconstruction: the card says so.
    expect(await card(view, 'psnr').verdicts()).toEqual(['−0.3 dB vs PCA, worse']);
    expect(await view.page.locator('.metric-verdict.worse').count()).toBeGreaterThan(0);

    const [variances, kl] = [view.page.locator('.column-bars').nth(0), view.page.locator('.column-bars').nth(1)];
    expect(await variances.locator('.column').count()).toBe(evaluation.latentDim);
    expect(await variances.locator('.column-bar.below').count()).toBe(vae.activeUnits.total - vae.activeUnits.count);
    expect(await variances.locator('.column-threshold-label').textContent()).toBe('0.01');
    // The line sits above every inactive unit's bar and below every active one's.
    const line = (await variances.locator('.column-threshold').boundingBox())!;
    const tops = await variances.locator('.column-bar').evaluateAll((bars) => bars.map((bar) => ({ below: bar.classList.contains('below'), top: bar.getBoundingClientRect().top })));
    for (const bar of tops) expect(bar.below ? bar.top >= line.y - 1 : bar.top < line.y).toBe(true);
    expect(await kl.locator('.column').count()).toBe(vae.klPerDimension.length);
    expect(await kl.locator('.column').first().getAttribute('aria-label')).toBe(`z0: ${vae.klPerDimension[0].toFixed(1)} nats`);
    expect(await view.page.locator('.roc').count()).toBe(0);
    await view.screenshot('evaluation-vae');
    expect(view.warnings).toEqual([]);
    await view.close();
  });

  it('shows a denoiser\'s gain over the noisy input, light theme', async () => {
    const evaluation = loadEvaluation(FILES.denoising);
    const view = await openWebview({ theme: 'light' });
    await view.feed(loadFixture('denoising-mnist').messages);
    await showEvaluation(view, evaluation);
    const psnr = card(view, 'psnr');
    expect(await psnr.value()).toBe('15.5 dB');
    expect(await psnr.baselines()).toBe('PCA 13.1 dB · noisy input 9.4 dB');
    expect(await psnr.verdicts()).toEqual(['+2.4 dB vs PCA, better', '+6.1 dB vs noisy input, better']);
    expect(await view.page.locator('.section-note').first().textContent()).toContain('gaussian σ 0.4');
    expect(await view.page.locator('.roc').count()).toBe(0);
    expect(await view.page.locator('.evaluation-notes li').first().textContent()).toBe('anomaly: skipped, the experiment names no evaluation.normalLabels');
    await view.screenshot('evaluation-denoising-light');
    expect(await view.cspViolations()).toEqual([]);
    expect(view.warnings).toEqual([]);
    await view.close();
  });
});
