/**
 * CycloneDX output, checked against the official CycloneDX JSON schemas (1.4, 1.5, 1.6, with the
 * SPDX licence-id and JSF schemas they reference; fixtures/schemas/SOURCES.md) and read back by
 * wherefrom's own reader.
 *
 * The stock schemas' `uniqueItems` on components compares every pair deeply: fine for the corpus
 * files used here (under 1,000 components), not for huge documents.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attribute } from '../../src/attribute/index.js';
import { loadDataset } from '../../src/dataset/load.js';
import { InputError } from '../../src/errors.js';
import { inventory } from '../../src/ingest/index.js';
import { enrichCycloneDx, renderCycloneDx } from '../../src/report/cyclonedx.js';
import type { ScanResult } from '../../src/report/index.js';
import { scanReport } from '../../src/report/scan.js';
import { schemaErrors } from '../cdx-schema.js';
import { ROOT } from '../helpers.js';
import { AS_OF, corpus, resultFor } from './result.js';

type Bom = {
  specVersion: string;
  serialNumber: string;
  metadata?: { component?: Cdx; tools?: unknown; properties?: Prop[] };
  components: Cdx[];
  services?: { 'bom-ref': string }[];
  dependencies?: { ref: string; dependsOn?: string[] }[];
};
type Prop = { name: string; value: string };
type Cdx = {
  'bom-ref': string;
  name: string;
  properties?: Prop[];
  supplier?: { name?: string; address?: { country?: string } };
  manufacturer?: { name?: string; address?: { country?: string } };
  components?: Cdx[];
};

const render = (r: ScanResult, toolVersion = '0.1.0') => JSON.parse(renderCycloneDx(r, { toolVersion })) as Bom;
const props = (c: { properties?: Prop[] }, name: string) => (c.properties ?? []).filter((p) => p.name === name).map((p) => p.value);
const flat = (list: Cdx[] = []): Cdx[] => list.flatMap((c) => [c, ...flat(c.components)]);
/** The node at a JSON pointer (no escapes in the pointers the reader writes for components). */
const at = (doc: unknown, pointer: string): Cdx =>
  pointer
    .slice(1)
    .split('/')
    .reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], doc) as Cdx;

/** Every field of `a` is in `b` with the same value; arrays of `b` may be longer (items appended). */
function keptIn(a: unknown, b: unknown, at = ''): string[] {
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || b.length < a.length) return [`${at}: array shortened or replaced`];
    return a.flatMap((x, i) => keptIn(x, b[i], `${at}/${i}`));
  }
  if (a !== null && typeof a === 'object') {
    if (b === null || typeof b !== 'object' || Array.isArray(b)) return [`${at}: object replaced`];
    return Object.entries(a).flatMap(([k, v]) => (k in b ? keptIn(v, (b as Record<string, unknown>)[k], `${at}/${k}`) : [`${at}/${k}: missing`]));
  }
  return a === b ? [] : [`${at}: ${JSON.stringify(a)} became ${JSON.stringify(b)}`];
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wherefrom-cdx-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Enriches a corpus CycloneDX file, writes the result and reads it back with wherefrom's reader. */
async function enrichAndReadBack(file: string, policies: Parameters<typeof resultFor>[1] = []) {
  const result = await resultFor([file], policies);
  const original = JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;
  const enriched = enrichCycloneDx(original, result, 0, { toolVersion: '0.1.0' }) as Record<string, unknown>;
  const out = path.join(tmp, path.basename(file));
  writeFileSync(out, `${JSON.stringify(enriched, null, 2)}\n`);
  const back = await inventory([out]);
  return { result, original, enriched, back };
}

describe('renderCycloneDx: a new CycloneDX 1.6 document', () => {
  it('of a CycloneDX input validates against the 1.6 schema and carries what wherefrom found', async () => {
    const r = await resultFor([corpus('cyclonedx-bom-examples/SBOM__dropwizard-1.3.15__bom.json')], [{ countries: { US: 'warn' }, unknown: 'warn' }]);
    const bom = render(r);
    expect(schemaErrors(bom)).toEqual([]);
    expect(bom.specVersion).toBe('1.6');
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bom.metadata?.tools).toEqual({ components: [{ type: 'application', name: 'wherefrom', version: '0.1.0' }] });
    expect(bom.metadata?.component?.name).toBe(r.inventory.sources[0]!.subject!.name);
    expect(bom.components).toHaveLength(r.inventory.components.length);

    // bom-refs are unique, and every dependency ref names an element of the document.
    const refs = [bom.metadata!.component!, ...flat(bom.metadata!.component!.components), ...bom.components].map((c) => c['bom-ref']);
    expect(new Set(refs).size).toBe(refs.length);
    const known = new Set(refs);
    for (const d of bom.dependencies ?? []) {
      expect(known.has(d.ref)).toBe(true);
      for (const t of d.dependsOn ?? []) expect(known.has(t)).toBe(true);
    }

    // Per component, the attribution of the report (same order as the inventory).
    r.report.components.forEach((rc, i) => {
      const c = bom.components[i]!;
      const a = rc.attribution;
      expect(props(c, 'wherefrom:country')).toEqual([a ? (a.country ?? 'community') : 'unknown']);
      if (a) {
        expect(props(c, 'wherefrom:org')).toEqual([a.org.id]);
        expect(props(c, 'wherefrom:controller:name')).toEqual([a.controller.name]);
        expect(props(c, 'wherefrom:confidence')).toEqual([a.confidence]);
      }
      expect(props(c, 'wherefrom:verdict')).toEqual(rc.verdict ? [rc.verdict] : []);
    });
    const warned = r.report.findings.filter((f) => f.code === 'ORIGIN_WARNED');
    expect(warned.length).toBeGreaterThan(0);
    const i = r.report.components.findIndex((c) => c.ref === warned[0]!.component!.ref);
    expect(props(bom.components[i]!, 'wherefrom:finding')).toContain('ORIGIN_WARNED:policy-1');
  });

  it('of an SPDX input validates', async () => {
    const r = await resultFor([corpus('spdx-examples/presentations__SBOMS-SPDX-Now-and-Future__ACME-v2.3.spdx.json')]);
    const bom = render(r);
    expect(schemaErrors(bom)).toEqual([]);
    expect(bom.components).toHaveLength(r.inventory.components.length);
  });

  it('of an SPDX input with declared and concluded licences and many packages validates', async () => {
    const r = await resultFor([corpus('spdx-examples/software__example14__spdx2.3__examplemaven-0.0.1-enriched.spdx.json')]);
    expect(schemaErrors(render(r))).toEqual([]);
  });

  it('of an npm project validates and keeps its dependency graph', async () => {
    const r = await resultFor(['fixtures/npm/small-v2']);
    const bom = render(r);
    expect(schemaErrors(bom)).toEqual([]);
    expect(bom.components).toHaveLength(r.inventory.components.length);
    expect(bom.dependencies!.length).toBeGreaterThan(0);
  });

  it('of hardware with suppliers adds the country of a supplier the attribution identified, and says so', async () => {
    const r = await resultFor([corpus('cyclonedx-bom-examples/HBOM__PCIe-SATA-adapter-board__bom.json')]);
    const bom = render(r);
    expect(schemaErrors(bom)).toEqual([]);
    let filled = 0;
    r.report.components.forEach((rc, i) => {
      const c = bom.components[i]!;
      const added = props(c, 'wherefrom:added');
      if (added.includes('supplier.address.country')) {
        filled++;
        // The organisation's own country, not necessarily the controller's.
        expect(c.supplier?.address?.country).toBe(rc.attribution!.org.country);
        expect(c.supplier?.name).toBe(r.inventory.components[i]!.parties.find((p) => p.role === 'supplier')!.name);
      }
      if (added.includes('manufacturer')) expect(c.manufacturer).toEqual({ name: rc.attribution!.org.name, address: { country: rc.attribution!.org.country } });
    });
    expect(filled).toBeGreaterThan(0);
  });

  it('of several inputs at once validates (bom-refs kept unique)', async () => {
    const r = await resultFor([
      corpus('cyclonedx-bom-examples/SBOM__laravel-7.12.0__bom.1.4.json'),
      corpus('cyclonedx-bom-examples/SBOM__laravel-7.12.0__bom.1.3.json'),
      'fixtures/npm/small-v2',
    ]);
    const bom = render(r);
    expect(schemaErrors(bom)).toEqual([]);
    const refs = bom.components.map((c) => c['bom-ref']);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('is checked by a schema that does reject what 1.6 forbids', async () => {
    const bom = render(await resultFor([corpus('cyclonedx-bom-examples/OBOM__Example-1-Decoupled__obom.json')]));
    expect(schemaErrors(bom)).toEqual([]);
    const broken = structuredClone(bom) as unknown as { components: Record<string, unknown>[] };
    broken.components[0]!.type = 'other';
    broken.components[0]!.licenses = [{ expression: 'MIT' }, { license: { id: 'MIT' } }];
    expect(schemaErrors(broken).length).toBeGreaterThan(0);
  });

  it('is deterministic: the same scan gives the same bytes, another scan another serial number', async () => {
    const file = corpus('cyclonedx-bom-examples/OBOM__Example-1-Decoupled__obom.json');
    const a = renderCycloneDx(await resultFor([file]), { toolVersion: '0.1.0' });
    const b = renderCycloneDx(await resultFor([file]), { toolVersion: '0.1.0' });
    expect(a).toBe(b);
    expect(a.endsWith('\n')).toBe(true);
    const other = render(await resultFor([corpus('cyclonedx-bom-examples/CBOM__Protocol__bom.json')]));
    expect(other.serialNumber).not.toBe((JSON.parse(a) as Bom).serialNumber);
  });

  it('writes SBOM strings as JSON data, whatever they contain', async () => {
    const hostile = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [{ type: 'library', name: 'x"},{"injected":1\u2028</script>\u0000', version: '1\n2', purl: 'pkg:npm/x@1' }],
    });
    const r = await resultFor([]);
    const inv = await inventory([{ file: 'hostile.json', content: hostile }]);
    const bom = render({ ...r, inventory: inv, report: { ...r.report, components: [] } });
    expect(schemaErrors(bom)).toEqual([]);
    expect(bom.components[0]!.name).toBe('x"},{"injected":1\u2028</script>\u0000');
  });
});

describe('enrichCycloneDx: the original document given back enriched', () => {
  it('of a 1.4 document validates against 1.4, keeps every original field, and reads back', async () => {
    const file = corpus('cyclonedx-bom-examples/HBOM__PCIe-SATA-adapter-board__bom.json');
    const { result, original, enriched, back } = await enrichAndReadBack(file, [{ unknown: 'warn' }]);
    expect(enriched.specVersion).toBe('1.4');
    expect(schemaErrors(enriched)).toEqual([]);
    const { version, ...rest } = original;
    expect(keptIn(rest, enriched)).toEqual([]);
    expect(enriched.version).toBe((version as number) + 1);
    // 1.4 has no address: nothing but properties (and the tool) is added.
    expect(JSON.stringify(enriched)).not.toContain('"address"');

    expect(back.errors).toEqual([]);
    expect(back.components).toHaveLength(result.inventory.components.length);
    back.components.forEach((c, i) => {
      const rc = result.report.components[i]!;
      const country = c.properties.filter((p) => p.name === 'wherefrom:country').map((p) => p.value);
      expect(country).toEqual([rc.attribution ? (rc.attribution.country ?? 'community') : 'unknown']);
    });
    expect(back.sources[0]!.tools).toContain('wherefrom 0.1.0');
  });

  it('of a 1.5 document validates against 1.5 and reads back', async () => {
    const file = corpus('cyclonedx-node-npm/local-workspaces__flat__bom.1.5.json');
    const { result, original, enriched, back } = await enrichAndReadBack(file, [{ countries: { US: 'deny' }, unknown: 'warn' }]);
    expect(enriched.specVersion).toBe('1.5');
    expect(schemaErrors(enriched)).toEqual([]);
    const { version: _, ...rest } = original;
    expect(keptIn(rest, enriched)).toEqual([]);
    expect(back.components).toHaveLength(result.inventory.components.length);
    for (const [i, c] of back.components.entries()) {
      const rc = result.report.components[i]!;
      expect(c.properties.some((p) => p.name === 'wherefrom:country')).toBe(true);
      const verdict = c.properties.filter((p) => p.name === 'wherefrom:verdict').map((p) => p.value);
      expect(verdict).toEqual(rc.verdict ? [rc.verdict] : []);
    }
  });

  it('of a 1.2 document with nested components (1.3 properties needed) refuses', async () => {
    const file = corpus('cyclonedx-bom-examples/SBOM__dropwizard-1.3.15__bom.json');
    const result = await resultFor([file]);
    const doc = JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as unknown;
    expect(() => enrichCycloneDx(doc, result, 0)).toThrow(InputError);
    expect(() => enrichCycloneDx(doc, result, 0)).toThrow(/specVersion "1.3" or later/);
  });

  it('of a 1.6 document validates against 1.6 and adds manufacturers only where none is declared', async () => {
    const file = corpus('cyclonedx-node-npm/juice-shop__flat__bom.1.6.json');
    const { result, original, enriched, back } = await enrichAndReadBack(file);
    expect(enriched.specVersion).toBe('1.6');
    expect(schemaErrors(enriched)).toEqual([]);
    const { version: _, ...rest } = original;
    expect(keptIn(rest, enriched)).toEqual([]);
    expect(back.components).toHaveLength(result.inventory.components.length);
    const byId = new Map(result.report.components.map((rc) => [rc.ref, rc]));
    let added = 0;
    for (const c of result.inventory.components) {
      const node = at(enriched, c.location.pointer!);
      const orig = at(original, c.location.pointer!);
      if (!props(node, 'wherefrom:added').includes('manufacturer')) {
        expect(node.manufacturer).toEqual(orig.manufacturer);
        continue;
      }
      added++;
      const a = byId.get(c.id)!.attribution!;
      expect(orig.manufacturer).toBeUndefined();
      expect(a.confidence).toBe('high');
      expect(node.manufacturer).toEqual({ name: a.org.name, address: { country: a.org.country } });
    }
    expect(added).toBeGreaterThan(0);
  });

  it('of a 1.6 document fills the country of a declared supplier that is the attributed organisation', async () => {
    // The HBOM example, declared as 1.6 (its content is valid 1.6): suppliers named, no address.
    const hbom = JSON.parse(readFileSync(path.join(ROOT, corpus('cyclonedx-bom-examples/HBOM__PCIe-SATA-adapter-board__bom.json')), 'utf8')) as Record<string, unknown>;
    const doc: Record<string, unknown> = { ...hbom, $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json', specVersion: '1.6' };
    expect(schemaErrors(doc)).toEqual([]);
    const inv = await inventory([{ file: 'hbom-1.6.json', content: JSON.stringify(doc) }]);
    const r: ScanResult = { inventory: inv, report: scanReport(inv, attribute(inv, loadDataset(), { asOf: AS_OF }), undefined, AS_OF) };
    const enriched = enrichCycloneDx(doc, r, 0) as { components: Cdx[] };
    expect(schemaErrors(enriched)).toEqual([]);
    const { version: _, ...rest } = doc;
    expect(keptIn(rest, enriched)).toEqual([]);
    let filled = 0;
    enriched.components.forEach((c, i) => {
      const a = r.report.components[i]!.attribution;
      if (!props(c, 'wherefrom:added').includes('supplier.address.country')) return;
      filled++;
      expect(c.supplier!.address).toEqual({ country: a!.org.country });
      expect(c.supplier!.name).toBe((hbom.components as Cdx[])[i]!.supplier!.name);
    });
    expect(filled).toBeGreaterThan(0);
  });

  it('of a 1.6 document without tools adds wherefrom to a tools object', async () => {
    const file = corpus('cyclonedx-specification/valid-metadata-manufacturer-1.6.json');
    const { original, enriched } = await enrichAndReadBack(file);
    expect(schemaErrors(enriched)).toEqual([]);
    const { version: _, ...rest } = original;
    expect(keptIn(rest, enriched)).toEqual([]);
    expect((enriched.metadata as { tools: unknown }).tools).toEqual({ components: [{ type: 'application', name: 'wherefrom', version: '0.1.0' }] });
  });

  it('of a 1.6 npm document validates, with wherefrom added to the tools object', async () => {
    const file = corpus('cyclonedx-node-npm/alternative-package-registry__bare__bom.1.6.json');
    const { enriched } = await enrichAndReadBack(file);
    expect(schemaErrors(enriched)).toEqual([]);
    const tools = (enriched.metadata as { tools: { components: { name: string }[] } }).tools.components;
    expect(tools.filter((t) => t.name === 'wherefrom')).toHaveLength(1);
  });

  it('twice replaces its own properties rather than repeating them', async () => {
    const file = corpus('cyclonedx-bom-examples/HBOM__PCIe-SATA-adapter-board__bom.json');
    const once = await enrichAndReadBack(file);
    const twice = enrichCycloneDx(once.enriched, once.result, 0, { toolVersion: '0.1.0' }) as { components: Cdx[]; metadata: { tools: unknown[] } };
    const c = twice.components[0]!;
    expect(props(c, 'wherefrom:country')).toHaveLength(1);
    expect(twice.metadata.tools.filter((t) => (t as { name?: string }).name === 'wherefrom')).toHaveLength(1);
  });

  it('refuses a document that is not the one scanned', async () => {
    const r = await resultFor([corpus('cyclonedx-bom-examples/HBOM__PCIe-SATA-adapter-board__bom.json')]);
    const other = JSON.parse(readFileSync(path.join(ROOT, corpus('cyclonedx-bom-examples/OBOM__Example-1-Decoupled__obom.json')), 'utf8')) as unknown;
    expect(() => enrichCycloneDx(other, r, 0)).toThrow(/not the one scanned/);
    expect(() => enrichCycloneDx({ bomFormat: 'SPDX' }, r, 0)).toThrow(InputError);
  });

  it('refuses a source that is not CycloneDX JSON', async () => {
    const r = await resultFor([corpus('cyclonedx-bom-examples/SBOM__laravel-7.12.0__bom.1.4.xml')]);
    expect(() => enrichCycloneDx({ bomFormat: 'CycloneDX', specVersion: '1.4' }, r, 0)).toThrow(/only a CycloneDX JSON source/);
  });

  it('is deterministic and leaves its input untouched', async () => {
    const file = corpus('cyclonedx-bom-examples/SBOM__laravel-7.12.0__bom.1.4.json');
    const result = await resultFor([file]);
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const doc = JSON.parse(text) as unknown;
    const a = JSON.stringify(enrichCycloneDx(doc, result, 0));
    const b = JSON.stringify(enrichCycloneDx(doc, result, 0));
    expect(a).toBe(b);
    expect(doc).toEqual(JSON.parse(text));
  });
});
