/** Bytes to text: byte-order marks, UTF-16, legacy XML encodings; empty and binary files refused. */
import { isUtf8 } from 'node:buffer';
import { InputError } from '../errors.js';
import { MAX_INPUT_BYTES } from './limits.js';

export { MAX_INPUT_BYTES };

/** Offset of the first byte that is not part of a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/**
 * Decodes a file's bytes to text (a string given directly only loses its byte-order mark).
 * @throws InputError EMPTY_FILE, BINARY_FILE (NUL bytes, or bytes that are not UTF-8 text), TOO_LARGE
 */
export function decodeText(bytes: Uint8Array | string, file: string): string {
  if (typeof bytes === 'string') return checkNotBlank(bytes.charCodeAt(0) === 0xfeff ? bytes.slice(1) : bytes, file);
  if (bytes.length === 0) throw new InputError('EMPTY_FILE', 'the file is empty', { file }, 'a bill of materials');
  if (bytes.length > MAX_INPUT_BYTES) {
    // Located at the first byte past the bound.
    throw new InputError('TOO_LARGE', `${bytes.length} bytes is more than the ${MAX_INPUT_BYTES} bytes wherefrom reads`, { file, offset: MAX_INPUT_BYTES }, `at most ${MAX_INPUT_BYTES} bytes`);
  }
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    const head = bytes.subarray(0, 8192);
    const nul = head.indexOf(0);
    if (nul !== -1) {
      throw new InputError('BINARY_FILE', `binary data (a NUL byte at offset ${nul})`, { file, offset: nul }, 'a text bill of materials (JSON, XML or SPDX tag-value)');
    }
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    text = buf.toString('utf8');
    // Decoding replaces invalid bytes with U+FFFD; only a text that holds one needs the full
    // check (a document may also contain U+FFFD itself).
    if (text.includes('\ufffd') && !isUtf8(buf)) {
      // An XML document may declare a single-byte encoding; anything else must be UTF-8.
      const decl = /^<\?xml[^>]*encoding\s*=\s*["'](iso-8859-1|latin-?1|windows-1252|us-ascii)["']/i.exec(buf.subarray(0, 200).toString('latin1'));
      if (!decl) {
        const at = firstInvalidUtf8(bytes);
        throw new InputError('BINARY_FILE', `not UTF-8 text (invalid byte 0x${bytes[at]?.toString(16).padStart(2, '0')} at offset ${at})`, { file, offset: at }, 'UTF-8 text');
      }
      text = new TextDecoder('windows-1252').decode(bytes);
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  }
  return checkNotBlank(text, file);
}

function checkNotBlank(text: string, file: string): string {
  if (!/\S/.test(text.slice(0, 4096)) && text.trim() === '') {
    throw new InputError('EMPTY_FILE', text === '' ? 'the input is empty' : 'the input holds only white space', { file }, 'a bill of materials');
  }
  return text;
}
