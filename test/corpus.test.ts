/**
 * The acceptance check of ingest: every real SBOM of the corpus, through
 * `wherefrom inventory --format json FILE`, gives the component count of fixtures/corpus/MANIFEST.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../src/model.js';
import { cli } from './helpers.js';

interface Row {
  file: string;
  count: number | undefined;
}

/** The files table of MANIFEST.md: file name (column 1) and component count (column 7). */
function manifest(): Row[] {
  const text = readFileSync(new URL('../fixtures/corpus/MANIFEST.md', import.meta.url), 'utf8');
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!file || cells.length < 10 || !file.includes('/')) continue;
    const n = cells[7]!;
    rows.push({ file, count: n === 'n/a' ? undefined : Number(n) });
  }
  return rows;
}

/**
 * Where wherefrom deliberately differs from MANIFEST.md's count, and why. The manifest counted
 * every <component> element of these two XML files, including the one inside
 * <pedigree><ancestors>; its count of their JSON twins leaves the ancestors out, as wherefrom does:
 * an ancestor is what a component was derived from, not a part of the product.
 */
const PEDIGREE_ANCESTORS: Record<string, number> = {
  'cyclonedx-specification/valid-bom-1.5.xml': 1,
  'cyclonedx-specification/valid-bom-1.6.xml': 1,
};

const rows = manifest();

describe('the whole corpus through the CLI', () => {
  it('MANIFEST.md lists all 59 files', () => {
    expect(rows).toHaveLength(59);
  });

  it.each(rows.filter((r) => r.count !== undefined))('$file: $count components', async ({ file, count }) => {
    const r = await cli(['inventory', '--format', 'json', `fixtures/corpus/${file}`]);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error'))).toEqual([]);
    expect(r.code).toBe(0);
    const inv = JSON.parse(r.stdout) as Inventory;
    expect(inv.schema).toBe('wherefrom/inventory@1');
    expect(inv.sources).toHaveLength(1);
    expect(inv.components.length).toBe(count! - (PEDIGREE_ANCESTORS[file] ?? 0));
    expect(inv.sources[0]!.componentCount).toBe(inv.components.length);
  });

  it('the malformed powershell-2.2.6.spdx.json exits 2 with its file, line and byte offset', async () => {
    const file = 'fixtures/corpus/bom-shelter/in-the-wild/spdx/powershell-2.2.6.spdx.json';
    const r = await cli(['inventory', '--format', 'json', file]);
    expect(r.code).toBe(2);
    const inv = JSON.parse(r.stdout) as Inventory;
    expect(inv.components).toEqual([]);
    expect(inv.errors).toHaveLength(1);
    expect(inv.errors[0]).toMatchObject({ code: 'TRAILING_DATA', location: { file, offset: 95877 } });
    expect(inv.errors[0]!.location.line).toBeGreaterThan(1);
    expect(r.stderr).toContain(`error: ${file}:`);
    expect(r.stderr).toContain('byte 95877');
  });

  it('the whole corpus directory in one run: every good file read, the bad one listed, exit 2', async () => {
    const r = await cli(['inventory', '--format', 'json', 'fixtures/corpus']);
    expect(r.code).toBe(2);
    const inv = JSON.parse(r.stdout) as Inventory;
    expect(inv.errors.map((e) => e.location.file)).toEqual(['fixtures/corpus/bom-shelter/in-the-wild/spdx/powershell-2.2.6.spdx.json']);
    expect(inv.sources).toHaveLength(58);
    const expected = rows.reduce((n, r) => n + (r.count ?? 0) - (PEDIGREE_ANCESTORS[r.file] ?? 0), 0);
    expect(inv.components.length).toBe(expected);
    // Ids are unique across the whole inventory.
    expect(new Set(inv.components.map((c) => c.id)).size).toBe(inv.components.length);
  });

  it('is deterministic: the same input gives byte-identical output', async () => {
    const a = await cli(['inventory', '--format', 'json', 'fixtures/corpus/cyclonedx-node-npm', 'fixtures/corpus/spdx-examples']);
    const b = await cli(['inventory', '--format', 'json', 'fixtures/corpus/cyclonedx-node-npm', 'fixtures/corpus/spdx-examples']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });
});
