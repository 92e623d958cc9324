/**
 * CSV beyond markdown-csv.test.ts: a known attribution and dependency path from a real corpus
 * SBOM, npm paths as names, and the bytes (CRLF everywhere, no byte-order mark).
 */
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/report/csv.js';
import { corpus, parseCsv, resultFor } from './result.js';

const DROPWIZARD = corpus('cyclonedx-bom-examples/SBOM__dropwizard-1.3.15__bom.json');

describe('csv report', () => {
  it('guava: Google, controlled by Alphabet (US), with its evidence and the dependency path that brings it in', async () => {
    const r = await resultFor([DROPWIZARD], [{ countries: { US: 'warn' } }]);
    const text = renderCsv(r, {});
    const rows = parseCsv(text);
    expect(rows).toHaveLength(r.report.components.length + 1);
    const col = (name: string) => rows[0]!.indexOf(name);
    const guava = rows.find((x) => x[col('name')] === 'com.google.guava/guava')!;
    expect([guava[col('organisation_id')], guava[col('controller_id')], guava[col('controller')], guava[col('country')]]).toEqual(['google', 'alphabet', 'Alphabet Inc.', 'US']);
    expect(guava[col('verdict')]).toBe('warn');
    expect(guava[col('evidence')]).toBe('purl maven:com.google');
    expect(guava[col('path')]).toBe('org.jdbi/jdbi3-guava@3.5.1 > com.google.guava/guava@24.1.1-jre');
    expect(rows.every((x) => x.length === rows[0]!.length)).toBe(true);
  });

  it('CRLF line endings only, no byte-order mark, byte-identical twice', async () => {
    const text = renderCsv(await resultFor([DROPWIZARD]), {});
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(renderCsv(await resultFor([DROPWIZARD]), {})).toBe(text);
  });

  it('npm paths without a policy are names, as in findings', async () => {
    const rows = parseCsv(renderCsv(await resultFor(['fixtures/npm/small-v2/package-lock.json']), {}));
    expect(rows.find((x) => x[1] === 'ms' && x[2] === '2.1.3')!.at(-1)).toBe('debug@4.4.3 > ms@2.1.3');
  });
});
