// One CSV field for the files we export (embeddings, flagged anomalies): quoted when it holds a separator, and
// defused when it starts like a spreadsheet formula, since file names come from the user's folders.
export function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
