import { describe, expect, it } from 'vitest';
import { csvField } from '../../src/protocol/csvField';

describe('csvField', () => {
  it('leaves plain values alone and quotes separators', () => {
    expect(csvField('circle/00.png')).toBe('circle/00.png');
    expect(csvField('a,b "c"')).toBe('"a,b ""c"""');
  });

  it('defuses values a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@cmd')).toBe("'@cmd");
  });
});
