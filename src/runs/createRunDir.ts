// A new run folder, <runsDir>/<name>-<yyyymmdd-hhmmss>[-n]/, claimed by mkdir so two runs never share one.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export function createRunDir(runsDir: string, name: string, now = new Date()): { runId: string; runDir: string } {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const safeName = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '').slice(0, 60) || 'run';
  mkdirSync(runsDir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    const runId = attempt === 0 ? `${safeName}-${stamp}` : `${safeName}-${stamp}-${attempt}`;
    const runDir = join(runsDir, runId);
    // mkdir itself is the claim: another process may take the same id between a check and a create.
    try {
      mkdirSync(runDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    return { runId, runDir };
  }
}
