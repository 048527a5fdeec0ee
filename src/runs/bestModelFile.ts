// best/best.json: which epoch the models in best/ are from, and by which watched value. It is written inside best/,
// in the same atomic replace as the models (src/trainer/runs/bestModel.ts), so it always describes them.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { BEST_FILES, runPath } from './layout';
import { readRunJson } from './readJsonFile';

export const bestModelManifestSchema = z.object({
  epoch: z.number().int().positive(),
  monitor: z.enum(['val_loss', 'loss']),
  value: z.number(),
  savedAt: z.string(),
});
export type BestModelManifest = z.infer<typeof bestModelManifestSchema>;

function bestModelManifestPath(runDir: string): string {
  return runPath(runDir, 'best', BEST_FILES.manifest);
}

/** The manifest of the run's best/ (InputError naming the file and field when damaged); undefined when there is none. */
export function readBestModelManifest(runDir: string): BestModelManifest | undefined {
  const file = bestModelManifestPath(runDir);
  return existsSync(file) ? readRunJson(file, bestModelManifestSchema) : undefined;
}
