// Types of peerReport.mjs for the TypeScript tests.
import type { BenchResult, TrainingRow } from './peerResults.mjs';
export function cpuDescription(): string;
export function renderPeerSections(results: {
  training: TrainingRow[];
  rooflines: BenchResult[];
  ceilings: BenchResult[];
  quality: { ours?: BenchResult };
  scaling: BenchResult[];
  peer: { results: BenchResult[] };
}): string;
