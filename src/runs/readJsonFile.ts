// Reads one JSON run file and validates it, so every problem becomes an InputError naming the file, the line and the
// field, e.g. `<run>/summary.json:1:1: field "status": expected one of "running", …`.
import { readFileSync } from 'node:fs';
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { InputError } from '../protocol/errors';
import { describeIssue, lineAndColumn } from '../protocol/loadExperiment';

/** The file's text; InputError when it is missing or unreadable. */
export function readRunText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'is missing' : `cannot be read (${code ?? String(error)})`, { file });
  }
}

/** `reviver`: for files that encode values JSON lacks (evaluation.json's Infinity). */
export function parseRunJson<S extends z.ZodType>(text: string, file: string, schema: S, reviver?: (key: string, value: unknown) => unknown): z.infer<S> {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) {
    const { line, column } = lineAndColumn(text, errors[0]?.offset ?? 0);
    throw new InputError(`not JSON (${errors[0] ? printParseErrorCode(errors[0].error) : 'empty file'})`, { file, line, column });
  }
  const result = schema.safeParse(JSON.parse(text, reviver), { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
  const node = findNodeAtLocation(tree, path) ?? findNodeAtLocation(tree, path.slice(0, -1)) ?? tree;
  const { line, column } = lineAndColumn(text, node.offset);
  throw new InputError(describeIssue(issue), { file, line, column, field: path.join('.') || '(root)' });
}

export function readRunJson<S extends z.ZodType>(file: string, schema: S, reviver?: (key: string, value: unknown) => unknown): z.infer<S> {
  return parseRunJson(readRunText(file), file, schema, reviver);
}
