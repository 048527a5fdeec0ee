import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvField, csvLine } from '../../src/protocol/csvField';

describe('csvField', () => {
  it('leaves plain values alone and quotes separators', () => {
    expect(csvField('circle/00.png')).toBe('circle/00.png');
    expect(csvField('a,b "c"')).toBe('"a,b ""c"""');
  });

  it('defuses values a spreadsheet would run as a formula, also after a leading TAB or CR', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('\t=1+1')).toBe("'\t=1+1");
    expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
    expect(csvField('a\t=b')).toBe('a\t=b');
  });
});

describe('csvLine', () => {
  it('reads back with csv-parse as the same fields, numbers undefused', () => {
    const fields = ['=round, big/00.png', '\tsquare', 'say "hi"\nthere', -0.25, 3];
    const line = csvLine(fields);
    expect(parse(`${line}\n`)).toEqual([["'=round, big/00.png", "'\tsquare", 'say "hi"\nthere', '-0.25', '3']]);
  });
});
