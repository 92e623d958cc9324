/**
 * The one list of document readers, and detection by content: a file is read by the reader
 * whose sniff recognises it, whatever its name.
 */
import { InputError } from '../errors.js';
import { type CsvColumns, csvAssetReader, sniffAssetList } from './csv.js';
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
  csvAssetReader,
];

/** How much of the start and of the end of a file a sniff looks at. */
export const SNIFF_BYTES = 64 * 1024;

const EXPECTED = 'a CycloneDX (JSON or XML), SPDX 2 (JSON or tag-value) or SPDX 3 (JSON-LD) document, or a CSV asset list';

/**
 * The reader whose sniff recognises a head and tail of a text (tail '' when the head is all of
 * it). With `columns` (the user's `--columns`), a CSV whose header has those columns is an asset list.
 */
export function readerForHeadTail(head: string, tail: string, columns?: CsvColumns): DocumentReader | undefined {
  const found = documentReaders.find((r) => r.sniff(head, tail));
  if (found || !columns) return found;
  return sniffAssetList(head, columns) ? csvAssetReader : undefined;
}

/** The reader whose sniff recognises the text, if any (cheap: looks at head and tail only). */
export function sniffReader(text: string, columns?: CsvColumns): DocumentReader | undefined {
  const big = text.length > SNIFF_BYTES;
  return readerForHeadTail(big ? text.slice(0, SNIFF_BYTES) : text, big ? text.slice(-SNIFF_BYTES) : '', columns);
}

/**
 * The reader for a file the user named: by sniffing, and failing that by looking at the whole
 * document (a JSON document's format key can sit anywhere in it).
 * @throws InputError UNKNOWN_FORMAT, or the syntax error of a document that is not well-formed
 */
export function detectReader(text: string, file: string, columns?: CsvColumns): DocumentReader {
  const sniffed = sniffReader(text, columns);
  if (sniffed) return sniffed;
  // A file named .csv or .tsv is read as an asset list, which says what its header lacks.
  if (/\.(?:csv|tsv)$/i.test(file)) return csvAssetReader;
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
