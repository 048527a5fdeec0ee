// The sample's anomaly score against the run's threshold: a bar with a threshold mark, and the verdict in words
// (the theme's error colour when flagged).
import { h } from '../shared/dom';
import { formatLoss } from '../shared/format';

export function scoreMeter(score: number | undefined, threshold: number | null | undefined, flagged: boolean | undefined): HTMLElement {
  if (score === undefined) return h('div', { className: 'score-meter', text: 'No score for this sample.' });
  const hasThreshold = threshold !== null && threshold !== undefined && Number.isFinite(threshold);
  const isFlagged = flagged ?? (hasThreshold && score > threshold);
  // The bar spans twice the threshold, so the mark sits in the middle and a flagged score fills past it.
  const span = hasThreshold && threshold > 0 ? 2 * threshold : Math.max(score, 1e-12);
  const fill = h('div', { className: 'score-fill' });
  fill.style.width = `${Math.min(100, (100 * score) / span)}%`;
  const track = h('div', { className: 'score-track' }, fill);
  if (hasThreshold) {
    const mark = h('div', { className: 'score-threshold', title: `threshold ${formatLoss(threshold)}` });
    mark.style.left = `${Math.min(100, (100 * threshold) / span)}%`;
    track.append(mark);
  }
  const verdict = !hasThreshold ? 'this run has no threshold' : isFlagged ? 'flagged: above the threshold' : 'not flagged';
  const element = h(
    'div',
    { className: `score-meter ${isFlagged ? 'flagged' : 'normal'}` },
    h('div', { className: 'score-text' }, h('span', { className: 'score-value', text: `score ${formatLoss(score)}` }), h('span', { className: 'score-against', text: hasThreshold ? ` · threshold ${formatLoss(threshold)}` : '' }), h('span', { className: 'score-verdict', text: ` · ${verdict}` })),
    track,
  );
  element.dataset.flagged = String(isFlagged);
  return element;
}
