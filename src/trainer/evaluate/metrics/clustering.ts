// Agreement between a clustering and the true labels, from their contingency table: normalised mutual information
// (arithmetic-mean normalisation, scikit-learn's default) and the adjusted Rand index (Hubert & Arabie 1985).
// Hand-written: the ml.js family has neither, and both are a few lines over the table.

interface Contingency {
  /** table[i][j]: samples with label i (dense index) and cluster j (dense index). */
  table: number[][];
  rowSums: number[];
  colSums: number[];
  n: number;
}

function denseIndex(values: ArrayLike<number>): { index: Int32Array; size: number } {
  const ids = new Map<number, number>();
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let id = ids.get(values[i]);
    if (id === undefined) {
      id = ids.size;
      ids.set(values[i], id);
    }
    index[i] = id;
  }
  return { index, size: ids.size };
}

function contingency(labels: ArrayLike<number>, clusters: ArrayLike<number>): Contingency {
  if (labels.length !== clusters.length) {
    throw new Error(`labels (${labels.length}) and clusters (${clusters.length}) must have the same length`);
  }
  if (labels.length === 0) throw new Error('cannot compare clusterings of no samples');
  const a = denseIndex(labels);
  const b = denseIndex(clusters);
  const table = Array.from({ length: a.size }, () => new Array<number>(b.size).fill(0));
  const rowSums = new Array<number>(a.size).fill(0);
  const colSums = new Array<number>(b.size).fill(0);
  for (let i = 0; i < labels.length; i++) {
    table[a.index[i]][b.index[i]]++;
    rowSums[a.index[i]]++;
    colSums[b.index[i]]++;
  }
  return { table, rowSums, colSums, n: labels.length };
}

function entropy(counts: number[], n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/** NMI = I(labels; clusters) / ((H(labels) + H(clusters)) / 2), in [0, 1]. */
export function normalizedMutualInfo(labels: ArrayLike<number>, clusters: ArrayLike<number>): number {
  const { table, rowSums, colSums, n } = contingency(labels, clusters);
  // Both partitions a single block: the ratio is 0/0 and they agree perfectly (scikit-learn returns 1 too).
  const hLabels = entropy(rowSums, n);
  const hClusters = entropy(colSums, n);
  if (hLabels === 0 && hClusters === 0) return 1;
  let mi = 0;
  for (let i = 0; i < table.length; i++) {
    for (let j = 0; j < table[i].length; j++) {
      const nij = table[i][j];
      if (nij > 0) mi += (nij / n) * Math.log((n * nij) / (rowSums[i] * colSums[j]));
    }
  }
  const nmi = mi / ((hLabels + hClusters) / 2);
  return Math.min(1, Math.max(0, nmi));
}

const pairs = (m: number): number => (m * (m - 1)) / 2;

/** ARI = (Σ C(n_ij,2) − expected) / (mean of Σ C(a_i,2) and Σ C(b_j,2) − expected); 1 for identical partitions. */
export function adjustedRandIndex(labels: ArrayLike<number>, clusters: ArrayLike<number>): number {
  const { table, rowSums, colSums, n } = contingency(labels, clusters);
  if (n < 2) return 1;
  let index = 0;
  for (const row of table) for (const nij of row) index += pairs(nij);
  const sumRows = rowSums.reduce((s, a) => s + pairs(a), 0);
  const sumCols = colSums.reduce((s, b) => s + pairs(b), 0);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  // Both partitions trivial in the same way (all one block, or all singletons): they agree perfectly.
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
