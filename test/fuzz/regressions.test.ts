/**
 * Inputs the fuzz suite found that broke a reader or a loader, kept as plain tests. Each says
 * what happened before its fix.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../../src/errors.js';
import { inventory } from '../../src/ingest/index.js';
import { loadCatalog } from '../../src/plan/catalog.js';

const SPDX3_CONTEXT = 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld';
const dir = mkdtempSync(path.join(os.tmpdir(), 'wherefrom-fuzz-regressions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('regressions found by the fuzz suite', () => {
  it('SPDX 3: a chain of 10,000 Boms, each the root of the one before (was: RangeError, stack overflow)', async () => {
    const n = 10_000;
    const graph: Record<string, unknown>[] = [{ type: 'SpdxDocument', spdxId: 'urn:doc', rootElement: ['urn:bom:0'] }];
    for (let i = 0; i < n; i++) graph.push({ type: 'software_Sbom', spdxId: `urn:bom:${i}`, rootElement: [i === n - 1 ? 'urn:pkg' : `urn:bom:${i + 1}`] });
    graph.push({ type: 'software_Package', spdxId: 'urn:pkg', name: 'p' });
    const inv = await inventory([{ file: 'chain.json', content: JSON.stringify({ '@context': SPDX3_CONTEXT, '@graph': graph }) }]);
    expect(inv.errors).toEqual([]);
    expect(inv.dependencies).toMatchObject([{ from: 'chain.json#urn:doc', to: 'chain.json#urn:pkg', kind: 'describes', location: { pointer: `/@graph/${n}/rootElement/0` } }]);
  });

  it('SPDX 3: inline Boms nested 5,000 deep (was: RangeError; now the JSON depth bound, located)', async () => {
    // Written as text: JSON.stringify itself recurses, and overflows on a tree this deep.
    const el = `${'{"type": "software_Sbom", "rootElement": ['.repeat(5_000)}"urn:pkg"${']}'.repeat(5_000)}`;
    const text = `{"@context": "${SPDX3_CONTEXT}", "@graph": [{"type": "SpdxDocument", "spdxId": "urn:doc", "rootElement": [${el}]}, {"type": "software_Package", "spdxId": "urn:pkg", "name": "p"}]}`;
    const inv = await inventory([{ file: 'inline.json', content: text }]);
    expect(inv.errors).toMatchObject([{ code: 'TOO_DEEP', location: { file: 'inline.json', line: 1, column: expect.any(Number), offset: expect.any(Number) } }]);
    // The offset is that of the bracket opening level 1025.
    const at = inv.errors[0]!.location.offset!;
    expect('[{'.includes(text[at]!)).toBe(true);
  });

  it('CSV: a quoted field of 400,000 doubled quotes reads in linear time (was: quadratic, seconds)', async () => {
    const t0 = performance.now();
    const inv = await inventory([{ file: 'a.csv', content: `Manufacturer,Model\n"${'""'.repeat(400_000)}",x\n` }]);
    expect(performance.now() - t0).toBeLessThan(1_500);
    expect(inv.components).toHaveLength(1);
    expect(inv.diagnostics).toMatchObject([{ code: 'TRUNCATED_VALUE', location: { file: 'a.csv', line: 2, column: 1 } }]);
  });

  it('CSV: a cell past the longest string is cut with a located warning (was: cut silently)', async () => {
    const inv = await inventory([{ file: 'a.csv', content: `Manufacturer,Model,Notes\nAcme,X,${'n'.repeat(70_000)}\n` }]);
    expect(inv.components[0]!.properties[0]!.value).toHaveLength(64 * 1024);
    expect(inv.diagnostics).toEqual([{ code: 'TRUNCATED_VALUE', message: 'value of 70000 characters cut to 65536', location: { file: 'a.csv', line: 2, column: 8 } }]);
  });

  it('SPDX tag-value: a value past the longest string is cut with a located warning (was: SPDXIDs and checksums kept whole)', async () => {
    const big = 'x'.repeat(70_000);
    const inv = await inventory([{ file: 's.spdx', content: `SPDXVersion: SPDX-2.3\nPackageName: p\nSPDXID: SPDXRef-${big}\nPackageChecksum: SHA256: ${big}\n` }]);
    expect(inv.components[0]!.ref).toHaveLength(64 * 1024);
    expect(inv.components[0]!.hashes[0]!.value.length).toBeLessThanOrEqual(64 * 1024);
    expect(inv.diagnostics.filter((d) => d.code === 'TRUNCATED_VALUE').map((d) => d.location)).toEqual([
      { file: 's.spdx', line: 3 },
      { file: 's.spdx', line: 4 },
    ]);
  });

  for (const [what, doc] of [
    ['a null product', '{"products": [null]}'],
    ['a null category', '{"categories": [null]}'],
    ['"also" a number', '{"categories": [{"id": "a", "name": "A", "kind": "software", "description": "d"}], "products": [{"id": "p", "name": "P", "category": "a", "org": "acme", "license": "MIT", "maturity": "mature", "tags": [], "sources": [{"url": "https://x", "established": "knowledge"}], "also": 5}]}'],
    ['"functions" a string', '{"categories": [{"id": "a", "name": "A", "kind": "software", "description": "d", "functions": "x"}]}'],
  ] as const) {
    it(`a --catalog file with ${what} is a located DatasetError (was: a TypeError, or read wrongly)`, () => {
      const file = path.join(dir, `${what.replace(/\W+/g, '-')}.json`);
      writeFileSync(file, doc);
      expect(() => loadCatalog(undefined, [file])).toThrow(DatasetError);
      expect(() => loadCatalog(undefined, [file])).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+ \\(#/(products|categories)/0`));
    });
  }
});

describe('npm regressions found by the fuzz suite', () => {
  it('a lockfile whose "integrity" (or "resolved") is a number is read (was: TypeError integrity.trim is not a function)', async () => {
    const p = mkdtempSync(path.join(dir, 'npm-'));
    writeFileSync(path.join(p, 'package.json'), JSON.stringify({ name: 'root', version: '1.0.0', dependencies: { a: '1.0.0' } }));
    const lock = { name: 'root', version: '1.0.0', lockfileVersion: 3, packages: { '': { name: 'root', version: '1.0.0', dependencies: { a: '1.0.0' } }, 'node_modules/a': { version: '1.0.0', integrity: 12, resolved: 7 } } };
    writeFileSync(path.join(p, 'package-lock.json'), JSON.stringify(lock));
    const inv = await inventory([path.join(p, 'package-lock.json')]);
    expect(inv.errors).toEqual([]);
    expect(inv.components).toMatchObject([{ name: 'a', version: '1.0.0', hashes: [], registry: undefined }]);
  });
});

describe('npm regressions found by the fuzz suite (seed 777)', () => {
  it('a lockfile whose package "version" is a number is an NPM_PROJECT error naming the lockfile (was: TypeError from semver)', async () => {
    const p = mkdtempSync(path.join(dir, 'npm-'));
    writeFileSync(path.join(p, 'package.json'), JSON.stringify({ name: 'root', version: '1.0.0', dependencies: { a: '0.0.0' } }));
    const lock = { name: 'root', version: '1.0.0', lockfileVersion: 3, packages: { '': { name: 'root', version: '1.0.0', dependencies: { a: '0.0.0' } }, 'node_modules/a': { version: 1 } } };
    writeFileSync(path.join(p, 'package-lock.json'), JSON.stringify(lock));
    const inv = await inventory([path.join(p, 'package-lock.json')]);
    expect(inv.errors.every((e) => e.location.file === path.join(p, 'package-lock.json'))).toBe(true);
    expect(inv.errors.length + inv.components.length).toBeGreaterThan(0);
  });
});
