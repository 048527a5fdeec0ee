// The "Export flagged CSV" content: validation samples whose reconstruction error is above the threshold, worst first.
// Built on the host from its own copy of the errors, so the webview only chooses the threshold.
import type { DashboardData } from '../../protocol/dashboardMessages';
import { csvLine } from '../../protocol/csvField';

export function sampleName(data: Pick<DashboardData, 'samples'>, index: number): string {
  return data.samples?.sourceNames?.[index] ?? `validation sample ${index + 1}`;
}

export function flaggedCsv(data: Pick<DashboardData, 'errors' | 'samples'>, threshold: number): { csv: string; rows: number } | undefined {
  const errors = data.errors?.validation;
  if (!errors) return undefined;
  const labels = data.samples?.labels;
  const labelNames = data.samples?.labelNames;
  const flagged = [...errors.keys()].filter((i) => errors[i] > threshold).sort((a, b) => errors[b] - errors[a]);
  const lines = [csvLine(['index', 'source', 'label', 'error'])];
  for (const i of flagged) {
    const label = labels ? (labelNames?.[labels[i]] ?? String(labels[i])) : '';
    lines.push(csvLine([i, sampleName(data, i), label, errors[i]]));
  }
  return { csv: `${lines.join('\n')}\n`, rows: flagged.length };
}
