// The latest view data of a run (reconstructions, latent, errors, samples, generated) under <runDir>/views/, in the
// files protocol/viewPayloads.ts names, so a reloaded window or a finished run can rebuild the dashboard without retraining.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeTyped } from '../../protocol/dashboardMessages';
import { VIEW_PAYLOADS, type ViewMessage } from '../../protocol/viewPayloads';
import { writeFileAtomic } from '../../runs/atomicWrite';
import { runPath } from '../../runs/layout';

export function saveViewSnapshot(runDir: string, message: ViewMessage): void {
  const dir = runPath(runDir, 'views');
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, VIEW_PAYLOADS[message.type].snapshotFile), JSON.stringify(message, encodeTyped));
}
