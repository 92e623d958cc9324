/**
 * Hardware attributions in every report format, with their evidence: the id, the registry entry
 * it resolved through (vendor name), and the organisation.
 */
import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS } from '../../src/report/index.js';
import { cli } from '../helpers.js';

const VIA = 'pci.ids 2023.04.10: Huawei Technologies Co., Ltd.';
/** Formats whose text GitLab or GitHub may render as Markdown: SBOM strings are backslash-escaped there. */
const ESCAPED = new Set<string>(['markdown', 'codequality']);

describe('hardware evidence in every report format', () => {
  it.each(REPORT_FORMATS.map((f) => [f]))('%s', async (format) => {
    const r = await cli(['host', '--root', 'fixtures/host/x86-server', '--deny-country', 'CN', '--as-of', '2026-11-28', '--format', format]);
    expect(r.code).toBe(1);
    // JSON-based formats escape nothing in this string; the others print it as text, and the
    // Markdown-rendered ones escape it.
    // Code Quality's Markdown is inside JSON strings: read them first.
    const text = format === 'codequality' ? (JSON.parse(r.stdout) as { description: string }[]).map((i) => i.description).join('\n') : r.stdout;
    expect(text).toContain(ESCAPED.has(format) ? 'pci\\.ids 2023\\.04\\.10: Huawei Technologies Co\\., Ltd\\.' : VIA);
    expect(text).toContain(ESCAPED.has(format) ? 'Hi1822 Family \\(4\\*25GE\\)' : 'Hi1822 Family (4*25GE)');
  });
});
