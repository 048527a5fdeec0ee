// The run folder a dashboard shows (not the live run): read again when its summary.json changes, which every writer
// does on start, after each epoch and at the end. So a run training outside this window (`aelab train` in a terminal,
// or an exported PyTorch script, synced back from another machine) draws its new epochs as they land.
import { statSync } from 'node:fs';
import { runPath } from '../../runs/layout';
import type { DashboardModel } from './dashboardModel';
import { loadRunFromFolder } from './runHistory';

/** Which version of summary.json is on disk: atomic writes replace the file, so its inode changes with every write. */
function summaryVersion(runDir: string): string {
  try {
    const stats = statSync(runPath(runDir, 'summary'));
    return `${stats.ino}:${stats.mtimeMs}:${stats.size}`;
  } catch {
    return 'missing';
  }
}

export class ShownFolderRun {
  private version: string;
  readonly model: DashboardModel;

  constructor(readonly runDir: string) {
    this.version = summaryVersion(runDir);
    this.model = loadRunFromFolder(runDir);
  }

  /** Reads the folder again if its summary.json changed since it was last read; true when it did. */
  refresh(): boolean {
    const version = summaryVersion(this.runDir);
    if (version === this.version) return false;
    this.version = version;
    loadRunFromFolder(this.runDir, this.model);
    return true;
  }
}
