// Reads an experiment file and turns every problem into an InputError naming the file, line and field.
import { readFileSync, statSync } from 'node:fs';
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError, type Node } from 'jsonc-parser';
import type { z } from 'zod';
import { InputError } from './errors';
import { experimentSchema, type Experiment } from './experiment';

export function readExperimentFile(file: string): Experiment {
  return parseExperiment(readExperimentText(file), file);
}

/** The experiment file's text, without a byte order mark; InputError when it is not a readable regular file. */
export function readExperimentText(file: string): string {
  try {
    // A FIFO or device would block the reader forever; stat first, open only regular files.
    if (!statSync(file).isFile()) throw new InputError('is not a regular file; an experiment is a .ae.json file', { file });
    return withoutBom(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read the experiment file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file });
  }
}

/** Editors on Windows may save a UTF-8 byte order mark; it is not part of the JSON. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Experiment files are a few levels deep; the JSON parser recurses per level, so a hostile file could overflow the stack. */
export const MAX_JSON_DEPTH = 64;

export function parseExperiment(rawText: string, file: string): Experiment {
  const text = withoutBom(rawText);
  refuseDeepNesting(text, file);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const { line, column } = lineAndColumn(text, first?.offset ?? 0);
    const what = first ? printParseErrorCode(first.error) : 'EmptyFile';
    throw new InputError(`invalid JSON (${what}); expected a JSON object like {"name": ..., "kind": ..., "data": {...}}`, { file, line, column });
  }
  const result = experimentSchema.safeParse(JSON.parse(text), { reportInput: true });
  if (result.success) return result.data;
  throw zodIssueToInputError(result.error.issues[0], text, tree, file);
}

/** Scans brackets outside strings before any recursive parser sees the text. */
function refuseDeepNesting(text: string, file: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (++depth > MAX_JSON_DEPTH) {
        const { line, column } = lineAndColumn(text, i);
        throw new InputError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels; an experiment needs only a few`, { file, line, column });
      }
    } else if (c === '}' || c === ']') depth--;
  }
}

function zodIssueToInputError(issue: z.core.$ZodIssue, text: string, tree: Node, file: string): InputError {
  const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
  const field = path.join('.') || '(root)';
  const node = findNodeAtLocation(tree, path) ?? findNodeAtLocation(tree, path.slice(0, -1));
  const { line, column } = node ? lineAndColumn(text, node.offset) : { line: undefined, column: undefined };
  return new InputError(describeIssue(issue), { file, field, line, column });
}

export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}${issue.input === undefined ? ', but it is missing' : `, got ${JSON.stringify(issue.input)}`}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(issue.input)}`;
    case 'too_small':
      return `expected a value ${issue.inclusive === false ? '>' : '>='} ${issue.minimum}, got ${JSON.stringify(issue.input)}`;
    case 'too_big':
      return `expected a value ${issue.inclusive === false ? '<' : '<='} ${issue.maximum}, got ${JSON.stringify(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling against the schema`;
    case 'invalid_union':
      return `does not match any allowed form (${issue.message})`;
    default:
      return issue.message;
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
