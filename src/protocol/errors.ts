// Errors caused by the user's input (files, fields, data). They map to CLI exit code 2 and are shown
// verbatim in VS Code, so the message always names the file and, where known, the line or field.
export interface InputErrorLocation {
  file?: string;
  field?: string;
  line?: number;
  column?: number;
}

export class InputError extends Error {
  readonly file?: string;
  readonly field?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(message: string, location: InputErrorLocation = {}) {
    super(formatInputError(message, location));
    this.name = 'InputError';
    Object.assign(this, location);
  }
}

function formatInputError(message: string, { file, field, line, column }: InputErrorLocation): string {
  // file:line:column is what VS Code terminals and problem matchers turn into a link.
  const where = [file, line, line !== undefined ? column : undefined].filter((part) => part !== undefined).join(':');
  const fieldPart = field ? `field "${field}": ` : '';
  return `${where ? `${where}: ` : ''}${fieldPart}${message}`;
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof Error && error.name === 'InputError';
}
