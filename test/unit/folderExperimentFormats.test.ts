// Train on Folder's experiment for each data format: the name (file name without its format's suffix), the kind it
// proposes (the table's shape) and the min-max scaling it sets for tables.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultKindFor, folderExperiment } from '../../src/templates/folderExperiment';
import { tempWorkspace } from '../helpers/experimentFiles';

function dataFile(name: string): string {
  const dir = tempWorkspace();
  writeFileSync(join(dir, name), '');
  return join(dir, name);
}

describe('folderExperiment by data format', () => {
  it.each([
    ['train-images-idx3-ubyte.gz', 'train-images-idx3', 'conv', false],
    ['digits.IDX3', 'digits', 'conv', false],
    ['iris.csv', 'iris', 'deep', true],
    ['sensors.tsv.gz', 'sensors', 'deep', true],
    ['codes.npy', 'codes', 'deep', true],
  ] as const)('%s is named %s, proposes %s, table scaling %s', (file, stem, kind, table) => {
    const dataPath = dataFile(file);
    expect(defaultKindFor(dataPath)).toBe(kind);
    const { name, experiment } = folderExperiment({ dataPath, experimentsDir: join(dataPath, '..', 'experiments') });
    expect(name).toBe(`${stem}-${kind}`);
    expect(experiment.data.normalization).toBe(table ? 'minmax' : undefined);
  });

  it('names a folder after itself, even when its name looks like a file format', () => {
    const dataPath = join(tempWorkspace(), 'scans.csv');
    mkdirSync(dataPath);
    writeFileSync(join(dataPath, 'a.png'), '');
    expect(defaultKindFor(dataPath)).toBe('conv');
    expect(folderExperiment({ dataPath, kind: 'deep', experimentsDir: tempWorkspace() }).name).toBe('scans.csv-deep');
  });
});
