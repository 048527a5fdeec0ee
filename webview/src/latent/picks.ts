// Picked samples (A and B) shared by the latent view and the Generate view.
import type { DashboardData } from '../../../src/protocol/dashboardMessages';

/** Clicking a picked point un-picks it; a third pick replaces the oldest. */
export function togglePick(picks: number[], index: number): number[] {
  return picks.includes(index) ? picks.filter((p) => p !== index) : [...picks, index].slice(-2);
}

export function describeSample(data: Pick<DashboardData, 'samples'>, index: number): string {
  const samples = data.samples;
  const label = samples?.labels?.[index];
  const name = label === undefined ? '' : ` (${samples?.labelNames?.[label] ?? label})`;
  return `#${index}${name}`;
}
