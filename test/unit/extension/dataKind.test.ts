// Train on Folder: which data it accepts and the kind it proposes first.
import { describe, expect, it } from 'vitest';
import { dataShapeOf, defaultKind, needsImages } from '../../../src/extension/data/dataKind';
import { TEMPLATES } from '../../../src/templates/templates';

describe('dataShapeOf', () => {
  it('treats folders and IDX files as images', () => {
    expect(dataShapeOf('/d/images-small', true)).toBe('images');
    for (const file of ['train-images-idx3-ubyte', 'train-images-idx3-ubyte.gz', 'digits.idx3', 'x.idx', 'x.IDX.gz']) expect(dataShapeOf(`/d/${file}`, false), file).toBe('images');
  });

  it('treats CSV, TSV and NPY files as tables', () => {
    for (const file of ['iris.csv', 'iris.CSV', 'x.tsv', 'x.csv.gz', 'x.npy']) expect(dataShapeOf(`/d/${file}`, false), file).toBe('table');
  });

  it('rejects other files', () => {
    for (const file of ['notes.txt', 'model.json', 'x.npz', 'csv']) expect(dataShapeOf(`/d/${file}`, false), file).toBeUndefined();
  });
});

describe('defaultKind', () => {
  it('proposes the configured kind for the shape of the data', () => {
    expect(defaultKind('images', { image: 'conv', table: 'deep' })).toBe('conv');
    expect(defaultKind('table', { image: 'conv', table: 'deep' })).toBe('deep');
    expect(defaultKind('images', { image: 'vae', table: 'sparse' })).toBe('vae');
  });
});

describe('needsImages', () => {
  it('marks the templates with conv layers, and only those', () => {
    const imageOnly = TEMPLATES.filter((t) => needsImages(t.experiment('x'))).map((t) => t.id);
    expect(imageOnly).toEqual(expect.arrayContaining(['conv', 'conv-vae', 'denoising', 'custom']));
    expect(imageOnly).not.toEqual(expect.arrayContaining(['deep']));
    for (const id of ['undercomplete', 'deep', 'sparse', 'contractive', 'vae', 'beta-vae']) expect(imageOnly, id).not.toContain(id);
  });

  it('follows the network a model actually builds, not the words in it', () => {
    expect(needsImages({ kind: 'sparse', model: { architecture: 'conv' } })).toBe(true);
    expect(needsImages({ kind: 'denoising', model: {} })).toBe(false); // default architecture: deep
    expect(needsImages({ kind: 'denoising', model: { encoder: [{ type: 'dense' }], decoder: [{ type: 'dense' }] } })).toBe(false);
    expect(needsImages({ kind: 'custom', model: { encoder: [{ type: 'dense' }], decoder: [{ type: 'upSampling2d' }] } })).toBe(true);
    expect(needsImages({ kind: 'contractive', model: { architecture: 'conv' } })).toBe(false); // always dense
    expect(needsImages({ kind: 'conv-vae' })).toBe(true);
  });
});
