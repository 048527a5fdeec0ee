// CSV for the files we export (embeddings, flagged anomalies), written with csv-stringify, the writer of the same
// project as our csv-parse. Names come from the user's folders and files, so text cells are defused against formula
// injection (OWASP: a leading = + - @ TAB or CR gets a ' prefix); numbers are left alone (-0.5 is not a formula).
import { stringify } from 'csv-stringify/sync';

const OPTIONS = {
  escape_formulas: true,
  // A CR inside a cell would end the row for some readers; quote it like a line break.
  quoted_match: /\r/,
  record_delimiter: 'unix',
  cast: { number: (value: number) => ({ value: String(value), escape_formulas: false }) },
} as const;

/** One text field, defused and quoted as it would be inside a line. */
export function csvField(value: string): string {
  return csvLine([value]);
}

/** One line without its line break: strings defused and quoted as needed, numbers as they are. */
export function csvLine(values: readonly (string | number)[]): string {
  return stringify([values as (string | number)[]], OPTIONS).replace(/\n$/, '');
}
