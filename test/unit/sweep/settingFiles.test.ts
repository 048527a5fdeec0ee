// Each setting's experiment file sits in the sweep folder; data paths written relative to the original file must still
// name the same data from there (builtin and absolute sources stay as they are).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import { createSweep } from '../../../src/sweep/sweepJobs';
import { settingFile } from '../../../src/sweep/settingFiles';
import { tempWorkspace } from '../../helpers/experimentFiles';

function writeFile(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('setting files', () => {
  it('rewrite data.source and data.labels so that they name the same files from the sweep folder', () => {
    const workspace = tempWorkspace('aelab-sweep-files-');
    const file = writeFile(
      join(workspace, 'experiments', 'idx.ae.json'),
      JSON.stringify({ name: 'idx', kind: 'deep', data: { source: '../data/images.idx', labels: 'labels.idx', format: 'idx' }, sweep: { grid: { 'data.source': ['../data/images.idx', '/abs/other.idx', 'builtin:mnist'] } } }),
    );
    const recorder = createSweep(file, join(workspace, 'runs'));
    const sources = [0, 1, 2].map((index) => {
      const setting = settingFile(recorder.sweepDir, index);
      const { data } = experimentSchema.parse(JSON.parse(readFileSync(setting, 'utf8')));
      expect(resolve(dirname(setting), data.labels!)).toBe(join(workspace, 'experiments', 'labels.idx'));
      return data.source.startsWith('builtin:') || data.source.startsWith('/') ? data.source : resolve(dirname(setting), data.source);
    });
    expect(sources).toEqual([join(workspace, 'data', 'images.idx'), '/abs/other.idx', 'builtin:mnist']);
  });

  it('a malformed sweep block is named down to its key and line', () => {
    const workspace = tempWorkspace('aelab-sweep-files-');
    const file = writeFile(join(workspace, 'bad.ae.json'), '{\n  "name": "bad",\n  "kind": "deep",\n  "data": {"source": "builtin:mnist"},\n  "sweep": {"grid": {\n    "model.latentDim": 4\n  }}\n}\n');
    expect(() => createSweep(file, join(workspace, 'runs'))).toThrow(`${file}:6:24: field "sweep.grid.model.latentDim": expected array, got 4`);
  });
});
