/**
 * Hostile documents, in every input format: truncated at any offset, a wrong type at any field,
 * random markup spliced in, invalid bytes, duplicate references, dependency cycles, prototype
 * keys, deep nesting, huge strings and XML entity tricks. Every case must end with a result or
 * with errors located in the file (`inventory` never throws for bad input), in bounded time and
 * memory, and must not touch Object.prototype.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inventory } from '../../src/ingest/index.js';
import { MAX_STRING } from '../../src/ingest/limits.js';
import type { Inventory } from '../../src/model.js';
import { cdxJson, cdxXml, csv, expectResultOrLocatedError, type GenDoc, genDoc, jsonPaths, replaceAt, spdx3, spdxJson, spdxTagValue, wrongValue } from './gen.js';
import { fuzz } from './seed.js';

/** Slowest a single small case may be: a guard against superlinear work, far above the usual milliseconds. */
const CASE_MS = 5_000;

/** Reads one document and holds it to the contract; returns the inventory. */
async function readHostile(file: string, content: string | Uint8Array): Promise<Inventory> {
  const t0 = performance.now();
  const inv = await inventory([{ file, content }]);
  expect(performance.now() - t0, `${file} took too long`).toBeLessThan(CASE_MS);
  expectResultOrLocatedError(inv, file);
  return inv;
}

const textWriters: [string, (d: GenDoc) => string][] = [
  ['bom.json', (d) => JSON.stringify(cdxJson(d), null, 2)],
  ['bom.xml', (d) => cdxXml(d)],
  ['sbom.spdx.json', (d) => JSON.stringify(spdxJson(d), null, 2)],
  ['sbom.spdx', (d) => spdxTagValue(d)],
  ['sbom.spdx3.json', (d) => JSON.stringify(spdx3(d), null, 2)],
  ['assets.csv', (d) => csv(d)],
];
const jsonWriters: [string, (d: GenDoc) => Record<string, unknown>][] = [
  ['bom.json', (d) => cdxJson(d)],
  ['sbom.spdx.json', (d) => spdxJson(d)],
  ['sbom.spdx3.json', (d) => spdx3(d)],
];

describe('truncated documents', () => {
  it('cut at any offset: read, or a located error', async () => {
    await fc.assert(
      fc.asyncProperty(genDoc(4), fc.nat(textWriters.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), async (doc, w, at) => {
        const [file, write] = textWriters[w]!;
        const text = write(doc);
        await readHostile(file, text.slice(0, Math.floor(text.length * at)) || ' ');
      }),
      fuzz('truncation'),
    );
  });
});

describe('wrong types', () => {
  // Raw JSON put in by text substitution: numbers JSON.stringify cannot write as such.
  const RAW = ['9007199254740993', '-9007199254740993', '1e400', '123456789012345678901234567890', '-0.0e-0'];

  it('any field of a JSON document replaced by a value of another type (or a number past 2^53)', async () => {
    await fc.assert(
      fc.asyncProperty(genDoc(3), fc.nat(jsonWriters.length - 1), fc.nat(), fc.oneof(wrongValue, fc.constantFrom(...RAW.map((r) => `@@raw:${r}`))), async (doc, w, pick, value) => {
        const [file, write] = jsonWriters[w]!;
        const tree = write(doc);
        const paths = jsonPaths(tree);
        const path = paths[pick % paths.length]!;
        let text = JSON.stringify(replaceAt(tree, path, value));
        if (typeof value === 'string' && value.startsWith('@@raw:')) text = text.replace(JSON.stringify(value), value.slice(6));
        const inv = await readHostile(file, text);
        // Whatever was read, every version and name is text.
        for (const c of inv.components) {
          expect(typeof c.name).toBe('string');
          if (c.version !== undefined) expect(typeof c.version).toBe('string');
        }
      }),
      fuzz('wrongTypes'),
    );
  });
});

/** Markup put at random places of a text document. */
const XML_SNIPPETS = [
  '<', '>', '&', '&amp;', '&lt;', '&bogus;', '&#0;', '&#x1F600;', '&#xD800;', '"', "'", '</component>', '<component>', '<components>',
  '<![CDATA[', ']]>', '<!--', '-->', '<?pi x?>', '<?xml version="1.0"?>', '\u0000', '\uFFFE', '\uD800',
  '<!DOCTYPE bom [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
  '<!DOCTYPE bom SYSTEM "file:///etc/passwd">',
  '<!DOCTYPE bom [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>&xxe;',
  '<x:y xmlns:x="urn:x">', 'xmlns="http://cyclonedx.org/schema/bom/2.0"', '<bom xmlns="http://cyclonedx.org/schema/bom/1.6">',
];
const TEXT_SNIPPETS = [
  '\n', '\r\n', '\r', ':', ' ', '"', '""', ',', ';', '\t', '#', '<text>', '</text>', '\u0000', '\uFEFF', '\uD800',
  'SPDXVersion: SPDX-3.0', 'PackageName:', 'SPDXID:', 'Relationship: a b', 'PackageChecksum: x', 'ExternalRef: x', 'FileName: f', 'LicenseID: x',
  'Manufacturer,Model\n', '"unclosed', 'x"y', '__proto__', 'constructor',
];

/** Splices up to four snippets (or random text) into a text at random offsets, or deletes a slice. */
function splice(snippets: string[]): fc.Arbitrary<(text: string) => string> {
  const edit = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(fc.constantFrom(...snippets), fc.string({ maxLength: 6 }), fc.constant(null)), fc.nat(20));
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => (text: string) => {
    let t = text;
    for (const [at, s, n] of edits) {
      const i = Math.floor(t.length * at);
      t = s === null ? t.slice(0, i) + t.slice(i + n) : t.slice(0, i) + s + t.slice(i);
    }
    return t.trim() === '' ? 'x' : t;
  });
}

describe('spliced markup', () => {
  it('CycloneDX XML with markup, entities, DOCTYPEs and bad characters spliced in', async () => {
    await fc.assert(
      fc.asyncProperty(genDoc(3), splice(XML_SNIPPETS), async (doc, edit) => {
        const inv = await readHostile('bom.xml', edit(cdxXml(doc)));
        // No entity is ever expanded, nothing outside the document is read.
        for (const c of inv.components) expect(JSON.stringify(c)).not.toMatch(/root:|aaaaaaaaaaaaaaaaaaaa/);
      }),
      fuzz('mutatedXml'),
    );
  });

  it('SPDX tag-value and CSV with line breaks, quotes, tags and bad characters spliced in', async () => {
    await fc.assert(
      fc.asyncProperty(genDoc(3), fc.boolean(), splice(TEXT_SNIPPETS), async (doc, tagValue, edit) => {
        await readHostile(tagValue ? 'sbom.spdx' : 'assets.csv', edit(tagValue ? spdxTagValue(doc) : csv(doc)));
      }),
      fuzz('mutatedText'),
    );
  });
});

describe('bytes', () => {
  const ODD = [[0x00], [0x80], [0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xe2, 0x82]];

  it('invalid UTF-8, NUL bytes and byte-order marks anywhere: read, or a located error', async () => {
    await fc.assert(
      fc.asyncProperty(
        genDoc(3),
        fc.nat(textWriters.length - 1),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...ODD)), { minLength: 1, maxLength: 3 }),
        async (doc, w, edits) => {
          const [file, write] = textWriters[w]!;
          let bytes = Buffer.from(write(doc), 'utf8');
          for (const [at, b] of edits) {
            const i = Math.floor(bytes.length * at);
            bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(b), bytes.subarray(i)]);
          }
          const inv = await readHostile(file, bytes);
          for (const e of inv.errors.filter((x) => x.code === 'BINARY_FILE')) expect(e.location.offset).toEqual(expect.any(Number));
        },
      ),
      fuzz('bytes'),
    );
  });
});

describe('duplicate references and cycles', () => {
  it('refs drawn from a pool of three: ids stay unique, repeats are reported, every edge joins components that exist', async () => {
    await fc.assert(
      fc.asyncProperty(genDoc(6), fc.array(fc.nat(2), { minLength: 6, maxLength: 6 }), fc.nat(3), async (doc, pool, w) => {
        const dup: GenDoc = { ...doc, components: doc.components.map((c, i) => ({ ...c, ref: `SPDXRef-dup-${pool[i]}` })) };
        const [file, text] = (
          [
            ['bom.json', JSON.stringify(cdxJson(dup))],
            ['sbom.spdx.json', JSON.stringify(spdxJson(dup))],
            ['sbom.spdx', spdxTagValue(dup)],
            ['bom.xml', cdxXml(dup)],
          ] as const
        )[w]!;
        const inv = await readHostile(file, text);
        expect(inv.errors).toEqual([]);
        expect(inv.components).toHaveLength(dup.components.length);
        const repeated = new Set(dup.components.map((c) => c.ref)).size < dup.components.length;
        expect(inv.diagnostics.some((d) => d.code === 'DUPLICATE_REFERENCE')).toBe(repeated);
        const ids = new Set([...inv.components.map((c) => c.id), ...inv.sources.map((s) => `${s.file}#SPDXRef-DOCUMENT`)]);
        for (const e of inv.dependencies) {
          expect(ids.has(e.from)).toBe(true);
          expect(ids.has(e.to)).toBe(true);
        }
      }),
      fuzz('duplicatesAndCycles'),
    );
  });
});

describe('prototype keys', () => {
  const KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf'];

  it('__proto__ and constructor as keys and values anywhere are plain data', async () => {
    await fc.assert(
      fc.asyncProperty(genDoc(3), fc.nat(jsonWriters.length - 1), fc.nat(), fc.constantFrom(...KEYS), fc.boolean(), async (doc, w, pick, key, asKey) => {
        const [file, write] = jsonWriters[w]!;
        const tree = write(doc);
        const paths = jsonPaths(tree);
        const path = paths[pick % paths.length]!;
        // As a key: JSON text with `"__proto__": {"polluted": true}` inside the chosen object or array element.
        let text: string;
        if (asKey) {
          const marker = '"@@proto@@"';
          text = JSON.stringify(replaceAt(tree, path, '@@proto@@')).replace(marker, `{${JSON.stringify(key)}: {"polluted": true, "name": "x"}, "name": ${JSON.stringify(key)}}`);
        } else text = JSON.stringify(replaceAt(tree, path, key));
        await readHostile(file, text);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
      }),
      fuzz('protoKeys'),
    );
  });

  it('CSV headers and CycloneDX XML attributes named __proto__', async () => {
    const inv = await readHostile('assets.csv', 'Manufacturer,Model,__proto__,constructor\nAcme,X1,{"polluted":1},y\n');
    expect(inv.components[0]!.properties).toEqual([
      { name: 'csv:__proto__', value: '{"polluted":1}' },
      { name: 'csv:constructor', value: 'y' },
    ]);
    const xml = await readHostile('bom.xml', '<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library" bom-ref="__proto__" __proto__="x"><name>__proto__</name></component></components></bom>');
    expect(xml.components.map((c) => c.ref)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('deep nesting', () => {
  it('JSON arrays nested thousands deep in any field, of any JSON format', async () => {
    await fc.assert(
      fc.asyncProperty(genDoc(2), fc.nat(jsonWriters.length - 1), fc.nat(), fc.integer({ min: 500, max: 100_000 }), async (doc, w, pick, depth) => {
        const [file, write] = jsonWriters[w]!;
        const tree = write(doc);
        // Somewhere inside the document (in place of the root it would not be a bill of materials).
        const paths = jsonPaths(tree).filter((p) => p.length > 0);
        const text = JSON.stringify(replaceAt(tree, paths[pick % paths.length]!, '@@deep@@')).replace('"@@deep@@"', `${'['.repeat(depth)}${']'.repeat(depth)}`);
        const inv = await readHostile(file, text);
        // Past the bound the document is refused (or, where the nesting replaced its format key, not recognised).
        if (depth > 1024) {
          expect(inv.components).toEqual([]);
          expect([['TOO_DEEP'], ['UNKNOWN_FORMAT']]).toContainEqual(inv.errors.map((e) => e.code));
        }
      }),
      fuzz('deepJson'),
    );
  });

  it('CycloneDX components nested past the bound, in JSON and XML', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 600 }), fc.boolean(), async (depth, xml) => {
        let inv: Inventory;
        if (xml) {
          const open = '<components><component type="library"><name>n</name>'.repeat(depth);
          inv = await readHostile('bom.xml', `<bom xmlns="http://cyclonedx.org/schema/bom/1.6">${open}${'</component></components>'.repeat(depth)}</bom>`);
        } else {
          let c: Record<string, unknown> = { name: 'leaf' };
          for (let i = 1; i < depth; i++) c = { name: 'n', components: [c] };
          inv = await readHostile('bom.json', JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [c] }));
        }
        // 257 levels of components (0 to 256) are read; XML adds two elements per level, so its own bound (512) comes first.
        const limit = xml ? 255 : 257;
        if (depth <= limit) expect(inv.components).toHaveLength(depth);
        else expect(inv.errors.map((e) => e.code)).toEqual(['TOO_DEEP']);
      }),
      fuzz('deepComponents'),
    );
  });

  it('XML elements nested far past the bound', async () => {
    const depth = 100_000;
    const inv = await readHostile('bom.xml', `<bom xmlns="http://cyclonedx.org/schema/bom/1.6">${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</bom>`);
    expect(inv.errors).toMatchObject([{ code: 'TOO_DEEP', location: { file: 'bom.xml', line: 1 } }]);
  });

  it('an SPDX 3 chain of Boms, each the root of the one before, as long as the graph', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12_000 }), fc.boolean(), async (n, cycle) => {
        const graph: Record<string, unknown>[] = [{ type: 'SpdxDocument', spdxId: 'urn:doc', rootElement: ['urn:bom:0'] }];
        for (let i = 0; i < n; i++) graph.push({ type: 'software_Sbom', spdxId: `urn:bom:${i}`, rootElement: [i === n - 1 ? (cycle ? 'urn:bom:0' : 'urn:pkg') : `urn:bom:${i + 1}`] });
        graph.push({ type: 'software_Package', spdxId: 'urn:pkg', name: 'p' });
        const inv = await readHostile('chain.spdx3.json', JSON.stringify({ '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': graph }));
        expect(inv.errors).toEqual([]);
        expect(inv.dependencies.filter((e) => e.kind === 'describes')).toHaveLength(cycle ? 0 : 1);
      }),
      fuzz('bomChain'),
    );
  });
});

describe('huge strings', () => {
  /** Heap growth allowed for reading a document: a generous multiple of its size, plus room for the collector's slack. */
  const heapBound = (bytes: number) => 40 * bytes + 96 * 1024 * 1024;

  it('a string of megabytes in any field of any format: cut with a located warning, memory in proportion', async () => {
    await fc.assert(
      fc.asyncProperty(genDoc(2), fc.nat(textWriters.length - 1), fc.nat(), fc.integer({ min: MAX_STRING + 1, max: 2 * 1024 * 1024 }), fc.constantFrom('x', 'é', ' ', '<', '"', '\\'), async (doc, w, pick, size, ch) => {
        const [file, write] = textWriters[w]!;
        const big = ch.repeat(size);
        let text: string;
        const jsonIndex = jsonWriters.findIndex(([f]) => f === file);
        if (jsonIndex >= 0) {
          const tree = jsonWriters[jsonIndex]![1](doc);
          const strings = jsonPaths(tree).filter((p) => p.length > 0);
          text = JSON.stringify(replaceAt(tree, strings[pick % strings.length]!, big));
        } else {
          // Text formats: the huge value goes into one line's value (escaped for XML, quoted for CSV).
          const value = file.endsWith('.xml') ? big.replace(/</g, '&lt;') : file.endsWith('.csv') ? big.replace(/"/g, '""') : big.replace(/\n/g, ' ');
          const base = write({ ...doc, components: [{ ref: 'SPDXRef-big', name: '@@big@@', licenses: [], hashes: [] }, ...doc.components] });
          text = base.replace('@@big@@', value);
        }
        const before = process.memoryUsage().heapUsed;
        const inv = await readHostile(file, text);
        const grown = process.memoryUsage().heapUsed - before;
        expect(grown, `heap grew by ${grown} bytes for ${text.length} characters`).toBeLessThan(heapBound(text.length));
        for (const d of inv.diagnostics.filter((x) => x.code === 'TRUNCATED_VALUE')) expect(d.location.file).toBe(file);
        // The name of the big component, when read, is cut with a warning.
        const named = inv.components.find((c) => c.ref === 'SPDXRef-big' || c.ref === 'row-2');
        if (named !== undefined && ch.trim() !== '' && named.name.length === MAX_STRING) {
          expect(inv.diagnostics.some((d) => d.code === 'TRUNCATED_VALUE')).toBe(true);
        }
      }),
      fuzz('hugeStrings'),
    );
  });
});

describe('XML entity tricks', () => {
  const cases: [string, string][] = [
    ['billion laughs', `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n')}\n]>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library"><name>&lol9;</name></component></components></bom>`],
    ['an external entity', '<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library"><name>&xxe;</name></component></components></bom>'],
    ['an external DTD', '<?xml version="1.0"?>\n<!DOCTYPE bom SYSTEM "http://example.com/evil.dtd">\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>'],
    ['a parameter entity', '<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>'],
    ['an undeclared entity', '<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library"><name>&xxe;</name></component></components></bom>'],
  ];
  for (const [what, xml] of cases) {
    it(`${what} is refused at its line`, async () => {
      const inv = await readHostile('evil.xml', xml);
      expect(inv.components).toEqual([]);
      expect(inv.errors).toHaveLength(1);
      expect(inv.errors[0]!.code).toMatch(/^(FORBIDDEN_XML|MALFORMED_XML)$/);
      expect(inv.errors[0]!.location).toMatchObject({ file: 'evil.xml', line: expect.any(Number), column: expect.any(Number) });
    });
  }
});
