/**
 * The resource bounds (src/ingest/limits.ts), hit in every format. The real bounds are too big to
 * reach in a test (5,000,000 components, 512 MiB), so this file replaces the limits module with
 * small values: every reader imports its bounds from there, so the same code paths run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { inventory } from '../../src/ingest/index.js';
import type * as Limits from '../../src/ingest/limits.js';
import type { GenComponent, GenDoc } from './gen.js';
import { cdxJson, cdxXml, csv, spdx3, spdxJson, spdxTagValue } from './gen.js';

// Hoisted with vi.mock, which runs before the module's own top-level code.
const SMALL = vi.hoisted(() => ({ MAX_INPUT_BYTES: 8192, MAX_JSON_DEPTH: 16, MAX_XML_DEPTH: 24, MAX_COMPONENT_DEPTH: 1, MAX_STRING: 32, MAX_COMPONENTS: 3 }));

vi.mock('../../src/ingest/limits.js', async (importOriginal) => {
  const real = await importOriginal<typeof Limits>();
  return {
    ...real,
    ...SMALL,
    checkComponentCount: (count: number, loc: Parameters<typeof real.checkComponentCount>[1]) => real.checkComponentCount(count, loc, SMALL.MAX_COMPONENTS),
  };
});

const real = await vi.importActual<typeof Limits>('../../src/ingest/limits.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'wherefrom-fuzz-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const comp = (i: number, extra: Partial<GenComponent> = {}): GenComponent => ({ ref: `SPDXRef-${i}`, name: `c${i}`, version: '1.0', licenses: [], hashes: [], ...extra });
const doc = (n: number, extra: Partial<GenComponent> = {}): GenDoc => ({ components: Array.from({ length: n }, (_, i) => comp(i, extra)), deps: [] });

const formats: [string, (d: GenDoc) => string][] = [
  ['bom.json', (d) => JSON.stringify(cdxJson(d))],
  ['bom.xml', (d) => cdxXml(d)],
  ['sbom.spdx.json', (d) => JSON.stringify(spdxJson(d))],
  ['sbom.spdx', (d) => spdxTagValue(d)],
  ['sbom.spdx3.json', (d) => JSON.stringify(spdx3(d))],
  ['assets.csv', (d) => csv(d)],
];

async function errorsOf(file: string, content: string) {
  const inv = await inventory([{ file, content }]);
  return { inv, codes: inv.errors.map((e) => e.code), first: inv.errors[0] };
}

describe('most components per document', () => {
  for (const [file, write] of formats) {
    it(`${file}: ${SMALL.MAX_COMPONENTS} components are read, one more is TOO_MANY at the one past the bound`, async () => {
      const ok = await errorsOf(file, write(doc(3)));
      expect(ok.codes).toEqual([]);
      expect(ok.inv.components).toHaveLength(3);
      const over = await errorsOf(file, write(doc(4)));
      expect(over.codes).toEqual(['TOO_MANY']);
      expect(over.inv.components).toEqual([]);
      const loc = over.first!.location;
      expect(loc.file).toBe(file);
      expect(loc.line !== undefined || loc.pointer !== undefined).toBe(true);
      if (file === 'bom.json') expect(loc.pointer).toBe('/components/3');
      if (file === 'sbom.spdx.json') expect(loc.pointer).toBe('/packages/3');
      expect(over.first!.message).toContain(`more than ${SMALL.MAX_COMPONENTS} components`);
    });
  }

  it('CycloneDX: nested components and services count too', async () => {
    const nested = { bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ name: 'a', components: [{ name: 'b' }, { name: 'c' }] }], services: [{ name: 's' }] };
    expect((await errorsOf('bom.json', JSON.stringify(nested))).codes).toEqual(['TOO_MANY']);
  });

  it('npm: a lockfile with more packages than the bound is TOO_MANY at the first package past it', async () => {
    const names = ['a', 'b', 'c', 'd'];
    const packages: Record<string, unknown> = { '': { name: 'root', version: '1.0.0', dependencies: Object.fromEntries(names.map((n) => [n, '1.0.0'])) } };
    for (const n of names) packages[`node_modules/${n}`] = { version: '1.0.0' };
    const p = mkdtempSync(path.join(dir, 'npm-'));
    writeFileSync(path.join(p, 'package.json'), JSON.stringify({ name: 'root', version: '1.0.0' }));
    writeFileSync(path.join(p, 'package-lock.json'), JSON.stringify({ name: 'root', version: '1.0.0', lockfileVersion: 3, packages }));
    const inv = await inventory([path.join(p, 'package-lock.json')]);
    expect(inv.errors).toMatchObject([{ code: 'TOO_MANY', location: { file: path.join(p, 'package-lock.json'), pointer: '/packages/node_modules~1d' } }]);
  });
});

describe('largest document', () => {
  it('bytes past MAX_INPUT_BYTES are TOO_LARGE, located at the first byte past the bound', async () => {
    const big = Buffer.from(JSON.stringify(cdxJson(doc(1, { description: 'x'.repeat(SMALL.MAX_INPUT_BYTES) }))));
    const inv = await inventory([{ file: 'big.json', content: big }]);
    expect(inv.errors).toMatchObject([{ code: 'TOO_LARGE', location: { file: 'big.json', offset: SMALL.MAX_INPUT_BYTES } }]);
  });
});

describe('deepest nesting', () => {
  for (const [file, write] of formats.filter(([f]) => f.endsWith('.json'))) {
    it(`${file}: JSON nested past MAX_JSON_DEPTH is TOO_DEEP at the bracket, with line, column and offset`, async () => {
      const text = write(doc(1, { description: '@@deep@@' })).replace('"@@deep@@"', `${'['.repeat(SMALL.MAX_JSON_DEPTH)}${']'.repeat(SMALL.MAX_JSON_DEPTH)}`);
      const { codes, first } = await errorsOf(file, text);
      expect(codes).toEqual(['TOO_DEEP']);
      expect(first!.location).toMatchObject({ file, line: 1, column: expect.any(Number), offset: expect.any(Number) });
      // Brackets inside strings do not count.
      const inString = write(doc(1, { description: '['.repeat(100) }));
      expect((await errorsOf(file, inString)).codes).toEqual([]);
    });
  }

  it('bom.xml: elements nested past MAX_XML_DEPTH are TOO_DEEP at their line', async () => {
    const { codes, first } = await errorsOf('bom.xml', `<bom xmlns="http://cyclonedx.org/schema/bom/1.6">\n${'<a>'.repeat(SMALL.MAX_XML_DEPTH)}${'</a>'.repeat(SMALL.MAX_XML_DEPTH)}</bom>`);
    expect(codes).toEqual(['TOO_DEEP']);
    expect(first!.location).toMatchObject({ file: 'bom.xml', line: 2 });
  });

  it('CycloneDX: components nested past MAX_COMPONENT_DEPTH are TOO_DEEP at the component', async () => {
    let c: Record<string, unknown> = { name: 'leaf' };
    for (let i = 0; i < SMALL.MAX_COMPONENT_DEPTH + 1; i++) c = { name: `n${i}`, components: [c] };
    const { codes, first } = await errorsOf('bom.json', JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [c] }));
    expect(codes).toEqual(['TOO_DEEP']);
    expect(first!.location.pointer).toBe(`${'/components/0'.repeat(SMALL.MAX_COMPONENT_DEPTH + 2)}`);
  });
});

describe('longest string', () => {
  for (const [file, write] of formats) {
    it(`${file}: a name longer than MAX_STRING is cut, with a located TRUNCATED_VALUE warning`, async () => {
      const name = `${'n'.repeat(SMALL.MAX_STRING)}tail`;
      const inv = await inventory([{ file, content: write({ components: [comp(0, { name })], deps: [] }) }]);
      expect(inv.errors).toEqual([]);
      expect(inv.components[0]!.name).toBe('n'.repeat(SMALL.MAX_STRING));
      const warnings = inv.diagnostics.filter((d) => d.code === 'TRUNCATED_VALUE');
      expect(warnings.length).toBeGreaterThan(0);
      for (const w of warnings) {
        expect(w.location.file).toBe(file);
        expect(w.location.line !== undefined || w.location.pointer !== undefined).toBe(true);
      }
    });
  }
});

describe('the checks themselves, at their real values', () => {
  it('checkComponentCount allows the bound and refuses one more, located where it is told', () => {
    expect(real.MAX_COMPONENTS).toBe(5_000_000);
    expect(() => real.checkComponentCount(real.MAX_COMPONENTS, { file: 'f', pointer: '/x' })).not.toThrow();
    expect(() => real.checkComponentCount(real.MAX_COMPONENTS + 1, { file: 'f', pointer: '/x' })).toThrow(/f#\/x: more than 5000000 components in one document/);
  });

  it('jsonTooDeepAt finds the bracket opening the level past the bound, skipping strings and escapes', () => {
    expect(real.MAX_JSON_DEPTH).toBe(1024);
    expect(real.jsonTooDeepAt('[[[]]]', 3)).toBe(-1);
    expect(real.jsonTooDeepAt('[[[[]]]]', 3)).toBe(3);
    expect(real.jsonTooDeepAt('{"a": "[[[[\\"[[[[", "b": [[]]}', 3)).toBe(-1);
    expect(real.jsonTooDeepAt('["\\\\", [[[1]]]]', 3)).toBe(9);
    expect(real.jsonTooDeepAt(`${'['.repeat(1024)}${']'.repeat(1024)}`)).toBe(-1);
    expect(real.jsonTooDeepAt(`${'['.repeat(1025)}${']'.repeat(1025)}`)).toBe(1024);
  });
});
