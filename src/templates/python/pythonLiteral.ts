// JSON values as Python source: None/True/False instead of null/true/false. JSON string escapes are valid in Python.
// Shared by both exported scripts (Keras and PyTorch), like the other helpers here.

export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'float("nan")';
    if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : '-float("inf")';
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([key, v]) => `${JSON.stringify(key)}: ${pythonLiteral(v)}`);
  return `{${entries.join(', ')}}`;
}

/** A tuple literal; one element keeps its trailing comma. */
export function pythonTuple(values: readonly (number | string)[]): string {
  return values.length === 1 ? `(${pythonLiteral(values[0])},)` : `(${values.map(pythonLiteral).join(', ')})`;
}

/** Free text (names, comments) made safe for one `#` comment line. */
export function commentText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A block of Python code indented by `spaces` (blank lines stay empty), to sit inside a def or class. */
export function indentPython(code: string, spaces: number): string {
  return code
    .split('\n')
    .map((line) => (line ? ' '.repeat(spaces) + line : line))
    .join('\n');
}
