// The separator of a delimited text table, guessed from its first non-empty line: the one of , TAB ; that occurs most
// (comma on a tie). One rule for the trainer's loader, apply's reader and the extension's header check.
export function sniffDelimiter(text: string): string {
  const firstLine = /^[^\n]*\S[^\n]*$/m.exec(text)?.[0] ?? '';
  const count = (d: string) => firstLine.split(d).length - 1;
  return [',', '\t', ';'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}
