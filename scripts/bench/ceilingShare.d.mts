// Types of ceilingShare.mjs for the TypeScript tests.
import type { BenchResult, TrainingRow } from './peerResults.d.mts';
export const PEER_RATIO_TARGETS: Record<string, number>;
export const CEILING_SHAPE: string;
export function ceilingShareColumns(row: TrainingRow & { flops_per_sample?: number }, ceilings: BenchResult[], peerResults: BenchResult[]): Record<string, number | string | null>;
