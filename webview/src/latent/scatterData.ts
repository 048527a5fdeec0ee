// Prepares latent points for drawing: grouped by label, with a spatial index for hover.
import type { LatentCodes, ValidationSamples } from '../../../src/protocol/dashboardMessages';
import type { ScatterData } from './scatterLayers';
import { SpatialGrid } from './spatialGrid';

export interface PreparedScatter extends ScatterData {
  grid: SpatialGrid;
  labels: Int32Array | undefined;
}

export function prepareScatter(latent: LatentCodes, samples: ValidationSamples | null, hidden: Set<number>): PreparedScatter {
  const count = Math.min(latent.count, Math.floor(latent.points.length / 2));
  const labels = samples?.labels && samples.labels.length >= count ? samples.labels : undefined;
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const label = labels ? labels[i] : 0;
    (byLabel.get(label) ?? byLabel.set(label, []).get(label)!).push(i);
  }
  const groups = [...byLabel.entries()].sort(([a], [b]) => a - b).map(([label, indices]) => ({ label, indices: Int32Array.from(indices) }));
  return { points: latent.points, count, groups, hidden, labels, grid: new SpatialGrid(latent.points, count) };
}
