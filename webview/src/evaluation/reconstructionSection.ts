// Reconstruction: the model's errors beside PCA's (and, for denoising, the noisy input's), and per class.
import type { Evaluation, ReconstructionMetrics } from '../../../src/protocol/evaluation';
import { h, replaceChildren, section } from '../shared/dom';
import { groupedBars } from './bars';
import { formatMetric } from './formatMetric';
import { cardRow, metricCard, type MetricSpec } from './metricCard';

type MetricKey = keyof ReconstructionMetrics;

const SPECS: (MetricSpec & { key: MetricKey })[] = [
  { key: 'psnr', name: 'PSNR', unit: 'dB', higherIsBetter: true },
  { key: 'ssim', name: 'SSIM', unit: 'fraction', higherIsBetter: true },
  { key: 'mse', name: 'MSE', unit: 'loss', higherIsBetter: false },
  { key: 'mae', name: 'MAE', unit: 'loss', higherIsBetter: false },
  { key: 'bce', name: 'BCE', unit: 'loss', higherIsBetter: false },
];

export function reconstructionSection(e: Evaluation): HTMLElement {
  const { model, pca, noisyInput, corruption, perClass } = e.reconstruction;
  // Metrics the run has (no PSNR/SSIM for tables, no BCE outside [0, 1]).
  const specs = SPECS.filter((spec) => model[spec.key] !== null);
  const cards = specs.map((spec) =>
    metricCard(spec, model[spec.key], [
      { name: 'PCA', value: pca?.[spec.key] },
      { name: 'noisy input', value: noisyInput?.[spec.key] },
    ]),
  );
  const about = h('p', { className: 'section-note', text: corruption ? `Denoising: the model and PCA see inputs corrupted by ${corruption}; scores are against the clean targets.` : `PCA keeps ${e.latentDim} components, as many as the code has.` });
  return section('Reconstruction', about, cardRow(...cards), perClass?.length ? perClassBlock(perClass, specs) : null);
}

function perClassBlock(rows: NonNullable<Evaluation['reconstruction']['perClass']>, specs: MetricSpec[]): HTMLElement {
  const select = h('vscode-single-select', { className: 'per-class-metric', attrs: { 'aria-label': 'Per-class metric' } });
  // MSE first (the select shows its first option): every run has it.
  const options = [...specs].sort((a, b) => Number(b.key === 'mse') - Number(a.key === 'mse'));
  select.append(...options.map((spec) => h('vscode-option', { text: spec.name, attrs: { value: spec.key } })));
  const bars = h('div', { className: 'per-class-bars' });
  const draw = () => {
    const spec = options.find((s) => s.key === select.value) ?? options[0];
    const key = spec.key as MetricKey;
    const data = rows.map((row) => ({ label: `${row.label} (${row.count})`, values: [row.model[key], row.pca?.[key] ?? null] }));
    replaceChildren(bars, groupedBars(data, ['model', 'PCA'], (v) => formatMetric(v, spec.unit), `${spec.name} per class, model and PCA`));
  };
  select.addEventListener('change', draw);
  draw();
  return h('div', { className: 'per-class' }, h('h4', { className: 'subsection-title', text: 'Per class' }), h('div', { className: 'toolbar' }, h('label', { className: 'field' }, h('span', { text: 'Metric' }), select)), bars);
}
