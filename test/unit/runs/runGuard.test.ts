// The run-folder guard, on real folders: Delete Run may only remove a real run folder directly inside the runs folder, and
// a run id from a webview resolves only to a folder inside it.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deletableRunDir, isDirectChild, resolveRunDir } from '../../../src/runs/runGuard';

let root: string;
let runs: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'aelab-delete-'));
  runs = join(root, '.aelab', 'runs');
  mkdirSync(join(runs, 'deep-1', 'model'), { recursive: true });
  mkdirSync(join(root, 'precious'));
  writeFileSync(join(runs, 'notes.txt'), 'x');
  symlinkSync(join(root, 'precious'), join(runs, 'link'));
});

describe('isDirectChild', () => {
  it('accepts exactly one level down', () => {
    expect(isDirectChild('/w/runs', '/w/runs/a')).toBe(true);
    expect(isDirectChild('/w/runs', '/w/runs/..a')).toBe(true);
  });

  it('rejects the folder itself, deeper folders, parents and siblings', () => {
    for (const candidate of ['/w/runs', '/w/runs/a/model', '/w', '/w/runs2', '/other']) expect(isDirectChild('/w/runs', candidate)).toBe(false);
  });
});

describe('deletableRunDir', () => {
  it('accepts a run folder by id or by absolute path', () => {
    expect(deletableRunDir(runs, 'deep-1')).toEqual({ runDir: join(runs, 'deep-1') });
    expect(deletableRunDir(runs, join(runs, 'deep-1'))).toEqual({ runDir: join(runs, 'deep-1') });
  });

  it('refuses escapes, the runs folder, nested folders, files, symlinks and missing folders', () => {
    for (const target of ['..', '../..', '../../precious', '.', '', join(root, 'precious'), 'deep-1/model', 'notes.txt', 'link', 'missing']) {
      expect(deletableRunDir(runs, target), target).toHaveProperty('refused');
    }
  });
});

describe('resolveRunDir', () => {
  it('resolves a plain run id to its folder, follows a symlink that stays inside, and refuses one that leads out', () => {
    symlinkSync(join(runs, 'deep-1'), join(runs, 'alias'));
    expect(resolveRunDir(runs, 'deep-1')).toBe(join(runs, 'deep-1'));
    expect(resolveRunDir(runs, 'alias')).toBe(join(runs, 'alias'));
    for (const id of ['link', 'notes.txt', 'missing', '..', 'deep-1/model', '.hidden', 42]) expect(resolveRunDir(runs, id), String(id)).toBeUndefined();
  });
});
