import type { InputIssue, Location } from './model.js';

/** Codes of input errors: why a file could not be read. */
export type InputErrorCode =
  | 'NOT_FOUND'
  | 'UNREADABLE'
  | 'EMPTY_FILE'
  | 'BINARY_FILE'
  | 'TOO_LARGE'
  | 'UNKNOWN_FORMAT'
  | 'UNSUPPORTED_VERSION'
  | 'MALFORMED_JSON'
  | 'TRAILING_DATA'
  | 'MALFORMED_XML'
  | 'MALFORMED_TAG_VALUE'
  | 'FORBIDDEN_XML'
  | 'TOO_DEEP'
  | 'TOO_MANY'
  | 'INVALID_DOCUMENT'
  | 'NPM_PROJECT'
  | 'MALFORMED_CSV'
  | 'UNKNOWN_COLUMNS';

/** Formats a location as `file:line:column` or `file#pointer`, for messages. */
export function formatLocation(loc: Location): string {
  let s = loc.file;
  if (loc.line !== undefined) {
    s += `:${loc.line}`;
    if (loc.column !== undefined) s += `:${loc.column}`;
  }
  if (loc.pointer !== undefined) s += `#${loc.pointer === '' ? '/' : loc.pointer}`;
  else if (loc.element !== undefined) s += ` ${loc.element}`;
  if (loc.offset !== undefined && loc.line === undefined) s += ` (offset ${loc.offset})`;
  return s;
}

/**
 * A file (or stdin) could not be read as a bill of materials: it names the file, where in it the
 * problem is, and what was expected there. The CLI turns it into exit code 2.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly code: InputErrorCode;
  readonly location: Location;
  readonly expected?: string;

  constructor(code: InputErrorCode, message: string, location: Location, expected?: string) {
    super(`${formatLocation(location)}: ${message}${expected ? ` (expected ${expected})` : ''}`);
    this.code = code;
    this.location = location;
    if (expected !== undefined) this.expected = expected;
  }

  /** The error as plain data, for the inventory's `errors` list. */
  toIssue(): InputIssue {
    const issue: InputIssue = { code: this.code, message: this.message, location: this.location };
    if (this.expected !== undefined) issue.expected = this.expected;
    return issue;
  }
}

/** The command line was used wrongly (unknown option, missing argument). Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The dataset (built-in or a user overlay) is inconsistent or malformed. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}

/**
 * A policy or waiver file is malformed or names what the dataset does not know: the message
 * names the file, the line and the JSON pointer, and what was expected. Exit code 2.
 */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
}
