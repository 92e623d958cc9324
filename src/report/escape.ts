/** Escaping of bill-of-materials strings for the places reports put them. */

/**
 * Makes a string safe for a terminal: C0/C1 control characters (escape sequences could recolour,
 * move the cursor or rewrite earlier output) and bidirectional overrides become visible `\uXXXX`.
 */
export function terminalSafe(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * One CSV field (RFC 4180): quoted when it holds a separator, quote or line break; a leading
 * `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'` so a spreadsheet shows the
 * text instead of running it as a formula (OWASP CSV injection).
 */
export function csvField(s: string): string {
  let v = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  if (/[",\r\n]/.test(v)) v = `"${v.replace(/"/g, '""')}"`;
  return v;
}

export function csvRow(cells: readonly string[]): string {
  return cells.map(csvField).join(',');
}
