// Every run file is written to a temp file, fsynced, then renamed: a crash or full disk never leaves half a file.
// A process killed mid-write leaves only its own temp names (`.<file>.<pid>.tmp`, `<dir>.<pid>.tmp|old`), which
// `recoverRunWrites` tidies once their writer is gone.
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isProcessAlive } from './runLiveness';

/** Where process `pid` writes `path` until it is complete (the name recoverRunWrites knows). */
export function atomicTempPath(path: string, pid = process.pid): string {
  return join(dirname(path), `.${basename(path)}.${pid}.tmp`);
}

/** Writes all of `data` at the file's current position (writeSync may write less than asked). */
export function writeAll(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temp = atomicTempPath(path);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeAll(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
}

/** Replaces a whole folder at once: `fill` writes into a temp folder, which then takes the target's place. */
export function replaceDirAtomic(target: string, fill: (tempDir: string) => void): void {
  const temp = `${target}.${process.pid}.tmp`;
  const old = `${target}.${process.pid}.old`;
  rmSync(temp, { recursive: true, force: true });
  try {
    fill(temp);
    if (existsSync(target)) renameSync(target, old);
    // A kill between these two renames leaves only `old`: recoverRunWrites puts it back.
    renameSync(temp, target);
    removeQuietly(old);
  } catch (error) {
    removeQuietly(temp);
    try {
      if (!existsSync(target) && existsSync(old)) renameSync(old, target);
    } catch {
      // The original error says more; `old` stays for recoverRunWrites.
    }
    throw error;
  }
}

/** Written by `writeFileAtomic` or `replaceDirAtomic` of process <pid>: `.name.<pid>.tmp`, `name.<pid>.tmp`, `name.<pid>.old`. */
const TEMP_NAME = /^(\.?)(.+)\.(\d+)\.(tmp|old)$/;

/**
 * Tidies what killed writers left in a folder: a folder swapped out but never replaced is put back, and temp files
 * and folders of processes that are gone are removed. Returns what it did, for the run log.
 */
export function recoverRunWrites(dir: string): string[] {
  const done: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return done;
  }
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match || isProcessAlive(Number(match[3]))) continue;
    const [, hidden, target, , kind] = match;
    const path = join(dir, name);
    if (kind === 'old' && !hidden && !existsSync(join(dir, target))) {
      renameSync(path, join(dir, target));
      done.push(`restored ${target}/ from ${name}, left by a process killed while replacing it`);
    } else {
      rmSync(path, { recursive: true, force: true });
      done.push(`removed ${name}, left by a process killed while writing it`);
    }
  }
  return done;
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // Cleaning up must never hide the error that brought us here.
  }
}
