// Features: how well simple classifiers and clustering do on the codes, beside the same on the raw inputs.
import type { FeaturesSection } from '../../../src/protocol/evaluation';
import { h, section } from '../shared/dom';
import { formatCount } from '../shared/format';
import { cardRow, metricCard } from './metricCard';

export function featuresSection(f: FeaturesSection): HTMLElement {
  const spec = (key: string, name: string) => ({ key, name, unit: 'fraction' as const, higherIsBetter: true });
  const raw = (value: number) => [{ name: 'raw', value }];
  const about = h('p', {
    className: 'section-note',
    text: `Codes (${f.codes.dim} values) against raw inputs (${formatCount(f.raw.dim)} values): ${formatCount(f.trainSamples)} training → ${formatCount(f.validationSamples)} validation samples, ${f.classes} classes.`,
  });
  return section(
    'Features',
    about,
    cardRow(
      metricCard(spec('knn', `kNN accuracy (k = ${f.k})`), f.codes.knnAccuracy, raw(f.raw.knnAccuracy)),
      metricCard(spec('probe', 'Linear probe accuracy'), f.codes.linearProbeAccuracy, raw(f.raw.linearProbeAccuracy)),
      metricCard(spec('nmi', 'k-means NMI'), f.codes.kmeansNmi, raw(f.raw.kmeansNmi)),
      metricCard(spec('ari', 'k-means ARI'), f.codes.kmeansAri, raw(f.raw.kmeansAri)),
    ),
  );
}
