/** Escaping of bill-of-materials strings for the places reports put them. */

/**
 * Makes a string safe for a terminal: C0/C1 control characters (escape sequences could recolour,
 * move the cursor or rewrite earlier output) and bidirectional overrides become visible `\uXXXX`.
 */
export function terminalSafe(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, visible);
}

/** A character as the text `\uXXXX`. */
function visible(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Control characters a CSV field cannot need: C0 but tab, line feed and carriage return; DEL; C1. */
const CSV_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * One CSV field (RFC 4180): quoted when it holds a separator, quote or line break; a leading
 * `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'` so a spreadsheet shows the
 * text instead of running it as a formula (OWASP CSV injection). Other control characters
 * (terminal escapes, backspaces) become visible `\uXXXX`: a CSV file is read with `cat` and
 * `head` as often as in a spreadsheet, and no spreadsheet needs them.
 */
export function csvField(s: string): string {
  const t = s.replace(CSV_CONTROL, visible);
  let v = /^[=+\-@\t\r]/.test(t) ? `'${t}` : t;
  if (/[",\r\n]/.test(v)) v = `"${v.replace(/"/g, '""')}"`;
  return v;
}

export function csvRow(cells: readonly string[]): string {
  return cells.map(csvField).join(',');
}
