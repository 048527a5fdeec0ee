// Types of peerResults.mjs for the TypeScript tests.
export type BenchResult = Record<string, unknown> & { type: string };
export interface TrainingRow {
  model: string;
  backend: string;
  samples_per_second?: number;
  single_thread_samples_per_second?: number;
  replicas?: number;
}
export function bestPeer(network: string, peerResults: BenchResult[]): BenchResult | undefined;
export function peerMissing(peerResults: BenchResult[]): string | undefined;
export function oursBest(row: TrainingRow): number | undefined;
export function oursBestThreads(row: TrainingRow): number;
export function peerColumns(row: TrainingRow, peerResults: BenchResult[]): Record<string, number | string | null | undefined>;
