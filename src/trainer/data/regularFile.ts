// Data is only read from regular files. Opening a FIFO for reading blocks until a writer appears (the whole trainer
// stops, forever), and devices never end; so the kind of file is checked with stat before it is opened.
import { closeSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { InputError } from '../../protocol/errors';

/** "a FIFO (named pipe)" etc. for anything that is not a regular file or a folder; undefined for those two. */
export function specialFileKind(stats: Stats): string | undefined {
  if (stats.isFile() || stats.isDirectory()) return undefined;
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

export const REGULAR_FILES_ONLY = 'data is only read from regular files; copy the data into a file first';

/** Stats of `file`, refused with an InputError naming it unless it is a regular file. */
export function statRegularFile(file: string, what: string): Stats {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    throw new InputError(`cannot read ${what} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file });
  }
  if (stats.isDirectory()) throw new InputError(`is a folder; give the path of the ${what} itself`, { file });
  const kind = specialFileKind(stats);
  if (kind) throw new InputError(`is ${kind}, not a regular file; ${REGULAR_FILES_ONLY}`, { file });
  return stats;
}

/** The whole file, after checking that it is a regular file. */
export function readRegularFile(file: string, what: string): Buffer {
  statRegularFile(file, what);
  try {
    return readFileSync(file);
  } catch (error) {
    throw new InputError(`cannot read ${what} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file });
  }
}

/** At most the first `length` bytes of a file already checked with statRegularFile (headers are read before sizing). */
export function readFilePrefix(file: string, length: number, what: string): Buffer {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, 0);
    return buffer.subarray(0, read);
  } catch (error) {
    throw new InputError(`cannot read ${what} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
