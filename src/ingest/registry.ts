/**
 * The one list of document readers, and detection by content: a file is read by the reader
 * whose sniff recognises it, whatever its name.
 */
import { InputError } from '../errors.js';
import { cyclonedxJsonReader, cyclonedxXmlReader } from './cyclonedx.js';
import { parseJson } from './json.js';
import { isObject } from './normalize.js';
import { spdxJsonReader, spdxTagValueReader } from './spdx2.js';
import { spdx3Reader } from './spdx3.js';
import type { DocumentReader } from './types.js';

/** Every document reader, most specific sniff first. */
export const documentReaders: readonly DocumentReader[] = [
  cyclonedxJsonReader,
  cyclonedxXmlReader,
  spdx3Reader,
  spdxJsonReader,
  spdxTagValueReader,
];

/** How much of the start and of the end of a file a sniff looks at. */
export const SNIFF_BYTES = 64 * 1024;

const EXPECTED = 'a CycloneDX (JSON or XML), SPDX 2 (JSON or tag-value) or SPDX 3 (JSON-LD) document';

/** The reader whose sniff recognises a head and tail of a text (tail '' when the head is all of it). */
export function readerForHeadTail(head: string, tail: string): DocumentReader | undefined {
  return documentReaders.find((r) => r.sniff(head, tail));
}

/** The reader whose sniff recognises the text, if any (cheap: looks at head and tail only). */
export function sniffReader(text: string): DocumentReader | undefined {
  const big = text.length > SNIFF_BYTES;
  return readerForHeadTail(big ? text.slice(0, SNIFF_BYTES) : text, big ? text.slice(-SNIFF_BYTES) : '');
}

/**
 * The reader for a file the user named: by sniffing, and failing that by looking at the whole
 * document (a JSON document's format key can sit anywhere in it).
 * @throws InputError UNKNOWN_FORMAT, or the syntax error of a document that is not well-formed
 */
export function detectReader(text: string, file: string): DocumentReader {
  const sniffed = sniffReader(text);
  if (sniffed) return sniffed;
  const start = /\S/.exec(text.slice(0, 4096))?.index ?? 0;
  const first = text[start];
  if (first === '{' || first === '[') {
    const doc = parseJson(text, file);
    if (isObject(doc)) {
      if (doc.bomFormat === 'CycloneDX') return cyclonedxJsonReader;
      if ('@graph' in doc || '@context' in doc) return spdx3Reader;
      if ('spdxVersion' in doc) return spdxJsonReader;
    }
    throw new InputError('UNKNOWN_FORMAT', 'JSON, but not a bill of materials wherefrom reads', { file, pointer: '' }, EXPECTED);
  }
  // Any other XML goes to the XML reader, which reports a syntax error with its line, or names
  // the root element it found instead of a CycloneDX <bom>.
  if (first === '<') return cyclonedxXmlReader;
  throw new InputError('UNKNOWN_FORMAT', 'not a bill of materials wherefrom reads', { file, line: 1, column: start + 1 }, EXPECTED);
}
