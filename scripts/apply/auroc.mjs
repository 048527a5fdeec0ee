// Area under the ROC curve of anomaly scores: the probability that a random anomaly scores higher than a random normal
// sample, ties counting one half (the Mann-Whitney U statistic divided by positives x negatives).

/** `scores[i]` is sample i's score; `anomalous[i]` whether it is an anomaly. NaN when either class is empty. */
export function auroc(scores, anomalous) {
  const order = scores.map((score, i) => ({ score, positive: Boolean(anomalous[i]) })).sort((a, b) => a.score - b.score);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j].score === order[i].score) j++;
    const averageRank = (i + 1 + j) / 2; // ranks i+1 .. j share their mean
    for (let t = i; t < j; t++) {
      if (order[t].positive) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
