/**
 * XML input, safely: a small element tree built from saxes events, with the line of every element
 * and its path (`/bom/components/component[3]`) for locations.
 *
 * Hostile input is refused, not survived by luck: any DOCTYPE is rejected (no DTD, so no external
 * entities and no entity expansion — saxes itself resolves only the five predefined entities and
 * character references), nesting depth is bounded, and errors carry line and column.
 * https://www.w3.org/TR/xml/ ; https://github.com/lddubeau/saxes
 */
import { SaxesParser } from 'saxes';
import { InputError } from '../errors.js';
import type { Location } from '../model.js';
import { MAX_XML_DEPTH } from './limits.js';

/** Deepest element nesting accepted (./limits.ts). Real CycloneDX documents stay far below it. */
export { MAX_XML_DEPTH };

export interface XmlElement {
  /** Local name (no prefix). */
  name: string;
  /** Namespace URI ('' when none). */
  uri: string;
  /** Attributes by local name; a null-prototype object, so `__proto__` is just a name. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element. */
  text: string;
  line: number;
  column: number;
  parent?: XmlElement;
  /** 1-based position among the parent's children of the same name. */
  position: number;
}

/** The element path of a node, e.g. `/bom/components/component[3]`. */
export function elementPath(el: XmlElement): string {
  const parts: string[] = [];
  for (let e: XmlElement | undefined = el; e; e = e.parent) {
    parts.push(e.parent ? `${e.name}[${e.position}]` : e.name);
  }
  return `/${parts.reverse().join('/')}`;
}

/** The location of an element. */
export function elementLocation(file: string, el: XmlElement): Location {
  return { file, element: elementPath(el), line: el.line, column: el.column };
}

/**
 * Parses an XML document into an element tree.
 * @throws InputError MALFORMED_XML (with line and column), FORBIDDEN_XML (a DOCTYPE), TOO_DEEP
 */
export function parseXml(text: string, file: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let root: XmlElement | undefined;
  let current: XmlElement | undefined;
  let depth = 0;
  // Per open element, how many children of each name it has so far (for `[n]` positions).
  const counts: Map<string, number>[] = [];
  let failure: InputError | undefined;
  const here = (): Location => ({ file, line: parser.line, column: parser.column });
  const fail = (err: InputError) => {
    failure ??= err;
    throw err;
  };

  parser.on('doctype', () => {
    fail(
      new InputError('FORBIDDEN_XML', 'DOCTYPE declarations are not allowed: no DTDs, external entities or entity expansion', here(), 'a document without <!DOCTYPE>'),
    );
  });
  parser.on('opentag', (tag) => {
    depth++;
    if (depth > MAX_XML_DEPTH) {
      fail(new InputError('TOO_DEEP', `elements nested more than ${MAX_XML_DEPTH} deep`, here(), `at most ${MAX_XML_DEPTH} levels of nesting`));
    }
    const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const a of Object.values(tag.attributes)) {
      // Namespace declarations are not data.
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs[a.local] = a.value;
    }
    const el: XmlElement = {
      name: tag.local ?? tag.name,
      uri: tag.uri ?? '',
      attrs,
      children: [],
      text: '',
      line: parser.line,
      column: parser.column,
      position: 1,
    };
    if (current) {
      el.parent = current;
      const seen = counts[counts.length - 1]!;
      const pos = (seen.get(el.name) ?? 0) + 1;
      seen.set(el.name, pos);
      el.position = pos;
      current.children.push(el);
    } else {
      root = el;
    }
    current = el;
    counts.push(new Map());
  });
  parser.on('closetag', () => {
    depth--;
    counts.pop();
    current = current?.parent;
  });
  const addText = (t: string) => {
    if (current) current.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('error', (e) => {
    // saxes prefixes its messages with "line:column: ".
    const msg = e.message.replace(/^\d+:\d+:\s*/, '');
    fail(new InputError('MALFORMED_XML', `invalid XML: ${msg}`, here(), 'well-formed XML'));
  });

  try {
    parser.write(text).close();
  } catch (e) {
    if (failure) throw failure;
    throw e;
  }
  if (!root) throw new InputError('MALFORMED_XML', 'no root element', { file, line: 1, column: 1 }, 'an XML document');
  return root;
}

/** The children of an element with a local name. */
export function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** The first child of an element with a local name. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** The trimmed text of the first child with a local name. */
export function childText(el: XmlElement | undefined, name: string): string | undefined {
  const c = child(el, name);
  return c === undefined ? undefined : c.text;
}
