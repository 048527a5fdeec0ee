// The latest view data of a run (reconstructions, latent, errors, samples, generated), each in the file the table in
// protocol/viewPayloads.ts names, so a reloaded window or a finished run can rebuild the dashboard without retraining.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeTyped } from '../../protocol/dashboardMessages';
import { VIEW_PAYLOADS, type ViewMessage } from '../../protocol/viewPayloads';
import { writeFileAtomic } from './atomicWrite';

export function saveViewSnapshot(runDir: string, message: ViewMessage): void {
  const file = join(runDir, VIEW_PAYLOADS[message.type].snapshotFile);
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, JSON.stringify(message, encodeTyped));
}
