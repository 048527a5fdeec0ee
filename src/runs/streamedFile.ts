// An output file written piece by piece into a temporary file next to it and renamed into place only when complete,
// so a failed or interrupted job never leaves half a CSV or NPY under the name the user asked for.
// Its temporary file has writeFileAtomic's name, so a host that killed the writer (or recoverRunWrites) can remove it.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { atomicTempPath, writeAll } from './atomicWrite';

/** Files being written: a trainer that exits mid-job (its host went away) removes their temporary files. */
const open = new Set<StreamedFile>();
let cleanupInstalled = false;

export class StreamedFile {
  private readonly temp: string;
  private fd: number | undefined;

  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.temp = atomicTempPath(path);
    this.fd = openSync(this.temp, 'w');
    open.add(this);
    if (!cleanupInstalled) {
      cleanupInstalled = true;
      process.once('exit', () => open.forEach((file) => file.abort()));
    }
  }

  write(data: string | Uint8Array): void {
    writeAll(this.fd!, data);
  }

  commit(): void {
    fsyncSync(this.fd!);
    closeSync(this.fd!);
    this.fd = undefined;
    renameSync(this.temp, this.path);
    open.delete(this);
  }

  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.temp, { force: true });
    open.delete(this);
  }
}
