// Sweeps: the `sweep` block of an experiment file (which settings to try) and `<runs>/<sweep-id>/sweep.json` (what
// was tried and how each run did). Runs of a sweep are ordinary run folders beside the others in the runs folder;
// sweep.json lists them by run id, so Resume, Compare and the Runs tree work on them unchanged.
import { z } from 'zod';

const positiveInt = z.number().int().positive();

/** A value a sweep can set at a dotted key: a number, string or boolean, or a list of numbers (e.g. model.hidden). */
export const sweepValueSchema = z.union([z.number(), z.string(), z.boolean(), z.array(z.number())]);
export type SweepValue = z.infer<typeof sweepValueSchema>;

const distributionSchema = z.union([
  z.object({ choice: z.array(sweepValueSchema).min(1) }).strict(),
  z.object({ uniform: z.tuple([z.number(), z.number()]) }).strict(),
  z.object({ logUniform: z.tuple([z.number().positive(), z.number().positive()]) }).strict(),
  z.object({ intUniform: z.tuple([z.number().int(), z.number().int()]) }).strict(),
]);
export type SweepDistribution = z.infer<typeof distributionSchema>;

/** Most runs one sweep may expand to. */
export const MAX_SWEEP_RUNS = 1000;

export const sweepSchema = z
  .union([
    z
      .object({
        grid: z
          .record(z.string().min(1), z.array(sweepValueSchema).min(1))
          .describe('Every combination of these values: dotted experiment keys (e.g. "model.latentDim") to lists of values.'),
      })
      .strict(),
    z
      .object({
        random: z
          .object({
            count: positiveInt.max(MAX_SWEEP_RUNS).describe('How many runs to draw.'),
            seed: z.number().int().nonnegative().default(0).describe('Seeds the draws, so a sweep expands the same way every time.'),
            parameters: z
              .record(z.string().min(1), distributionSchema)
              .describe('Dotted experiment keys to distributions: {"choice": [...]}, {"uniform": [lo, hi]}, {"logUniform": [lo, hi]}, {"intUniform": [lo, hi]}.'),
          })
          .strict(),
      })
      .strict(),
  ])
  .describe('Train one run per setting: a grid of values or seeded random draws, for any dotted key of this file. `aelab sweep <file>` or the Run Sweep code lens.');
export type SweepConfig = z.infer<typeof sweepSchema>;

export const SWEEP_RUN_STATUSES = ['pending', 'running', 'completed', 'stopped', 'failed'] as const;

/** One row of sweep.json: a setting, and the run that trained it once it has started. */
export const sweepRunSchema = z.object({
  index: z.number().int().nonnegative(),
  /** Dotted key -> the value this run uses. */
  parameters: z.record(z.string(), sweepValueSchema),
  /** The run folder's name in the runs folder; null until the run starts. A plain folder name, never a path. */
  runId: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/, 'expected a run folder name (letters, digits, ".", "_", "-"; no path)')
    .nullable(),
  status: z.enum(SWEEP_RUN_STATUSES),
  /** Lowest val_loss over the epochs (null without validation), and the last epoch's metrics. */
  best: z.object({ val_loss: z.number().nullable(), epoch: z.number().int().nonnegative().nullable() }).nullable(),
  final: z.record(z.string(), z.number().nullable()).nullable(),
  /** Headline numbers of the run's evaluation.json (PSNR, AUROC, kNN accuracy, ...), null when it has none. */
  evaluation: z.record(z.string(), z.number().nullable()).nullable(),
  error: z.string().nullable(),
});
export type SweepRun = z.infer<typeof sweepRunSchema>;

export const sweepFileSchema = z.object({
  version: z.literal(1),
  sweepId: z.string(),
  name: z.string(),
  /** The experiment file, relative to the sweep folder (as experiment.json stores it: moved workspaces still find it). */
  experimentFile: z.string(),
  method: z.enum(['grid', 'random']),
  /** The swept dotted keys, in the order of the columns. */
  keys: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  runs: z.array(sweepRunSchema),
});
export type SweepFile = z.infer<typeof sweepFileSchema>;
