// `aelab neighbors`: the training samples nearest to each query sample in the run's latent space.
import type { Applied } from '../protocol/applyMessages';
import type { BackendName } from '../protocol/experiment';
import { printJson, runApplyJob } from './runApplyJob';

export function neighborsCommand(runDir: string, query: string, options: { k: number; binary?: boolean; json?: boolean; backend?: BackendName }): Promise<number> {
  return runApplyJob(
    { type: 'apply', job: 'neighbors', runDir, input: query, k: options.k, binary: Boolean(options.binary), backend: options.backend },
    { json: Boolean(options.json), report: (applied) => (options.json ? printJson(applied.neighbors ?? []) : printTable(applied, Boolean(options.binary))) },
  );
}

function printTable(applied: Applied, binary: boolean): void {
  for (const { query, matches } of applied.neighbors ?? []) {
    process.stdout.write(`${query}\n`);
    matches.forEach((m, rank) => {
      const distance = binary ? `${m.distance} bits` : m.distance.toFixed(4);
      process.stdout.write(`  ${rank + 1}. ${m.source}${m.label !== null ? ` (${m.label})` : ''}  ${distance}\n`);
    });
  }
}
