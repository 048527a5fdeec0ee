// What the Run Sweep code lens says for an experiment file's text: where its `sweep` key is, and either how many runs
// the block expands to or why it cannot expand. No vscode here, so it is tested on plain text.
import { parseTree, type ParseError } from 'jsonc-parser';
import { expandSweep } from '../../sweep/expandSweep';

export interface SweepLens {
  /** Where the top-level "sweep" key starts in the text. */
  offset: number;
  title: string;
  tooltip: string;
  /** How many runs the sweep trains; undefined when the block cannot expand (the lens then runs nothing). */
  runs?: number;
}

/** Code lens titles are one line above the code; longer errors are cut here and shown whole in the tooltip. */
const MAX_TITLE = 180;

/** Undefined when the text has no top-level `sweep` key. */
export function sweepLens(text: string, file: string): SweepLens | undefined {
  // Editors on Windows may save a UTF-8 byte order mark; it is not part of the JSON.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const shift = text.length - json.length;
  const errors: ParseError[] = [];
  const tree = parseTree(json, errors, { allowTrailingComma: false, disallowComments: true });
  const key = tree?.type === 'object' ? tree.children?.find((property) => property.children?.[0]?.value === 'sweep')?.children?.[0] : undefined;
  if (!key) return undefined;
  const offset = key.offset + shift;
  if (errors.length > 0) return problem(offset, 'the file is not valid JSON yet; fix it to count the runs');
  try {
    const runs = expandSweep(JSON.parse(json), file).settings.length;
    const title = `$(run-all) Run Sweep (${runs} run${runs === 1 ? '' : 's'})`;
    return { offset, title, tooltip: `Train the ${runs} settings of this sweep one after another in the training queue`, runs };
  } catch (error) {
    return problem(offset, withoutFile(error instanceof Error ? error.message : String(error), file));
  }
}

function problem(offset: number, message: string): SweepLens {
  const title = `Sweep: ${message}`;
  return { offset, title: title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title, tooltip: message };
}

/** The lens sits in the file, so the "<file>:" an InputError starts with says nothing there. */
function withoutFile(message: string, file: string): string {
  return message.startsWith(`${file}:`) ? message.slice(file.length).replace(/^(:\d+)*:\s*/, '') : message;
}
