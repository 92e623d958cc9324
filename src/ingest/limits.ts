/**
 * The resource bounds of reading, in one place. Every reader holds a document to all four: the
 * largest input, the deepest nesting, the longest string and the most components. Past a bound a
 * document is refused with a located InputError (TOO_LARGE, TOO_DEEP, TOO_MANY) — or, for a
 * string, cut with a located TRUNCATED_VALUE warning — so that hostile or broken input costs
 * memory in proportion to its size and never overflows the stack or exhausts the heap.
 *
 * The values are far above anything real bills of materials need (the largest in the corpus has
 * a few thousand components, nested a few levels) and far below what would hurt the process.
 */
import { InputError } from '../errors.js';
import type { Location } from '../model.js';

/**
 * Largest input read, in bytes: V8 cannot hold a string much longer (its limit is 2^29 − 24
 * UTF-16 units on 64-bit builds), so a bigger file could not be decoded anyway.
 */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

/**
 * Deepest nesting of JSON arrays and objects in a document. JSON.parse is iterative in V8, but
 * the readers and the renderers walk parts of the tree recursively (nested components, SPDX 3
 * blank nodes, deep copies when enriching): a bound keeps those walks far from the stack's limit
 * (about 10,000 frames). It is above twice MAX_COMPONENT_DEPTH, since each level of nested
 * CycloneDX components is an object inside an array.
 */
export const MAX_JSON_DEPTH = 1024;

/** Deepest XML element nesting (saxes is iterative; the CycloneDX lift into JSON is recursive). */
export const MAX_XML_DEPTH = 512;

/** Deepest nesting of CycloneDX components (and services) inside each other. */
export const MAX_COMPONENT_DEPTH = 256;

/**
 * Longest string kept from an input field, in UTF-16 units: no name, version or licence is longer,
 * and cutting keeps one hostile field from multiplying through every copy of a component.
 */
export const MAX_STRING = 64 * 1024;

/**
 * Most components (packages, elements, rows, services) read from one document. A component in
 * the model costs about a kilobyte, so this keeps one document's model within a few gigabytes
 * at worst; the largest real SBOMs have tens of thousands.
 */
export const MAX_COMPONENTS = 5_000_000;

/**
 * Refuses a document once it holds more than `limit` components.
 * @param count the number of components read so far (including the one about to be added)
 * @throws InputError TOO_MANY at `loc`
 */
export function checkComponentCount(count: number, loc: Location, limit: number = MAX_COMPONENTS): void {
  if (count > limit) {
    throw new InputError('TOO_MANY', `more than ${limit} components in one document`, loc, `at most ${limit} components per document`);
  }
}

/**
 * The character offset of the first `[` or `{` that opens a level deeper than `limit` in a JSON
 * text, or -1. One linear pass that jumps over strings (so brackets inside them do not count);
 * meant for text JSON.parse has accepted, where every string is closed.
 */
export function jsonTooDeepAt(text: string, limit: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Find the closing quote: one not preceded by an odd number of backslashes.
      let j = text.indexOf('"', i + 1);
      for (;;) {
        if (j < 0) return -1;
        let k = j - 1;
        while (text.charCodeAt(k) === 0x5c) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      i = j;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}
