/** Markdown and CSV: real results, hostile strings made inert, determinism, caps. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/report/csv.js';
import { markdownEscape, renderMarkdown } from '../../src/report/markdown.js';
import { parseCsv, resultFor } from './result.js';

const EDGE = 'examples/sboms/edge-site.cdx.json';
const HOSTILE = "x](http://evil)<img src=x onerror=alert(1)>|@admin\n# heading";

/** An SBOM whose one component has a hostile name, supplied by a listed vendor. */
function hostileSbom(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wherefrom-'));
  const file = path.join(dir, 'hostile.cdx.json');
  writeFileSync(
    file,
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      components: [
        { type: 'device', 'bom-ref': 'a', name: HOSTILE, manufacturer: { name: 'ZTE Corporation' } },
        { type: 'library', 'bom-ref': 'b', name: "=cmd|' /C calc'!A0", version: '1.0', supplier: { name: 'ZTE Corporation' } },
      ],
    }),
  );
  return file;
}

describe('markdown', () => {
  it('summarises each policy and lists the findings that count', async () => {
    const md = renderMarkdown(await resultFor([EDGE], [{ name: 'no-cn', countries: { CN: 'deny' } }]), {});
    expect(md).toContain('❌ **no\\-cn**: 7 deny, 1 warn');
    expect(md).toContain('| ❌ | Origin denied by policy | CloudEngine S5735\\-L24T4X | Huawei Technologies Co\\., Ltd\\. \\(CN\\) | manufacturer\\.name name:Huawei Technologies Co\\., Ltd\\. | country CN |');
    expect(md).toContain('<details><summary>Summary</summary>');
    expect(renderMarkdown(await resultFor([EDGE], [{ name: 'no-cn', countries: { CN: 'deny' } }]), {})).toBe(md);
  });

  it('a hostile component name stays inert: no link, no HTML, no table break, no mention, one line', async () => {
    const md = renderMarkdown(await resultFor([hostileSbom()], [{ lists: { '*': 'deny' } }]), {});
    const line = md.split('\n').find((l) => l.includes('img'))!;
    expect(line).not.toContain('<img');
    expect(line).not.toContain('](');
    expect(line).not.toMatch(/@admin/);
    expect(line.split(/(?<!\\)\|/).length).toBe(9); // 7 cells between 8 unescaped pipes
    expect(md).not.toMatch(/^# heading/m);
    expect(markdownEscape('a'.repeat(500)).length).toBeLessThanOrEqual(200);
  });
});

describe('csv', () => {
  it('one row per component, with the attribution, verdict and findings', async () => {
    const r = await resultFor([EDGE], [{ name: 'no-ru', countries: { RU: 'deny' } }]);
    const rows = parseCsv(renderCsv(r, {}));
    expect(rows[0]).toEqual(['file', 'name', 'version', 'purl', 'type', 'organisation_id', 'organisation', 'controller_id', 'controller', 'country', 'ownership', 'confidence', 'lists', 'verdict', 'findings', 'evidence', 'unattributed', 'maintainers', 'path']);
    expect(rows).toHaveLength(r.report.components.length + 1);
    const nic = rows.find((x) => x[1] === 'ConnectX-6 Dx')!;
    expect(nic.slice(5, 12)).toEqual(['mellanox', 'Mellanox Technologies, Ltd.', 'nvidia', 'NVIDIA Corporation', 'US', 'public', 'high']);
    const kav = rows.find((x) => x[1] === 'Kaspersky Endpoint Security for Linux')!;
    expect(kav[13]).toBe('deny');
    expect(kav[14]).toBe('ORIGIN_DENIED:no-ru');
    expect(rows.find((x) => x[1] === 'lodash')![9]).toBe('US');
    expect(renderCsv(await resultFor([EDGE], [{ name: 'no-ru', countries: { RU: 'deny' } }]), {})).toBe(renderCsv(r, {}));
  });

  it('defuses formula injection and keeps hostile text as data', async () => {
    const rows = parseCsv(renderCsv(await resultFor([hostileSbom()]), {}));
    expect(rows.find((x) => x[1]!.includes('cmd'))![1]).toBe("'=cmd|' /C calc'!A0");
    expect(rows.find((x) => x[1]!.includes('img'))![1]).toBe(HOSTILE);
  });
});

describe('markdown size', () => {
  it('stays under GitHub\'s comment limit even when every string escapes to several times its length', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wherefrom-'));
    const file = path.join(dir, 'big.cdx.json');
    const components = Array.from({ length: 400 }, (_, i) => ({ type: 'library', 'bom-ref': `c${i}`, name: `${'&<'.repeat(90)}${i}`, supplier: { name: 'ZTE Corporation' } }));
    writeFileSync(file, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components }));
    const md = renderMarkdown(await resultFor([file], [{ lists: { '*': 'deny' } }]), {});
    expect(md.length).toBeLessThan(65536);
    expect(md).toMatch(/… and \d+ more/);
  });
});
