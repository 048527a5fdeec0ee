// VAE: the importance-sampled likelihood, the ELBO split, and how many latent units carry information.
import type { VaeSection } from '../../../src/protocol/evaluation';
import { h, section } from '../shared/dom';
import { formatLoss } from '../shared/format';
import { columnBars } from './bars';
import { formatMetric } from './formatMetric';
import { cardRow, metricCard } from './metricCard';

export function vaeSection(v: VaeSection): HTMLElement {
  const nats = (key: string, name: string) => ({ key, name, unit: 'nats' as const, higherIsBetter: false });
  const { activeUnits, elbo, klPerDimension } = v;
  const labels = activeUnits.variances.map((_, i) => `z${i}`);
  const units = metricCard({ key: 'active-units', name: 'Active units', unit: 'count', higherIsBetter: true }, activeUnits.count, [], `posterior-mean variance above ${activeUnits.threshold}`, `${activeUnits.count} / ${activeUnits.total}`);
  return section(
    'Likelihood (VAE)',
    cardRow(
      metricCard(nats('nll', 'NLL'), v.nll.value, [], `importance-sampled, k = ${v.nll.samples}, ${v.nll.likelihood} likelihood`),
      metricCard(nats('elbo', '−ELBO'), elbo.negativeElbo, [], `${formatMetric(elbo.reconstruction, 'nats')} reconstruction + ${formatMetric(elbo.kl, 'nats')} KL`),
      units,
    ),
    h('h4', { className: 'subsection-title', text: 'Posterior-mean variance per latent dimension' }),
    columnBars(activeUnits.variances, {
      labels,
      format: (value) => `variance ${formatLoss(value)}${value > activeUnits.threshold ? '' : ' (inactive)'}`,
      ariaLabel: `Posterior-mean variance per latent dimension, log scale; ${activeUnits.count} of ${activeUnits.total} above ${activeUnits.threshold}`,
      logFloor: 1e-4,
      threshold: { value: activeUnits.threshold, label: String(activeUnits.threshold) },
    }),
    h('h4', { className: 'subsection-title', text: 'KL per latent dimension' }),
    columnBars(klPerDimension, { labels, format: (value) => formatMetric(value, 'nats'), ariaLabel: 'Mean KL divergence per latent dimension, nats' }),
  );
}
