// package.json restates some facts of the tables in src/protocol/ (menu `when` clauses, setting enums and defaults),
// because VS Code reads them before any code runs. This test keeps the copies equal to the tables.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_KEYS, emptyDashboardData } from '../../src/protocol/dashboardMessages';
import { DATA_FORMAT_NAMES, DATA_FORMATS, trainOnFolderFileRegex } from '../../src/protocol/dataFormats';
import { BACKENDS, MODEL_KINDS } from '../../src/protocol/experiment';
import { DEFAULT_KIND_FOR, needsImages, needsSeries } from '../../src/protocol/kinds';
import { VIEW_DATA_KEYS, VIEW_MESSAGE_TYPES, VIEW_PAYLOADS } from '../../src/protocol/viewPayloads';
import { TEMPLATES } from '../../src/templates/templates';

interface MenuEntry {
  command: string;
  when?: string;
}
interface Setting {
  enum?: string[];
  default?: unknown;
}
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuEntry[]>; configuration: { properties: Record<string, Setting> } };
};
const setting = (key: string) => manifest.contributes.configuration.properties[`autoencoderLab.${key}`];

describe('package.json against the data formats table', () => {
  it('offers Train on Folder on folders and on exactly the files the table offers', () => {
    const entry = manifest.contributes.menus['explorer/context'].find((e) => e.command === 'autoencoderLab.trainOnFolder');
    const folders = DATA_FORMAT_NAMES.some((format) => DATA_FORMATS[format].readsFolder) ? 'explorerResourceIsFolder || ' : '';
    // JSON.parse has already turned the manifest's "\\." into the regex source's "\."
    expect(entry?.when).toBe(`${folders}resourceFilename =~ /${trainOnFolderFileRegex()}/i`);
  });

  it('builds the menu regex from each offered format, so every offered name matches it', () => {
    const menu = new RegExp(trainOnFolderFileRegex(), 'i');
    for (const name of ['train-images-idx3-ubyte', 'x.idx1.gz', 'a.CSV', 'a.tsv.gz', 'a.npy']) expect(menu.test(name), name).toBe(true);
    for (const name of ['a.png', 'a.ae.json', 'a.npz', 'a.csv.bak']) expect(menu.test(name), name).toBe(false);
  });
});

describe('package.json against the kinds and backends', () => {
  it('lists every backend in the backend setting, after "auto"', () => {
    expect(setting('backend').enum).toEqual(['auto', ...BACKENDS]);
  });

  it('offers every kind but the sequence ones for images and the kinds whose main template trains on a table for tables', () => {
    const model = (kind: (typeof MODEL_KINDS)[number]) => TEMPLATES.find((t) => t.kind === kind)?.experiment('x').model;
    const tableKinds = MODEL_KINDS.filter((kind) => !needsImages(kind, model(kind)));
    expect(setting('defaultImageKind').enum).toEqual(MODEL_KINDS.filter((kind) => !needsSeries(kind, model(kind))));
    expect(setting('defaultTableKind').enum).toEqual(tableKinds);
    expect(setting('defaultImageKind').default).toBe(DEFAULT_KIND_FOR.images);
    expect(setting('defaultTableKind').default).toBe(DEFAULT_KIND_FOR.table);
  });
});

describe('the view payloads table', () => {
  it('gives each view message its own dashboard key and snapshot file', () => {
    expect(new Set(VIEW_DATA_KEYS).size).toBe(VIEW_MESSAGE_TYPES.length);
    for (const type of VIEW_MESSAGE_TYPES) expect(VIEW_PAYLOADS[type].snapshotFile).toBe(`${type}.json`);
  });

  it('lists in DATA_KEYS exactly the keys an empty dashboard has, view keys empty', () => {
    const empty = emptyDashboardData();
    expect([...DATA_KEYS].sort()).toEqual(Object.keys(empty).sort());
    for (const key of VIEW_DATA_KEYS) expect(empty[key], key).toBeNull();
  });
});
