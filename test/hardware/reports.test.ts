/**
 * Hardware attributions in every report format, with their evidence: the id, the registry entry
 * it resolved through (vendor name), and the organisation.
 */
import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS } from '../../src/report/index.js';
import { cli } from '../helpers.js';

const VIA = 'pci.ids 2023.04.10: Huawei Technologies Co., Ltd.';

describe('hardware evidence in every report format', () => {
  it.each(REPORT_FORMATS.map((f) => [f]))('%s', async (format) => {
    const r = await cli(['host', '--root', 'fixtures/host/x86-server', '--deny-country', 'CN', '--as-of', '2026-11-28', '--format', format]);
    expect(r.code).toBe(1);
    // JSON-based formats escape nothing in this string; the others print it as text.
    expect(r.stdout).toContain(format === 'markdown' ? 'pci\\.ids 2023\\.04\\.10: Huawei Technologies Co\\., Ltd\\.' : VIA);
    expect(r.stdout).toContain(format === 'markdown' ? 'Hi1822 Family \\(4\\*25GE\\)' : 'Hi1822 Family (4*25GE)');
  });
});
