/**
 * A CSV tokenizer (RFC 4180, as spreadsheets and CMDBs write it): `,`, `;` or tab separators,
 * fields quoted with `"` (doubled inside), line breaks inside quoted fields, CRLF or LF. One pass,
 * linear in the input; each record keeps the line it starts on, so a bad row can be pointed at.
 */

/** One record: its fields and where it starts. */
export interface CsvRecord {
  fields: string[];
  /** 1-based line of the record's first character. */
  line: number;
  /** Where each field starts: 1-based line and column. */
  starts: [line: number, column: number][];
}

/** A record that could not be read as written. */
export interface CsvProblem {
  line: number;
  column: number;
  message: string;
  expected: string;
}

export interface CsvParse {
  records: CsvRecord[];
  problems: CsvProblem[];
  separator: string;
}

const SEPARATORS = [',', ';', '\t'];

/**
 * The separator of a CSV text: of `,`, `;` and tab, the one found most often outside quotes in
 * its first line (a German spreadsheet writes `;`, since `,` is its decimal mark).
 */
export function sniffSeparator(text: string): string {
  const counts = new Map<string, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const s of SEPARATORS) if (counts.get(s)! > counts.get(best)!) best = s;
  return best;
}

/**
 * Splits a CSV text into records. A record with a stray character after a closing quote, or a
 * quote never closed, is reported in `problems` and left out; the others are all returned.
 * Blank lines are skipped.
 */
export function parseCsv(text: string, separator = sniffSeparator(text)): CsvParse {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  // The next "\n" at or after the current position (n when none): remembered, so that a quoted
  // field of many `""` escapes does not search the rest of the text again after each one.
  let nextNewline = -1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    const starts: [number, number][] = [];
    let bad: CsvProblem | undefined;
    // One record.
    for (;;) {
      let value = '';
      starts.push([line, i - lineStart + 1]);
      if (text[i] === '"') {
        const openLine = line;
        const openColumn = i - lineStart + 1;
        i++;
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          const end = q < 0 ? n : q;
          // Count the line breaks inside the quoted part.
          if (nextNewline < i) nextNewline = newlineFrom(text, i);
          while (nextNewline < end) {
            line++;
            lineStart = nextNewline + 1;
            nextNewline = newlineFrom(text, nextNewline + 1);
          }
          value += text.slice(i, end);
          if (q < 0) {
            i = n;
            break;
          }
          if (text[q + 1] === '"') {
            value += '"';
            i = q + 2;
          } else {
            i = q + 1;
            closed = true;
            break;
          }
        }
        if (!closed) {
          bad ??= { line: openLine, column: openColumn, message: 'a quoted field is never closed', expected: 'a closing " before the end of the file' };
        } else if (i < n && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') {
          bad ??= {
            line,
            column: i - lineStart + 1,
            message: `unexpected ${JSON.stringify(text[i])} after a closing quote${line > openLine ? ` (the quoted field opened on line ${openLine}, column ${openColumn}: a quote missing there?)` : ''}`,
            expected: `${separator === '\t' ? 'a tab' : `"${separator}"`} or the end of the line after a quoted field`,
          };
          // Skip to the next separator or line end.
          while (i < n && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') i++;
        }
      } else {
        let j = i;
        while (j < n && text[j] !== separator && text[j] !== '\n' && text[j] !== '\r') j++;
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      if (i < n && text[i] === separator) {
        i++;
        continue;
      }
      break;
    }
    // The line end.
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    lineStart = i;
    if (bad) problems.push(bad);
    else if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ fields, line: startLine, starts });
  }
  return { records, problems, separator };
}

/** The offset of the first "\n" at or after `from`, or the text's length when there is none. */
function newlineFrom(text: string, from: number): number {
  const k = text.indexOf('\n', from);
  return k < 0 ? text.length : k;
}
