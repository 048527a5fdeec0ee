// CSV for the files we export (embeddings, flagged anomalies). The one place that quotes and defuses fields: no CSV
// writing library is installed, and the rules are short (RFC 4180 quoting, and OWASP's formula-injection prefix).

/** Characters that make a spreadsheet treat a cell as a formula when they lead it (TAB and CR too, as OWASP lists). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One text field: defused with a leading ' when it starts like a formula (names come from the user's folders), and
 * quoted when it holds a separator, a quote or a line break. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line: strings through csvField, numbers as they are (a negative number is not a formula). */
export function csvLine(values: readonly (string | number)[]): string {
  return values.map((value) => (typeof value === 'number' ? String(value) : csvField(value))).join(',');
}
