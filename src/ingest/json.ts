/**
 * JSON input with located errors. `JSON.parse` does the work (it is the fastest parser there is
 * and is not recursive in V8, so deep nesting cannot overflow it); only when it fails does a small
 * scanner walk the text to find exactly where and what was expected, since V8's messages do not
 * always carry a position.
 */
import { InputError } from '../errors.js';
import type { Location } from '../model.js';
import { jsonTooDeepAt, MAX_JSON_DEPTH } from './limits.js';
import type { DocumentInput } from './types.js';

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function byteOffset(text: string, offset: number): number {
  return Buffer.byteLength(text.slice(0, offset), 'utf8');
}

interface SyntaxProblem {
  offset: number;
  message: string;
  expected: string;
  code: 'MALFORMED_JSON' | 'TRAILING_DATA';
}

const WS = new Set([0x20, 0x0a, 0x0d, 0x09]);

/**
 * Finds the first syntax error of a JSON text (RFC 8259). Iterative: a stack of container kinds,
 * so hostile nesting depth costs memory, not the call stack. Only called after JSON.parse failed.
 */
export function findJsonSyntaxError(s: string, start = 0): SyntaxProblem | undefined {
  let i = start;
  const n = s.length;
  const stack: number[] = []; // 0x7b '{' or 0x5b '['
  const skipWs = () => {
    while (i < n && WS.has(s.charCodeAt(i))) i++;
  };
  const fail = (message: string, expected: string): SyntaxProblem => ({
    offset: i,
    message: i >= n ? 'unexpected end of input (the file is truncated)' : message,
    expected,
    code: 'MALFORMED_JSON',
  });
  const found = () => (i >= n ? 'end of input' : JSON.stringify(s[i]));

  const readString = (): SyntaxProblem | undefined => {
    i++; // opening quote
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c === 0x5c) {
        const e = s[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
            i++;
            return fail('bad \\u escape in string', 'four hex digits after \\u');
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return fail(`bad escape \\${e ?? ''} in string`, 'one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX');
        }
      } else if (c < 0x20) {
        return fail('unescaped control character in string', 'a closing quote or an escaped character');
      } else i++;
    }
    return fail('', 'a closing quote');
  };

  const readValue = (): SyntaxProblem | 'open' | undefined => {
    skipWs();
    if (i >= n) return fail('', 'a value');
    const c = s[i]!;
    if (c === '{' || c === '[') {
      stack.push(c.charCodeAt(0));
      i++;
      return 'open';
    }
    if (c === '"') return readString();
    for (const lit of ['true', 'false', 'null']) {
      if (s.startsWith(lit, i)) {
        i += lit.length;
        return undefined;
      }
    }
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = i;
    if ((c === '-' || (c >= '0' && c <= '9')) && m.exec(s)) {
      i = m.lastIndex;
      return undefined;
    }
    return fail(`unexpected ${found()}`, 'a value (object, array, string, number, true, false or null)');
  };

  // State machine: after a value, inside a container we need ',' or the closer.
  let r = readValue();
  for (;;) {
    if (r !== undefined && r !== 'open') return r;
    if (r === 'open') {
      // Just opened a container: allow it to close at once, else read first member.
      skipWs();
      const top = stack[stack.length - 1]!;
      if (s.charCodeAt(i) === (top === 0x7b ? 0x7d : 0x5d)) {
        i++;
        stack.pop();
      } else if (top === 0x7b) {
        if (s[i] !== '"') return fail(`unexpected ${found()}`, 'a property name in double quotes or "}"');
        const e = readString();
        if (e) return e;
        skipWs();
        if (s[i] !== ':') return fail(`unexpected ${found()}`, '":" after the property name');
        i++;
        r = readValue();
        continue;
      } else {
        r = readValue();
        continue;
      }
    }
    // After a complete value.
    if (stack.length === 0) break;
    skipWs();
    const top = stack[stack.length - 1]!;
    const closer = top === 0x7b ? '}' : ']';
    if (s[i] === closer) {
      i++;
      stack.pop();
      r = undefined;
      continue;
    }
    if (s[i] !== ',') return fail(`unexpected ${found()}`, `"," or "${closer}"`);
    i++;
    skipWs();
    if (top === 0x7b) {
      if (s[i] !== '"') return fail(`unexpected ${found()}`, 'a property name in double quotes');
      const e = readString();
      if (e) return e;
      skipWs();
      if (s[i] !== ':') return fail(`unexpected ${found()}`, '":" after the property name');
      i++;
    } else if (s[i] === ']') {
      return fail('trailing comma in array', 'a value after ","');
    }
    r = readValue();
  }
  skipWs();
  if (i < n) {
    return {
      offset: i,
      message: `unexpected ${found()} after the end of the JSON document (trailing data)`,
      expected: 'end of file',
      code: 'TRAILING_DATA',
    };
  }
  return undefined;
}

/**
 * Parses a JSON text. On failure throws an {@link InputError} with the line, column and byte
 * offset of the first error and what was expected there.
 *
 * @throws InputError MALFORMED_JSON or TRAILING_DATA
 */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const problem = findJsonSyntaxError(text) ?? {
      offset: 0,
      message: (e as Error).message,
      expected: 'valid JSON',
      code: 'MALFORMED_JSON' as const,
    };
    const { line, column } = lineColumn(text, problem.offset);
    const loc: Location = { file, line, column, offset: byteOffset(text, problem.offset) };
    throw new InputError(problem.code, `invalid JSON at byte ${loc.offset}: ${problem.message}`, loc, problem.expected);
  }
}

/**
 * Parses a document's JSON text and then releases the text (`input.text` becomes ''), so that a
 * big document's text is not kept alive beside its parse tree while the reader works.
 *
 * @throws InputError MALFORMED_JSON or TRAILING_DATA
 */
export function parseJsonInput(input: DocumentInput): unknown {
  const doc = parseJson(input.text, input.file);
  checkJsonDepth(input.text, input.file);
  input.text = '';
  return doc;
}

/**
 * Refuses a (well-formed) JSON document nested deeper than `limit` (./limits.ts): the readers and
 * renderers walk parts of it recursively, and a stack overflow is no way to say "too deep".
 *
 * @throws InputError TOO_DEEP at the bracket that opens the level too many
 */
export function checkJsonDepth(text: string, file: string, limit: number = MAX_JSON_DEPTH): void {
  const at = jsonTooDeepAt(text, limit);
  if (at < 0) return;
  const { line, column } = lineColumn(text, at);
  throw new InputError('TOO_DEEP', `arrays and objects nested more than ${limit} deep`, { file, line, column, offset: byteOffset(text, at) }, `at most ${limit} levels of nesting`);
}
