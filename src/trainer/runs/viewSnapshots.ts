// The latest view data of a run (reconstructions, latent, errors, samples, generated) under <runDir>/views/,
// so a reloaded window or a finished run can rebuild the dashboard without retraining.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeTyped } from '../../protocol/dashboardMessages';
import type { TrainerToHost } from '../../protocol/trainerMessages';
import { writeFileAtomic } from '../../runs/atomicWrite';
import { runPath } from '../../runs/layout';

export const SNAPSHOT_TYPES = ['reconstructions', 'validationSamples', 'latent', 'errors', 'generated'] as const;
type SnapshotMessage = Extract<TrainerToHost, { type: (typeof SNAPSHOT_TYPES)[number] }>;

export function saveViewSnapshot(runDir: string, message: SnapshotMessage): void {
  const dir = runPath(runDir, 'views');
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, `${message.type}.json`), JSON.stringify(message, encodeTyped));
}
