// Run ids are claimed by mkdir itself, so two trains started in the same second never share a folder.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRunDir } from '../../../src/runs/createRunDir';
import { tempWorkspace } from '../../helpers/experimentFiles';

describe('createRunDir', () => {
  const now = new Date('2026-11-25T10:20:30Z');

  it('gives the same name in the same second a numbered suffix', () => {
    const runsDir = join(tempWorkspace(), 'runs');
    const ids = [0, 1, 2].map(() => createRunDir(runsDir, 'mnist deep', now).runId);
    expect(ids).toEqual(['mnist-deep-20261125-102030', 'mnist-deep-20261125-102030-1', 'mnist-deep-20261125-102030-2']);
    for (const id of ids) expect(existsSync(join(runsDir, id))).toBe(true);
  });

  it('skips a name already taken by a file, not only by a folder', () => {
    const runsDir = join(tempWorkspace(), 'runs');
    createRunDir(runsDir, 'x', now);
    writeFileSync(join(runsDir, 'x-20261125-102030-1'), 'not a run');
    expect(createRunDir(runsDir, 'x', now).runId).toBe('x-20261125-102030-2');
  });
});
