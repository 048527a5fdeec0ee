// data.json: the data's per-sample shape, its normalisation (to invert it) and label names, written with the models.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { runPath } from './layout';
import { readRunJson } from './readJsonFile';
import { writeRunJson } from './runFolder';

const numbers = z.array(z.number());

export const normalizationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('scale'), divisor: z.number().positive() }),
  z.object({ kind: z.literal('minmax'), min: numbers, max: numbers }),
  z.object({ kind: z.literal('zscore'), mean: numbers, std: numbers }),
]);

export const dataJsonSchema = z.object({
  sampleShape: z.array(z.number().int().positive()).min(1),
  normalization: normalizationSchema,
  labelNames: z.array(z.string()).nullable().optional(),
});
export type DataJson = z.infer<typeof dataJsonSchema>;

/** data.json, validated; undefined when the run has none yet (it is written when the models are). */
export function readDataJson(runDir: string): DataJson | undefined {
  const file = runPath(runDir, 'data');
  return existsSync(file) ? readRunJson(file, dataJsonSchema) : undefined;
}

export function writeDataJson(runDir: string, data: DataJson): void {
  writeRunJson(runDir, 'data', data);
}
