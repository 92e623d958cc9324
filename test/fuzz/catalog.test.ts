/**
 * The catalog loader (`loadCatalog` with a user's `--catalog` file): generated valid catalog files
 * load to the categories and products they hold; hostile ones (truncated, a wrong type anywhere,
 * `__proto__` keys) end in a catalog or a DatasetError naming file:line:column — never a
 * TypeError from deep inside the Catalog.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../../src/errors.js';
import { type CatalogFile, loadCatalog } from '../../src/plan/catalog.js';
import { jsonPaths, replaceAt, wrongValue } from './gen.js';
import { fuzz } from './seed.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'wherefrom-fuzz-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const id = fc.stringMatching(/^zz[a-z0-9]{1,6}(-[a-z0-9]{1,4})?$/);
const words = fc.string({ minLength: 1, maxLength: 16 });
const source = fc.record({ url: fc.constantFrom('https://example.com/a', 'http://example.org/'), established: fc.constantFrom('confirmed' as const, 'knowledge' as const) });

const catalog: fc.Arbitrary<CatalogFile> = fc.uniqueArray(id, { minLength: 1, maxLength: 3 }).chain((cats) =>
  fc.record({
    categories: fc.constant(cats).chain((ids) =>
      fc.tuple(...ids.map((c) => fc.record({ id: fc.constant(c), name: words, kind: fc.constantFrom('software' as const, 'hardware' as const, 'service' as const), description: words }))),
    ),
    products: fc.uniqueArray(
      fc.record({
        id,
        name: words,
        category: fc.constantFrom(...cats),
        org: fc.constantFrom('acme', 'example-org'),
        license: fc.constantFrom('MIT', 'proprietary', 'Apache-2.0'),
        maturity: fc.constantFrom('mature' as const, 'established' as const, 'emerging' as const),
        tags: fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,6}$/), { maxLength: 2 }),
        identifiers: fc.record({ purls: fc.array(fc.stringMatching(/^pkg:npm\/[a-z]{1,8}$/), { maxLength: 2 }) }),
        sources: fc.array(source, { minLength: 1, maxLength: 2 }),
      }),
      { maxLength: 4, selector: (p) => p.id },
    ),
  }),
);

function write(text: string): string {
  const file = path.join(dir, `catalog-${n++}.json`);
  writeFileSync(file, text);
  return file;
}

describe('catalog files', () => {
  it('a generated catalog loads to its categories and products (beside the built-in ones)', () => {
    fc.assert(
      fc.property(catalog, (c) => {
        const loaded = loadCatalog(undefined, [write(JSON.stringify(c, null, 2))]);
        for (const cat of c.categories!) expect(loaded.categories.get(cat.id)).toEqual(cat);
        for (const p of c.products!) {
          expect(loaded.products.get(p.id)).toEqual(p);
          expect(loaded.inCategory.get(p.category)).toContainEqual(p);
        }
      }),
      fuzz('catalogRoundTrip'),
    );
  });

  it('truncated, a wrong type anywhere, or __proto__ keys: a catalog or a located DatasetError', () => {
    fc.assert(
      fc.property(catalog, fc.nat(2), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), wrongValue, (c, how, pick, at, value) => {
        let text = JSON.stringify(c, null, 2);
        if (how === 0) text = text.slice(0, Math.floor(text.length * at));
        else {
          const paths = jsonPaths(c);
          const p = paths[pick % paths.length]!;
          text = how === 1 ? JSON.stringify(replaceAt(c, p, value), null, 2) : JSON.stringify(replaceAt(c, p, '@@p@@')).replace('"@@p@@"', '{"__proto__": {"polluted": 1}, "constructor": []}');
        }
        const file = write(text || ' ');
        try {
          loadCatalog(undefined, [file]);
        } catch (e) {
          if (!(e instanceof DatasetError)) throw e;
          // Located: file:line:column, or (for a product naming a category nobody defines) the product.
          expect(e.message).toMatch(new RegExp(`^(${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+:\\d+|: not a wherefrom catalog file)|catalog product \\S+: no category)`));
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      fuzz('catalogHostile'),
    );
  });
});
