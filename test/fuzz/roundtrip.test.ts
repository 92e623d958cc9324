/**
 * Round trips: a generated inventory, written in each input format, reads back to the inventory
 * that generated it; and an inventory written by the CycloneDX writer reads back to the same
 * components. Each format is compared on the fields it carries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attribute } from '../../src/attribute/index.js';
import { loadDataset } from '../../src/dataset/load.js';
import { inventory } from '../../src/ingest/index.js';
import type { Inventory } from '../../src/model.js';
import { renderCycloneDx } from '../../src/report/cyclonedx.js';
import { scanReport } from '../../src/report/scan.js';
import { type Canon, canon, cdxJson, cdxXml, csv, edgesOf, expected, genDoc, genEdges, spdx3, spdxJson, spdxTagValue } from './gen.js';
import { fuzz } from './seed.js';

const ALL: (keyof Canon)[] = ['ref', 'name', 'version', 'group', 'description', 'purl', 'licenses', 'hashes', 'parties'];
const SPDX: (keyof Canon)[] = ['ref', 'name', 'version', 'description', 'purl', 'licenses', 'hashes', 'parties'];
const SPDX_ROLES = { supplier: 'supplier', author: 'originator' };

async function read(file: string, content: string | Uint8Array): Promise<Inventory> {
  const inv = await inventory([{ file, content }]);
  expect(inv.errors).toEqual([]);
  return inv;
}

describe('round trips through the readers', () => {
  it('CycloneDX JSON', async () => {
    await fc.assert(
      fc.asyncProperty(genDoc(), fc.constantFrom('1.4', '1.5', '1.6'), async (doc, v) => {
        const inv = await read('bom.json', JSON.stringify(cdxJson(doc, v)));
        expect(inv.components.map((c) => canon(c, ALL))).toEqual(doc.components.map((c) => expected(c, ALL)));
        expect(edgesOf(inv)).toEqual(genEdges(doc));
        expect(inv.diagnostics.filter((d) => d.code !== 'INVALID_LICENSE')).toEqual([]);
      }),
      fuzz('cdxJsonRoundTrip'),
    );
  });

  it('CycloneDX XML', async () => {
    await fc.assert(
      fc.asyncProperty(genDoc(), fc.constantFrom(4, 5, 6), async (doc, minor) => {
        const inv = await read('bom.xml', cdxXml(doc, minor));
        expect(inv.components.map((c) => canon(c, ALL))).toEqual(doc.components.map((c) => expected(c, ALL)));
        expect(edgesOf(inv)).toEqual(genEdges(doc));
        // Every component is located at its element, with a line.
        for (const c of inv.components) expect(c.location).toMatchObject({ file: 'bom.xml', element: expect.stringMatching(/^\/bom\/components\[1\]\/component\[\d+\]$/), line: expect.any(Number) });
      }),
      fuzz('cdxXmlRoundTrip'),
    );
  });

  it('SPDX 2 JSON', async () => {
    await fc.assert(
      fc.asyncProperty(genDoc(), async (doc) => {
        const inv = await read('sbom.spdx.json', JSON.stringify(spdxJson(doc)));
        expect(inv.components.map((c) => canon(c, SPDX))).toEqual(doc.components.map((c) => expected(c, SPDX, SPDX_ROLES)));
        expect(edgesOf(inv)).toEqual(genEdges(doc));
        inv.components.forEach((c, i) => expect(c.location).toEqual({ file: 'sbom.spdx.json', pointer: `/packages/${i}` }));
      }),
      fuzz('spdxJsonRoundTrip'),
    );
  });

  it('SPDX 2 tag-value', async () => {
    await fc.assert(
      fc.asyncProperty(genDoc(), async (doc) => {
        const text = spdxTagValue(doc);
        const inv = await read('sbom.spdx', text);
        expect(inv.components.map((c) => canon(c, SPDX))).toEqual(doc.components.map((c) => expected(c, SPDX, SPDX_ROLES)));
        expect(edgesOf(inv)).toEqual(genEdges(doc));
        // Each package is located at its PackageName line.
        const lines = text.split('\n');
        for (const c of inv.components) expect(lines[c.location.line! - 1]).toBe(`PackageName: ${c.name}`);
      }),
      fuzz('spdxTagValueRoundTrip'),
    );
  });

  it('SPDX 3 JSON-LD', async () => {
    await fc.assert(
      fc.asyncProperty(genDoc(), async (doc) => {
        const inv = await read('sbom.spdx3.json', JSON.stringify(spdx3(doc)));
        const want = doc.components.map((c) => ({ ...expected(c, SPDX, SPDX_ROLES), ref: `urn:fuzz:${c.ref}` }));
        expect(inv.components.map((c) => canon(c, SPDX))).toEqual(want);
        expect(edgesOf(inv)).toEqual(genEdges(doc).map((e) => e.replace(/^|>/g, (m) => `${m}urn:fuzz:`)));
      }),
      fuzz('spdx3RoundTrip'),
    );
  });

  it('CSV asset lists (comma, semicolon and tab; LF or CRLF)', async () => {
    await fc.assert(
      fc.asyncProperty(genDoc(), fc.constantFrom(',', ';', '\t'), fc.constantFrom('\n', '\r\n'), async (doc, sep, eol) => {
        const inv = await read('assets.csv', csv(doc, sep, eol));
        const lines = csv(doc, sep, eol).split(eol);
        expect(inv.components.map((c) => c.name)).toEqual(doc.components.map((c) => c.name));
        inv.components.forEach((c, i) => {
          const g = doc.components[i]!;
          expect(c.version).toBe(g.version);
          expect(c.hardware?.model).toBe(g.name);
          expect(c.hardware?.serialNumber).toBe(g.ref);
          expect(c.parties.map((p) => `${p.role}:${p.name}`)).toEqual(g.supplier === undefined ? [] : [`manufacturer:${g.supplier}`]);
          expect(c.properties).toEqual(g.description === undefined ? [] : [{ name: 'csv:Notes', value: g.description }]);
          // A row is located at its own line.
          expect(lines[c.location.line! - 1]!.startsWith(`"${(g.supplier ?? '').replace(/"/g, '""')}"`)).toBe(true);
        });
      }),
      fuzz('csvRoundTrip'),
    );
  });
});

describe('the same document in another encoding reads the same', () => {
  const encode = (text: string, how: string): Uint8Array => {
    const utf8 = Buffer.from(text, 'utf8');
    switch (how) {
      case 'utf8-bom':
        return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
      case 'utf16le-bom':
        return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      case 'utf16be-bom':
        return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
      case 'crlf':
        return Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8');
      default:
        return utf8;
    }
  };
  const writers: [string, (d: Parameters<typeof cdxXml>[0]) => string][] = [
    ['bom.json', (d) => JSON.stringify(cdxJson(d), null, 2)],
    ['bom.xml', (d) => cdxXml(d)],
    ['sbom.spdx.json', (d) => JSON.stringify(spdxJson(d), null, 1)],
    ['sbom.spdx', (d) => spdxTagValue(d)],
    ['sbom.spdx3.json', (d) => JSON.stringify(spdx3(d), null, 1)],
    ['assets.csv', (d) => csv(d)],
  ];

  it('UTF-8 with a BOM, UTF-16 LE and BE with a BOM, CRLF line ends', async () => {
    await fc.assert(
      fc.asyncProperty(genDoc(4), fc.nat(writers.length - 1), fc.constantFrom('utf8-bom', 'utf16le-bom', 'utf16be-bom', 'crlf'), async (doc, w, how) => {
        const [file, write] = writers[w]!;
        const text = write(doc);
        const plain = await read(file, Buffer.from(text, 'utf8'));
        const other = await read(file, encode(text, how));
        // Same components, in the same places (a CRLF file has the same line numbers).
        expect(other.components).toEqual(plain.components);
        expect(other.dependencies).toEqual(plain.dependencies);
      }),
      fuzz('encodings'),
    );
  });
});

describe('round trip through the CycloneDX writer', () => {
  const dataset = loadDataset();

  it('an inventory written as CycloneDX 1.6 reads back to the same components and graph', async () => {
    await fc.assert(
      fc.asyncProperty(genDoc(), fc.constantFrom('cdx', 'spdx'), async (doc, from) => {
        const first = from === 'cdx' ? await read('in.json', JSON.stringify(cdxJson(doc))) : await read('in.spdx.json', JSON.stringify(spdxJson(doc)));
        const attributions = attribute(first, dataset, { asOf: '2026-11-28' });
        const written = renderCycloneDx({ report: scanReport(first, attributions, undefined, '2026-11-28'), inventory: first }, { toolVersion: '0.0.0' });
        const back = await read('out.json', written);
        // The writer adds a manufacturer only for an attributed organisation, and says so.
        const own = (inv: Inventory) =>
          inv.components.map((c) => {
            const added = c.properties.some((p) => p.name === 'wherefrom:added' && p.value === 'manufacturer');
            // SPDX's originator person becomes a CycloneDX author.
            const parties = c.parties
              .filter((p) => !(added && p.role === 'manufacturer'))
              .map((p) => `${p.role === 'originator' ? 'author' : p.role}:${p.name ?? ''}`)
              .sort();
            return { ...canon(c, ALL), parties, properties: c.properties.filter((p) => !p.name.startsWith('wherefrom:')) };
          });
        const a = own(first);
        const b = own(back);
        // Compound licence statements side by side become named licences: the texts stay.
        expect(b.map((c) => ({ ...c, licenses: [...c.licenses!].sort() }))).toEqual(a.map((c) => ({ ...c, licenses: [...c.licenses!].sort() })));
        expect(edgesOf(back)).toEqual(edgesOf(first));
      }),
      fuzz('cdxWriterRoundTrip'),
    );
  });
});
