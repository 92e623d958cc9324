/**
 * The planner against a small hand-made catalog (fixtures/catalog/test-catalog.json: the rules),
 * then the built-in catalog over the corpus (the facts): categories found by purl, model and
 * function; candidates only from what the same policy allows, never from the flagged controller,
 * ranked with their reasons; transitive npm packages replaced through their direct dependency;
 * gaps listed, never hidden.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attribute } from '../../src/attribute/index.js';
import { loadDataset } from '../../src/dataset/load.js';
import { inventory } from '../../src/ingest/index.js';
import { Catalog, type CatalogFile, loadCatalog, purlKey } from '../../src/plan/catalog.js';
import { type Plan, plan } from '../../src/plan/index.js';
import { renderPlanCsv, renderPlanMarkdown } from '../../src/plan/render.js';
import { evaluate } from '../../src/policy/evaluate.js';
import type { LoadedPolicy, Policy } from '../../src/policy/types.js';
import { cli, ROOT } from '../helpers.js';

const EDGE = 'examples/sboms/edge-site.cdx.json';
const JUICE = 'fixtures/corpus/cyclonedx-node-npm/juice-shop__flat__bom.1.6.json';
const TEST_CATALOG = path.join(ROOT, 'fixtures/catalog/test-catalog.json');
const AS_OF = '2026-11-28';
const dataset = loadDataset();

/** A catalog of the test file alone (not the built-in one). */
function testCatalog(): Catalog {
  return new Catalog([JSON.parse(readFileSync(TEST_CATALOG, 'utf8')) as CatalogFile], dataset);
}

async function planFor(files: string[], policy: Policy, catalog = testCatalog()): Promise<Plan> {
  const inv = await inventory(files, { cwd: ROOT });
  const attributions = attribute(inv, dataset, { asOf: AS_OF });
  const policies: LoadedPolicy[] = [{ name: 'p', policy }];
  return plan(inv, attributions, evaluate(inv, attributions, policies, { asOf: AS_OF }), policies, catalog, dataset);
}

const item = (p: Plan, name: string) => p.policies[0]!.items.find((i) => i.target.name === name)!;

describe('the planner (rules, on a test catalog)', () => {
  it('finds the category by purl and by model, proposes only what the policy allows, and never the flagged controller', async () => {
    const p = await planFor([EDGE], { countries: { CN: 'deny' } });
    const fastjson = item(p, 'com.alibaba/fastjson');
    expect(fastjson.category).toEqual({ id: 'json-library', name: 'JSON library', by: 'purl pkg:maven/com.alibaba/fastjson' });
    expect(fastjson.current).toEqual({ id: 'fastjson', name: 'fastjson' });
    expect(fastjson.candidates.map((c) => c.product.id)).toEqual(['gson', 'json-smart', 'proprietary-json']);
    // Compatibility first (shared tags), then open licence, maturity and origin; each reason said.
    expect(fastjson.candidates[0]).toMatchObject({ org: { id: 'google' }, controller: { id: 'alphabet' }, country: 'US', verdict: 'allow' });
    expect(fastjson.candidates[0]!.reasons).toEqual(['same ecosystem (maven)', 'compatible: jvm, java-api', 'open source (Apache-2.0)', 'mature', 'US, allowed by default']);
    expect(fastjson.candidates[1]!.reasons).toContain('community project, allowed');
    expect(fastjson.candidates[2]!.reasons).toContain('proprietary');

    const sw = item(p, 'CloudEngine S5735-L24T4X');
    expect(sw.category!.by).toBe('model cloudengine'); // the longest model prefix that matches
    expect(sw.candidates.map((c) => [c.product.id, c.country])).toEqual([['catalyst-9300', 'US'], ['nokia-7250', 'FI']]);
    const cam = item(p, 'DS-2CD2143G2-I');
    expect(cam.candidates.map((c) => c.product.id)).toEqual(['axis-p32']);
  });

  it('lists what it cannot help with: a category with no allowed candidate, a component the catalog does not cover', async () => {
    const p = await planFor([EDGE], { countries: { CN: 'deny' } });
    const modem = item(p, 'EG25-G');
    expect(modem).toMatchObject({ category: { id: 'cellular-modem' }, candidates: [], gap: 'no-allowed-candidate' });
    const router = item(p, 'ZXR10 5960');
    expect(router).toMatchObject({ candidates: [], gap: 'no-category' });
    expect(router.category).toBeUndefined();
    expect(p.summary).toMatchObject({ items: p.policies[0]!.items.length, noAllowedCandidate: 1 });
    expect(p.summary.noCategory).toBeGreaterThan(0);
  });

  it('ranks candidates the policy warns about below the allowed ones, and drops denied ones', async () => {
    const p = await planFor([EDGE], { countries: { CN: 'deny', US: 'warn', FI: 'deny' } });
    const sw = item(p, 'CloudEngine S5735-L24T4X');
    expect(sw.candidates.map((c) => [c.product.id, c.verdict])).toEqual([['catalyst-9300', 'warn']]);
    expect(sw.candidates[0]!.reasons).toContain('the policy warns about it (country US)');
    const json = item(p, 'com.alibaba/fastjson');
    expect(json.candidates.map((c) => [c.product.id, c.verdict])).toEqual([['json-smart', 'allow'], ['gson', 'warn'], ['proprietary-json', 'warn']]);
  });

  it('replaces a transitive npm package through the direct dependency that brings it in, grouping what shares one', async () => {
    // npmlog@4 is Isaac Schlueter's own project (community), npmlog@5+ and are-we-there-yet@3 npm's (GitHub, Microsoft).
    const p = await planFor([JUICE], { organisations: { microsoft: 'deny', 'community-isaacs': 'deny' } });
    const libxml = item(p, 'libxmljs2');
    expect(libxml.depth).toBe('direct-dependency');
    // Everything it brings in (which may go with it), flagged or not.
    expect(libxml.brings).toBeGreaterThan(libxml.flagged.length);
    expect(libxml.flagged.map((f) => f.name)).toEqual(expect.arrayContaining(['npmlog', 'are-we-there-yet']));
    // The direct dependency is not in the catalog: it is placed by what it brings in (npmlog).
    expect(libxml.category).toEqual({ id: 'logging-library', name: 'Logging library', by: 'purl pkg:npm/npmlog (brought in by libxmljs2)' });
    expect(libxml.candidates.map((c) => c.product.id)).toEqual(['winston', 'pino']);
    // Each flagged package appears under one replacement only per path, and every item names its target.
    for (const i of p.policies[0]!.items) expect(i.flagged.length).toBeGreaterThan(0);
  });

  it('renders as Markdown (escaped) and CSV (a row per candidate, gaps said)', async () => {
    const p = await planFor([EDGE], { countries: { CN: 'deny' } });
    const md = renderPlanMarkdown(p);
    expect(md).toContain('| com\\.alibaba/fastjson@\u200d1\\.2\\.83 | ❌ com\\.alibaba/fastjson@\u200d1\\.2\\.83 (alibaba, CN) | JSON library | 1. **Gson** (Alphabet Inc\\., US; Apache\\-2\\.0)');
    expect(md).toContain('_no candidate the policy allows_');
    const csv = renderPlanCsv(p).split('\r\n');
    expect(csv[0]).toBe('policy,replace,depth,flagged,category,rank,candidate,organisation,controller,country,licence,maturity,verdict,score,reasons,gap');
    expect(csv).toContain('p,EG25-G,component,EG25-G,Cellular modem,,,,,,,,,,,no-allowed-candidate');
  });

  it('purl keys drop version, qualifiers and case', () => {
    expect(purlKey('pkg:npm/%40Scope/Name@1.2.3?arch=x#sub')).toBe('pkg:npm/%40scope/name');
  });
});

describe('plan on the command line', () => {
  it('needs a policy, and writes Markdown, JSON, CSV and HTML', async () => {
    const none = await cli(['plan', EDGE]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('plan needs a policy');
    const r = await cli(['plan', EDGE, '--deny-country', 'CN', '--catalog', 'fixtures/catalog/test-catalog.json', '--format', 'json', '--as-of', AS_OF]);
    expect(r.code).toBe(0); // advice, not a gate
    const p = JSON.parse(r.stdout) as Plan;
    expect(p.schema).toBe('wherefrom/plan@1');
    expect(p.policies[0]!.items.find((i) => i.target.name === 'CloudEngine S5735-L24T4X')!.candidates.length).toBeGreaterThan(0);
    const bad = await cli(['plan', EDGE, '--deny-country', 'CN', '--format', 'pdf']);
    expect(bad.code).toBe(2);
  });

  it('a catalog file naming an unknown organisation is a data error (exit 2)', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wf-cat-'));
    const f = path.join(dir, 'bad.json');
    fs.writeFileSync(f, JSON.stringify({ categories: [{ id: 'x', name: 'X', kind: 'software', description: 'x' }], products: [{ id: 'p', name: 'P', category: 'x', org: 'no-such-org', license: 'MIT', maturity: 'mature', tags: [], sources: [{ url: 'https://example.invalid', established: 'knowledge' }] }] }));
    const r = await cli(['plan', EDGE, '--deny-country', 'CN', '--catalog', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('catalog product p: no organisation "no-such-org" in the dataset');
    const v = await cli(['data', 'validate', f]);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('no organisation "no-such-org"');
    // A catalog that is not JSON, or JSON that is not a catalog: located, exit 2.
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{\n  "categories": [\n    { "id": "x", }\n  ]\n}\n');
    const b = await cli(['plan', EDGE, '--deny-country', 'CN', '--catalog', broken]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+`));
    const other = path.join(dir, 'other.json');
    fs.writeFileSync(other, '{"organisations": []}');
    const o = await cli(['plan', EDGE, '--deny-country', 'CN', '--catalog', other]);
    expect(o.code).toBe(2);
    expect(o.stderr).toContain('not a wherefrom catalog file (expected "categories" and/or "products")');
  });
});

describe('the built-in catalog (facts)', () => {
  const catalog = loadCatalog(dataset);
  it('validates, and covers at least 40 categories and 400 products from at least 15 countries', async () => {
    const r = await cli(['data', 'validate']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(catalog.categories.size).toBeGreaterThanOrEqual(40);
    expect(catalog.products.size).toBeGreaterThanOrEqual(400);
    const countries = new Set([...catalog.products.values()].map((p) => dataset.controllerOf(dataset.organisations.get(p.org)!).country).filter(Boolean));
    expect(countries.size).toBeGreaterThanOrEqual(15);
    for (const c of catalog.categories.values()) expect(catalog.inCategory.get(c.id)?.length ?? 0, c.id).toBeGreaterThanOrEqual(2);
  });

  it('plans the bundled examples under examples/policies/restricted-lists.json: every flagged category the catalog covers has candidates', async () => {
    const r = await cli(['plan', 'examples/sboms', '--policy', 'examples/policies/restricted-lists.json', '--format', 'json', '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout) as Plan;
    const items = p.policies[0]!.items;
    expect(items.length).toBeGreaterThanOrEqual(10);
    for (const i of items.filter((x) => x.category)) expect(i.candidates.length, `${i.target.name} (${i.category!.id})`).toBeGreaterThan(0);
    expect(items.filter((i) => i.category).map((i) => i.category!.id)).toEqual(
      expect.arrayContaining(['ip-camera', 'server', 'network-switch', 'cellular-modem', 'nic', 'antivirus-edr', 'json-library']),
    );
    // The two files' Hikvision cameras are one catalog product: one replacement.
    expect(items.filter((i) => i.category?.id === 'ip-camera')).toHaveLength(1);
  });

  it('plans the corpus fixtures under an example policy: candidates for every flagged category the catalog covers, direct dependencies named', async () => {
    const files = [EDGE, JUICE, 'fixtures/corpus/cyclonedx-bom-examples/SBOM__keycloak-10.0.2__bom.json', 'examples/sboms/db-07.hbom.cdx.json', 'fixtures/csv/assets-en.csv'];
    const p = await planFor(files, { countries: { CN: 'deny', RU: 'deny' }, lists: { '*': 'deny' }, organisations: { microsoft: 'warn' } }, catalog);
    const items = p.policies[0]!.items;
    expect(items.length).toBeGreaterThan(10);
    // Every item with a category has candidates, unless the catalog holds nothing the policy allows there.
    for (const i of items.filter((x) => x.category)) {
      if (i.candidates.length === 0) expect(i.gap, `${i.target.name} (${i.category!.id})`).toBe('no-allowed-candidate');
      for (const c of i.candidates) {
        expect(c.verdict).not.toBe('deny');
        expect(['CN', 'RU']).not.toContain(c.country);
      }
    }
    const covered = items.filter((i) => i.candidates.length > 0).map((i) => i.category!.id);
    expect(covered).toEqual(expect.arrayContaining(['network-switch', 'ip-camera']));
    const transitive = items.filter((i) => i.depth === 'direct-dependency');
    expect(transitive.length).toBeGreaterThan(0);
    for (const t of transitive) expect(t.flagged.every((f) => f.ref !== t.target.ref)).toBe(true);
  });
});
