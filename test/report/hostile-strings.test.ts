/**
 * Malicious strings through every report format. One CycloneDX SBOM carries terminal escapes,
 * HTML, Markdown, CSV formulas, SARIF placeholders and path traversal in its names, versions,
 * groups, suppliers, purls, licences, descriptions, properties and bom-refs; every format of the
 * renderer registry is rendered from it (through the CLI, and through `render` for the colour
 * table and the new-document CycloneDX) and checked as its destination needs: a format added to
 * RENDERERS without a check here fails this test.
 */
import AjvModule from 'ajv';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { render, REPORT_FORMATS, type ReportFormat } from '../../src/report/index.js';
import { schemaErrors } from '../cdx-schema.js';
import { cli, ROOT } from '../helpers.js';
import { AS_OF, parseCsv, resultFor } from './result.js';

/** The strings, each distinct. (Ingest trims surrounding blanks, so tab and CR prefixes are also tried inside a value.) */
const HOSTILE = [
  '\u001b[31mRED\u001b[0m',
  '\u001b]8;;http://evil.example/\u0007click\u001b]8;;\u0007',
  'safe\rEVIL',
  'abc\b\b\bxyz',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><b>bold</b>",
  '[click](javascript:alert(1))',
  '![x](http://track.example/p.png)',
  '@everyone',
  '#1 and owner/repo#2',
  '``code`` `x`',
  'a|b|c',
  '<details open><summary>x</summary>',
  '=HYPERLINK("http://evil.example","x")',
  '+1+cmd|',
  '-2+3',
  '@SUM(1+1)*cmd',
  'x\t=1',
  'x\r=1',
  '{0} {1} {policy} {{2}}',
  '../../etc/passwd',
  '/etc/shadow',
  'C:\\Windows\\win.ini',
  '\\[not a link\\](x)',
];

const FORMULA_START = /^[=+\-@\t\r]/;
/** Control characters but tab and line feed (and C1). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** The colour codes wherefrom's own table paints with. */
const OWN_SGR = /\u001b\[(?:31|33|32|2|0)m/g;

/** Whether `text` has `ch` at a position not escaped by a backslash (an odd run of backslashes before it). */
function hasUnescaped(text: string, ch: string): boolean {
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) {
    let n = 0;
    for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) n++;
    if (n % 2 === 0) return true;
  }
  return false;
}

/** Every string in a JSON value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, strings(k, out));
  return out;
}

/** Markdown that GitHub or GitLab would render live: HTML, links, images, code, mentions, references, autolinks, math. */
function expectInertMarkdown(md: string, ownHtml: readonly string[] = []): void {
  let t = md;
  for (const tag of ownHtml) t = t.split(tag).join('');
  expect(t).not.toMatch(/<[A-Za-z!/?]/);
  for (const ch of ['[', ']', '`', '$', '*', '_', '~']) expect(hasUnescaped(t, ch), `unescaped ${ch}`).toBe(false);
  expect(t).not.toMatch(/[@#](?!\u200d)/u);
  expect(t).not.toContain('://');
  expect(t).not.toMatch(CONTROL);
}

/** Every hostile string is in the JSON document as a value, unchanged. */
function expectIntact(doc: unknown): void {
  const all = strings(doc).join('\n');
  for (const h of HOSTILE) expect(all, JSON.stringify(h)).toContain(h);
}

// ajv is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule.default }).default ?? AjvModule;
const validateSarif = (() => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/schemas/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  const { $schema: _draft04, id, ...rest } = schema;
  return new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile({ $id: id as string, ...rest });
})();

const FILE = 'hostile.cdx.json';

/** Checks one rendering as its destination needs. */
type Check = (out: string) => void;

const CHECKS = {
  table: (out) => {
    // Terminal escapes made visible as text; no raw control character but line feeds.
    expect(out).not.toMatch(CONTROL);
    expect(out).toContain('\\u001b[31mRED');
  },
  json: (out) => {
    // JSON escaping is the neutralisation: the text parses, and the strings are all there as data.
    expect(out).not.toMatch(CONTROL);
    expectIntact(JSON.parse(out));
  },
  sarif: (out) => {
    const log = JSON.parse(out) as { runs: { results: { message: { text: string }; locations?: { physicalLocation: { artifactLocation: { uri: string } } }[]; relatedLocations?: { message?: { text: string } }[] }[] }[] };
    expect(validateSarif(log) ? [] : validateSarif.errors?.slice(0, 3)).toEqual([]);
    const results = log.runs[0]!.results;
    expect(results.length).toBeGreaterThan(HOSTILE.length);
    for (const r of results) {
      for (const text of [r.message.text, ...(r.relatedLocations ?? []).map((l) => l.message?.text ?? '')]) {
        // §3.11.5: a literal brace is doubled; anything else would be a placeholder.
        expect(text.replace(/\{\{|\}\}/g, ''), text).not.toMatch(/[{}]/);
        // §3.11.6: a bracket not escaped would start an embedded link.
        expect(hasUnescaped(text, '['), text).toBe(false);
        expect(hasUnescaped(text, ']'), text).toBe(false);
        expect(text).not.toMatch(CONTROL);
      }
      // The location is the SBOM the scan read, never a path from inside it.
      for (const l of r.locations ?? []) expect(l.physicalLocation.artifactLocation.uri).toBe(FILE);
    }
    expectIntact(log.runs[0]!.results.map((r) => (r as unknown as { properties: unknown }).properties));
  },
  junit: (out) => {
    const elements = new Set<string>();
    const parser = new SaxesParser();
    parser.on('error', (e) => {
      throw e;
    });
    parser.on('opentag', (t) => elements.add(t.name));
    parser.write(out).close();
    // No markup from the SBOM became an element.
    expect([...elements].sort()).toEqual(['failure', 'system-out', 'testcase', 'testsuite', 'testsuites']);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  },
  markdown: (out) => {
    // wherefrom's own markup: the <details> sections, and the policy names in bold.
    const own = out.replace(/^## wherefrom: origin report\n/, '').replace(/^(- \S+ )\*\*(.*)\*\*:/gmu, '$1$2:');
    expectInertMarkdown(own, ['<details><summary>Summary</summary>', '<details><summary>Waived findings</summary>', '</details>']);
    // Table rows keep their cells: as many unescaped pipes as the header.
    const rows = out.split('\n').filter((l) => l.startsWith('| ❌') || l.startsWith('| ⚠️'));
    expect(rows.length).toBeGreaterThan(0);
    const unescapedPipes = (l: string) => l.split('').filter((c, i) => c === '|' && l.slice(0, i).match(/\\*$/)![0].length % 2 === 0).length;
    for (const r of rows) expect(unescapedPipes(r), r).toBe(8);
    expect(out.split('\n').filter((l) => l.startsWith('#'))).toEqual(['## wherefrom: origin report']);
  },
  csv: (out) => {
    const rows = parseCsv(out);
    expect(rows.length).toBeGreaterThan(HOSTILE.length);
    for (const row of rows) {
      expect(row).toHaveLength(rows[0]!.length);
      for (const cell of row) expect(cell, JSON.stringify(cell)).not.toMatch(FORMULA_START);
    }
    // Outside the record separators and quoted line breaks, no control character.
    expect(out.replace(/\r\n/g, '').replace(/[\r\n]/g, '')).not.toMatch(CONTROL);
    // The text is kept, made inert: a formula becomes text.
    expect(rows.some((r) => r.includes(`'${HOSTILE[15]}`))).toBe(true);
  },
  cyclonedx: (out) => {
    const doc = JSON.parse(out) as unknown;
    expect(schemaErrors(doc)).toEqual([]);
    expect(out).not.toMatch(CONTROL);
    expectIntact(doc);
  },
  html: (out) => {
    // Only wherefrom's own two scripts; no element, attribute or handler from the SBOM.
    expect(out.match(/<script\b[^>]*>/gi)).toEqual(['<script type="application/json" id="component-data">', '<script>']);
    for (const bad of [/<img\b/i, /<svg(?! class="chart" role="img")/i, /<b>bold/i, /<details open/i, /<[a-z][^<>]*\son[a-z]+=/i, /"><svg/i, /'><b>/]) expect(out).not.toMatch(bad);
    const data = /<script type="application\/json" id="component-data">([\s\S]*?)<\/script>/.exec(out)![1]!;
    expect(data).not.toContain('<');
    expectIntact(JSON.parse(data));
    expect(out).not.toMatch(CONTROL);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  },
  codequality: (out) => {
    const issues = JSON.parse(out) as { description: string; location: { path: string } }[];
    expect(issues.length).toBeGreaterThan(HOSTILE.length);
    for (const i of issues) {
      expectInertMarkdown(i.description);
      expect(i.location.path).toBe(FILE);
    }
    expect(issues.some((i) => i.description.includes('&lt;script&gt;alert\\(1\\)&lt;/script&gt;'))).toBe(true);
  },
} satisfies Record<ReportFormat, Check>;

/** The SBOM: three components per hostile string, which between them carry it in every field. */
function hostileSbom(dir: string): void {
  const components = HOSTILE.flatMap((h, i) => [
    // Attributed (ZTE, CN) and denied: the string reaches the findings as the component's name.
    {
      type: 'library',
      'bom-ref': `n${i}:${h}`,
      name: h,
      version: h,
      description: h,
      supplier: { name: 'ZTE Corporation' },
      licenses: [{ license: { name: h } }],
      properties: [{ name: `p${i}`, value: h }],
      externalReferences: [{ type: 'website', url: `https://example.com/${encodeURIComponent(h)}` }],
    },
    // Attributed by purl (Alibaba, CN) with the string as group and as a supplier declaring
    // another country: it reaches the declared-origin finding as the party.
    { type: 'library', 'bom-ref': `g${i}:${h}`, group: h, name: `fastjson${i}`, version: '1.2.83', purl: `pkg:maven/com.alibaba/fastjson@1.2.${i}`, supplier: { name: h, address: { country: 'US' } } },
    // Unknown origin, the string in the purl and as a file component's name.
    { type: 'file', 'bom-ref': `u${i}:${h}`, name: `${h} u${i}`, purl: `pkg:generic/${h}@${i}` },
  ]);
  writeFileSync(path.join(dir, FILE), JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components }, null, 2));
}

describe('hostile strings through every report format', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wherefrom-hostile-'));
  const outputs = new Map<string, string>();
  const ARGS = ['--deny-country', 'CN', '--warn-unknown', '--fail-on', 'never', '--as-of', AS_OF];

  beforeAll(async () => {
    hostileSbom(dir);
    for (const f of REPORT_FORMATS) {
      const r = await cli(['scan', FILE, ...ARGS, '--format', f], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      outputs.set(f, r.stdout);
    }
    const result = await resultFor([path.join(dir, FILE)], [{ countries: { CN: 'deny' }, unknown: 'warn' }]);
    outputs.set('table (colour)', render(result, 'table', { color: true }));
    outputs.set('table (library)', render(result, 'table', {}));
    outputs.set('cyclonedx (new document)', render(result, 'cyclonedx', {}));
  });

  it('every format of the registry has a check', () => {
    expect(Object.keys(CHECKS).sort()).toEqual([...REPORT_FORMATS].sort());
  });

  it.each(REPORT_FORMATS.map((f) => [f]))('%s', (format) => {
    const check: Check | undefined = (CHECKS as Record<string, Check>)[format];
    expect(check, `no neutralisation check for --format ${format}`).toBeDefined();
    check!(outputs.get(format)!);
  });

  it('table with colour: only wherefrom\'s own colour codes, around the same text as without', () => {
    const colour = outputs.get('table (colour)')!;
    expect(colour).toContain('\u001b[31mdeny');
    const plain = colour.replace(OWN_SGR, '');
    CHECKS.table(plain);
    expect(plain).toBe(outputs.get('table (library)'));
  });

  it('cyclonedx as a new document (several inputs, or a non-CycloneDX one)', () => {
    CHECKS.cyclonedx(outputs.get('cyclonedx (new document)')!);
  });
});
