// Runs never hold half-written files: a failed write leaves the old file (or nothing) and no temp file.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceDirAtomic, writeFileAtomic } from '../../src/runs/atomicWrite';
import { tempWorkspace } from '../helpers/experimentFiles';

describe('atomic writes', () => {
  it('replaces a file whole', () => {
    const dir = tempWorkspace();
    const file = join(dir, 'summary.json');
    writeFileAtomic(file, 'old');
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['summary.json']);
  });

  it('a failed rename keeps the old content and removes the temp file', () => {
    const dir = tempWorkspace();
    const target = join(dir, 'metrics.jsonl');
    mkdirSync(target); // a directory where the file should go makes the rename fail
    writeFileSync(join(target, 'keep'), 'x');
    expect(() => writeFileAtomic(target, 'data')).toThrow();
    expect(readdirSync(dir)).toEqual(['metrics.jsonl']);
    expect(readFileSync(join(target, 'keep'), 'utf8')).toBe('x');
  });

  it('a write into a missing or unwritable place throws and leaves nothing behind', () => {
    const dir = tempWorkspace();
    writeFileSync(join(dir, 'not-a-dir'), '');
    expect(() => writeFileAtomic(join(dir, 'not-a-dir', 'summary.json'), 'x')).toThrow(/ENOTDIR/);
    expect(readdirSync(dir)).toEqual(['not-a-dir']);
  });

  it('a failing folder fill keeps the previous folder', () => {
    const dir = tempWorkspace();
    const model = join(dir, 'model');
    replaceDirAtomic(model, (temp) => {
      mkdirSync(temp);
      writeFileSync(join(temp, 'model.json'), 'v1');
    });
    expect(() =>
      replaceDirAtomic(model, (temp) => {
        mkdirSync(temp);
        writeFileSync(join(temp, 'model.json'), 'v2-partial');
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      }),
    ).toThrow(/ENOSPC/);
    expect(readFileSync(join(model, 'model.json'), 'utf8')).toBe('v1');
    expect(readdirSync(dir)).toEqual(['model']);
  });
});
