/**
 * Line numbers for JSON pointers. Readers locate a JSON document's components by pointer (exact,
 * and free to record); code-scanning tools want a line. This walks a document's text once, and
 * descends only into values on the way to a wanted pointer: other values are skipped by
 * bracket-counting, so finding a few hundred components of an 80 MB SBOM is one fast pass.
 */
import type { Location } from '../model.js';

/** Line and column (1-based) of the values the pointers name, for those found in the text. */
export function pointerLines(text: string, pointers: ReadonlySet<string>): Map<string, { line: number; column: number }> {
  const found = new Map<string, { line: number; column: number }>();
  if (pointers.size === 0) return found;
  // Every prefix of a wanted pointer: only values on those paths are entered.
  const prefixes = new Set<string>();
  for (const p of pointers) {
    prefixes.add(p);
    for (let i = p.indexOf('/', 1); i !== -1; i = p.indexOf('/', i + 1)) prefixes.add(p.slice(0, i));
  }
  prefixes.add('');
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) {
        line++;
        lineStart = ++i;
      } else if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
      else return;
    }
  };
  const string = () => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return i++;
      i += c === 0x5c ? 2 : 1;
    }
    return i;
  };
  /** Skips a value, counting lines; stops before the `,` `}` or `]` after it. */
  const skip = () => {
    let depth = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        string();
        if (depth === 0) return;
        continue;
      }
      if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) return;
        if (--depth === 0) {
          i++;
          return;
        }
      } else if (c === 0x0a) {
        line++;
        lineStart = i + 1;
      } else if (depth === 0 && (c === 0x2c || c === 0x20 || c === 0x09 || c === 0x0d)) return;
      i++;
    }
  };
  const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
  const value = (pointer: string): void => {
    ws();
    if (pointers.has(pointer)) found.set(pointer, { line, column: i - lineStart + 1 });
    if (found.size === pointers.size) return;
    const c = text.charCodeAt(i);
    if (!prefixes.has(pointer) || (c !== 0x7b && c !== 0x5b)) return skip();
    walk(pointer, c === 0x5b);
  };
  const walk = (start: string, isArray: boolean) => {
    const stack: { pointer: string; array: boolean; index: number }[] = [{ pointer: start, array: isArray, index: 0 }];
    i++;
    while (stack.length > 0 && i < n && found.size < pointers.size) {
      const top = stack[stack.length - 1]!;
      ws();
      const c = text.charCodeAt(i);
      if (c === 0x7d || c === 0x5d) {
        i++;
        stack.pop();
        continue;
      }
      if (c === 0x2c) {
        i++;
        continue;
      }
      let child: string;
      if (top.array) child = `${top.pointer}/${top.index++}`;
      else {
        const from = i;
        string();
        child = `${top.pointer}/${escape(JSON.parse(text.slice(from, i)) as string)}`;
        ws();
        i++; // ':'
      }
      ws();
      if (pointers.has(child)) found.set(child, { line, column: i - lineStart + 1 });
      const v = text.charCodeAt(i);
      if (prefixes.has(child) && (v === 0x7b || v === 0x5b)) {
        stack.push({ pointer: child, array: v === 0x5b, index: 0 });
        i++;
      } else skip();
    }
  };
  value('');
  return found;
}

/**
 * Adds line and column to locations that have only a JSON pointer, reading each file once.
 * @param read gives a file's text (undefined when it cannot be read: those stay as they are)
 */
export async function addLines(locations: Iterable<Location>, read: (file: string) => Promise<string | undefined>): Promise<void> {
  const byFile = new Map<string, Location[]>();
  for (const l of locations) {
    if (l.line !== undefined || l.pointer === undefined || l.file === '-') continue;
    let list = byFile.get(l.file);
    if (!list) byFile.set(l.file, (list = []));
    list.push(l);
  }
  for (const [file, locs] of byFile) {
    const text = await read(file);
    if (text === undefined || !/^\s*[{[]/.test(text.slice(0, 1024).replace(/^\uFEFF/, ''))) continue;
    const lines = pointerLines(text.replace(/^\uFEFF/, ''), new Set(locs.map((l) => l.pointer!)));
    for (const l of locs) {
      const at = lines.get(l.pointer!);
      if (at) {
        l.line = at.line;
        l.column = at.column;
      }
    }
  }
}
