// An output file written piece by piece into a temporary file next to it and renamed into place only when complete,
// so a failed or interrupted job never leaves half a CSV or NPY under the name the user asked for.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Where process `pid` writes `path` until it is complete; a host that killed that process removes it. */
export function streamedTempPath(path: string, pid: number): string {
  return join(dirname(path), `.${basename(path)}.${pid}.tmp`);
}

/** Files being written: a trainer that exits mid-job (its host went away) removes their temporary files. */
const open = new Set<StreamedFile>();
let cleanupInstalled = false;

export class StreamedFile {
  private readonly temp: string;
  private fd: number | undefined;

  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.temp = streamedTempPath(path, process.pid);
    this.fd = openSync(this.temp, 'w');
    open.add(this);
    if (!cleanupInstalled) {
      cleanupInstalled = true;
      process.once('exit', () => open.forEach((file) => file.abort()));
    }
  }

  write(data: string | Uint8Array): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd!, bytes, written, bytes.length - written);
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
