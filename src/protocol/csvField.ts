// CSV for the files we export (embeddings, flagged anomalies, apply outputs), written with csv-stringify, the writer of
// the same project as our csv-parse. Names come from the user's folders and files, so text cells are defused against
// formula injection (OWASP: a leading = + - @ TAB or CR gets a ' prefix); numbers are left alone (-0.5 is not a formula).
// The one exception is a cell copied unchanged from the user's own CSV (a header, a label cell): it is quoted as CSV
// needs but not defused, so an output reads back with the header and labels of the file it came from.
import { stringify } from 'csv-stringify/sync';

/** A cell copied from the user's own CSV, written as it was read (see above). */
export class CopiedCell {
  constructor(readonly text: string) {}
}

const OPTIONS = {
  escape_formulas: true,
  // A CR inside a cell would end the row for some readers; quote it like a line break.
  quoted_match: /\r/,
  record_delimiter: 'unix',
  cast: {
    number: (value: number) => ({ value: String(value), escape_formulas: false }),
    object: (value: object) => ({ value: value instanceof CopiedCell ? value.text : JSON.stringify(value), escape_formulas: !(value instanceof CopiedCell) }),
  },
} as const;

export type CsvCell = string | number | CopiedCell;

/** One text field, defused and quoted as it would be inside a line. */
export function csvField(value: string): string {
  return csvLine([value]);
}

/** One line without its line break: strings defused and quoted as needed, copied cells quoted only, numbers as they are. */
export function csvLine(values: readonly CsvCell[]): string {
  return stringify([values as CsvCell[]], OPTIONS).replace(/\n$/, '');
}
