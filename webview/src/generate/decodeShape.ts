// The shape of a decoded sample, from whichever message of the run carried it.
import type { DashboardData } from '../../../src/protocol/dashboardMessages';

export function decodeShape(data: Pick<DashboardData, 'generated' | 'reconstructions' | 'samples' | 'run'>): number[] {
  return data.generated?.sampleShape ?? data.reconstructions?.sampleShape ?? data.samples?.sampleShape ?? data.run?.sampleShape ?? [];
}
