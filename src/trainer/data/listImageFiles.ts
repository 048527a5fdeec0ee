// Finds the image files (protocol/dataFormats.ts's IMAGE_EXTENSIONS) under a folder (recursively, sorted, paths relative with "/").
// Symbolic links are followed, but a link to a folder already read (a loop such as `ln -s .. up`, or a
// second link to the same folder) is skipped with a note rather than failing: no image is lost, and
// the run is not stopped by a harmless link. Dot-files are ignored (macOS "._x.png" files are not images).
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { IMAGE_EXTENSIONS, isImageFileName } from '../../protocol/dataFormats';
import { InputError } from '../../protocol/errors';
import { compareCodePoints } from './compareCodePoints';
import { statRegularFile } from './regularFile';

export interface ImageFileList {
  /** Relative to the folder, "/"-separated, sorted; for a single file, its base name. */
  files: string[];
  notes: string[];
}

export function listImageFiles(root: string): ImageFileList {
  if (!statSync(root).isDirectory()) {
    statRegularFile(root, 'image file'); // a FIFO would block the reader forever
    return { files: [basename(root)], notes: [] };
  }
  const walk = new FolderWalk();
  walk.visit(root, '');
  const { files, otherExtensions, skippedLinks, brokenLinks, specialFiles, hiddenCount } = walk;
  if (files.length === 0) {
    const found = [...otherExtensions].map(([ext, n]) => `${ext} (${n})`);
    if (hiddenCount > 0) found.push(`hidden files (${hiddenCount})`);
    if (brokenLinks.length > 0) found.push(`broken links (${brokenLinks.length})`);
    if (specialFiles.length > 0) found.push(`files that are not regular files (${specialFiles.length})`);
    if (found.length === 0) throw new InputError('folder is empty; put PNG or JPEG images in it (sub-folders become labels)', { file: root });
    throw new InputError(`folder has no images: found ${found.join(', ')}; supported image types are ${IMAGE_EXTENSIONS.join(', ')}`, { file: root });
  }
  const notes = skippedLinks.map((link) => `skipped ${link.path}: it is the same folder as ${link.target} (through a symbolic link), which was already read`);
  if (brokenLinks.length > 0) notes.push(`skipped broken symbolic links: ${brokenLinks.join(', ')}`);
  if (specialFiles.length > 0) notes.push(`skipped ${specialFiles.length} entries that are not regular files (FIFOs, sockets or devices): ${specialFiles.slice(0, 10).join(', ')}`);
  const otherCount = [...otherExtensions.values()].reduce((a, b) => a + b, 0);
  if (otherCount > 0) notes.push(`ignored ${otherCount} non-image files (${[...otherExtensions.keys()].join(', ')})`);
  if (hiddenCount > 0) notes.push(`ignored ${hiddenCount} hidden files or folders (names starting with ".")`);
  return { files: files.sort(compareCodePoints), notes };
}

class FolderWalk {
  readonly files: string[] = [];
  readonly otherExtensions = new Map<string, number>();
  readonly skippedLinks: { path: string; target: string }[] = [];
  readonly brokenLinks: string[] = [];
  /** FIFOs, sockets and devices: never opened (reading a FIFO blocks forever). */
  readonly specialFiles: string[] = [];
  hiddenCount = 0;
  private readonly visited = new Map<string, string>(); // real path -> relative path first read as

  visit(dir: string, relDir: string): void {
    const real = realpathSync(dir);
    const seenAs = this.visited.get(real);
    if (seenAs !== undefined) {
      this.skippedLinks.push({ path: relDir, target: seenAs || '.' });
      return;
    }
    this.visited.set(real, relDir);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareCodePoints(a.name, b.name));
    } catch (error) {
      throw new InputError(`cannot list folder (${(error as NodeJS.ErrnoException).code ?? String(error)}); check its permissions`, { file: dir });
    }
    for (const entry of entries) {
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (entry.name.startsWith('.')) {
        this.hiddenCount++;
        continue;
      }
      const kind = this.kindOf(entry, join(dir, entry.name), rel);
      if (kind === 'dir') this.visit(join(dir, entry.name), rel);
      else if (kind === 'file' && isImageFileName(entry.name)) this.files.push(rel);
      else if (kind === 'file') {
        const ext = extname(entry.name).toLowerCase() || '(no extension)';
        this.otherExtensions.set(ext, (this.otherExtensions.get(ext) ?? 0) + 1);
      }
    }
  }

  private kindOf(entry: Dirent, path: string, rel: string): 'dir' | 'file' | 'other' {
    const kind = (stats: Dirent | Stats) => (stats.isDirectory() ? 'dir' : stats.isFile() ? 'file' : this.special(rel));
    if (!entry.isSymbolicLink()) return kind(entry);
    try {
      return kind(statSync(path));
    } catch (error) {
      // Dangling link, or links pointing at each other (ELOOP): nothing to read there.
      this.brokenLinks.push(`${rel} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      return 'other';
    }
  }

  private special(rel: string): 'other' {
    this.specialFiles.push(rel);
    return 'other';
  }
}
