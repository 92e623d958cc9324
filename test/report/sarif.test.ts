/**
 * SARIF renderer: output valid against the official SARIF 2.1.0 schema (OASIS errata01), one rule
 * per finding code, stable fingerprints, waivers as suppressions, baseline state, plain-text
 * messages, file URIs, GitHub's 25,000-result and 10 MB limits, byte-identical output.
 */
import AjvModule from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDINGS } from '../../src/policy/catalogue.js';
import type { Finding, FindingCode, Policy } from '../../src/policy/types.js';
import type { ScanResult } from '../../src/report/index.js';
import { renderSarif } from '../../src/report/sarif.js';
import { REPORT_SCHEMA } from '../../src/report/scan.js';
import { ROOT } from '../helpers.js';
import { AS_OF, corpus, resultFor } from './result.js';

// ajv is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule.default }).default ?? AjvModule;

/**
 * The official schema declares JSON Schema draft-04 (`id`, not `$id`), which ajv 8 does not ship;
 * the one draft-04 → draft-07 difference it relies on is that keyword, so it is renamed here and
 * the file itself is kept byte for byte as published. Formats are not checked (no ajv-formats).
 */
const validateSarif = (() => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/schemas/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  const { $schema: _draft04, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  return ajv.compile({ $id: id as string, ...rest });
})();

function expectValid(sarif: string): SarifLog {
  const log = JSON.parse(sarif) as SarifLog;
  const ok = validateSarif(log);
  expect(ok ? [] : validateSarif.errors?.slice(0, 5)).toEqual([]);
  return log;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; logicalLocations?: { fullyQualifiedName: string; kind: string }[] }[];
  relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations?: { fullyQualifiedName: string }[] }[];
  partialFingerprints: Record<string, string>;
  baselineState?: string;
  suppressions?: { kind: string; status: string; justification: string }[];
  properties: Record<string, unknown>;
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: { tool: { driver: { name: string; version?: string; rules: { id: string; name: string; shortDescription: { text: string }; defaultConfiguration: { level: string }; properties: Record<string, unknown> }[] } }; results: SarifResult[]; properties: Record<string, unknown> }[];
}

const EDGE = 'examples/sboms/edge-site.cdx.json';
const DROPWIZARD = corpus('cyclonedx-bom-examples/SBOM__dropwizard-1.3.15__bom.json');
const LARAVEL_XML = corpus('cyclonedx-bom-examples/SBOM__laravel-7.12.0__bom.1.4.xml');
const WAIVED: Policy = {
  countries: { CN: 'deny', US: 'warn' },
  unknown: 'warn',
  waivers: [
    { id: 'fj', purl: 'pkg:maven/com.alibaba/fastjson', reason: 'migrating off it', owner: 'team-a', expires: '2027-01-01', ticket: 'T-1' },
    { id: 'nothing', org: 'no-such-org', reason: 'r', owner: 'team-b', expires: '2027-01-01' },
  ],
};

describe('SARIF of real scans', () => {
  it('is valid SARIF 2.1.0 for JSON, XML and several policies, with one rule per finding code', async () => {
    const results = [
      await resultFor([EDGE], [{ name: 'edge', file: 'examples/policies/with-waivers.json', policy: WAIVED }]),
      await resultFor([DROPWIZARD, LARAVEL_XML], [{ countries: { US: 'warn' }, unknown: 'warn', lists: { '*': 'deny' } }, { name: 'second', policy: { unknown: 'deny' } }]),
      await resultFor([EDGE]),
    ];
    for (const r of results) {
      const log = expectValid(renderSarif(r, { toolVersion: '1.2.3' }));
      expect(log.version).toBe('2.1.0');
      expect(log.runs).toHaveLength(1);
      const { driver } = log.runs[0]!.tool;
      expect(driver).toMatchObject({ name: 'wherefrom', version: '1.2.3' });
      expect(driver.rules.map((x) => x.id)).toEqual(Object.keys(FINDINGS));
      for (const rule of driver.rules) {
        expect(rule.shortDescription.text).toBe(FINDINGS[rule.id as FindingCode].title);
        expect(rule.properties['security-severity']).toMatch(/^\d\.\d$/);
        expect(rule.properties.tags).toContain('supply-chain');
      }
      expect(log.runs[0]!.results).toHaveLength(r.report.findings.length);
      for (const res of log.runs[0]!.results) expect(driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
    }
    expect(JSON.parse(renderSarif(results[2]!, {})).runs[0].tool.driver.version).toBeUndefined();
    expect(JSON.parse(renderSarif(results[2]!, {})).runs[0].results).toEqual([]);
  });

  it('levels, messages, locations and properties come from the finding', async () => {
    const r = await resultFor([EDGE], [{ name: 'edge', file: 'examples/policies/with-waivers.json', policy: WAIVED }]);
    const log = expectValid(renderSarif(r, {}));
    const results = log.runs[0]!.results;
    r.report.findings.forEach((f, i) => {
      const res = results[i]!;
      expect(res.ruleId).toBe(f.code);
      expect(res.level).toBe({ deny: 'error', warn: 'warning', note: 'note' }[f.severity]);
      expect(res.properties).toMatchObject({ policy: 'edge', severity: f.severity });
    });
    const cam = results.find((x) => x.properties.component && (x.properties.component as { name: string }).name === 'DS-2CD2143G2-I' && x.ruleId === 'ORIGIN_DENIED')!;
    expect(cam.message.text).toContain('DS-2CD2143G2-I is controlled by');
    const camLine = r.report.findings.find((f) => f.component?.name === 'DS-2CD2143G2-I')!.component!.location.line ?? 1;
    expect(cam.locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'examples/sboms/edge-site.cdx.json' }, region: { startLine: camLine } }, logicalLocations: [{ fullyQualifiedName: '/components/3', kind: 'object' }] },
    ]);
    expect(cam.relatedLocations?.[0]).toMatchObject({
      physicalLocation: { artifactLocation: { uri: 'examples/policies/with-waivers.json' } },
      logicalLocations: [{ fullyQualifiedName: '/countries/CN' }],
    });
    expect(cam.properties).toMatchObject({ org: 'hikvision', controller: 'cetc', country: 'CN', rule: { kind: 'country', key: 'CN' } });
    expect(cam.properties.lists).toContain('us-fcc-covered');
    // The unused waiver has no component: it points at the waiver in the policy file.
    const unused = results.find((x) => x.ruleId === 'WAIVER_UNUSED')!;
    expect(unused.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'examples/policies/with-waivers.json' }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: '/waivers/1', kind: 'object' }],
      },
    ]);
    // A transitive component carries its dependency path.
    const leftPad = results.find((x) => x.ruleId === 'ORIGIN_UNKNOWN')!;
    expect(leftPad.properties.paths).toEqual([['lodash@4.17.21', 'left-pad@1.3.0']]);
  });

  it('XML components: the line, and the element path as a logical location', async () => {
    const r = await resultFor([LARAVEL_XML], [{ unknown: 'warn', default: 'warn' }]);
    const log = expectValid(renderSarif(r, {}));
    const loc = log.runs[0]!.results[0]!.locations![0]!;
    expect(loc.physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(loc.physicalLocation.artifactLocation.uri).toBe('fixtures/corpus/cyclonedx-bom-examples/SBOM__laravel-7.12.0__bom.1.4.xml');
    expect(loc.logicalLocations).toEqual([{ fullyQualifiedName: expect.stringMatching(/^\/bom\/components\[1\]\/component\[\d+\]/), kind: 'element' }]);
  });

  it('waived findings are kept, suppressed with the waiver as justification', async () => {
    const r = await resultFor([EDGE], [WAIVED]);
    const results = expectValid(renderSarif(r, {})).runs[0]!.results;
    const waived = results.filter((x) => x.suppressions);
    expect(waived).toHaveLength(r.report.findings.filter((f) => f.waived).length);
    expect(waived).toHaveLength(1);
    expect(waived[0]!.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'migrating off it', properties: { waiver: 'fj', owner: 'team-a', expires: '2027-01-01', ticket: 'T-1' } }]);
    expect((waived[0]!.properties.component as { name: string }).name).toBe('com.alibaba/fastjson');
  });

  it('fingerprints are stable across runs; with a baseline, baselineState says what is new', async () => {
    const policy: Policy = { countries: { CN: 'deny', US: 'warn' } };
    const a = await resultFor([EDGE], [policy]);
    const b = await resultFor([EDGE], [policy]);
    const prints = (r: ScanResult) => expectValid(renderSarif(r, {})).runs[0]!.results.map((x) => x.partialFingerprints['wherefrom/v1']);
    expect(prints(a)).toEqual(prints(b));
    expect(new Set(prints(a)).size).toBe(a.report.findings.length);
    expect(prints(a)).toEqual(a.report.findings.map((f) => f.fingerprint));
    expect(expectValid(renderSarif(a, {})).runs[0]!.results.every((x) => x.baselineState === undefined)).toBe(true);

    const fastjson = a.report.findings.find((f) => f.component?.name === 'com.alibaba/fastjson')!;
    const baseline = new Set(a.report.findings.filter((f) => f !== fastjson).map((f) => f.fingerprint));
    const results = expectValid(renderSarif(await resultFor([EDGE], [policy], baseline), {})).runs[0]!.results;
    expect(results.filter((x) => x.baselineState === 'new').map((x) => (x.properties.component as { name: string }).name)).toEqual(['com.alibaba/fastjson']);
    expect(results.filter((x) => x.baselineState === 'unchanged')).toHaveLength(results.length - 1);
  });

  it('is byte-identical for the same input, with no timestamp and no absolute path', async () => {
    const r1 = await resultFor([EDGE, DROPWIZARD], [WAIVED]);
    const r2 = await resultFor([EDGE, DROPWIZARD], [WAIVED]);
    const out = renderSarif(r1, { toolVersion: '0.1.0' });
    expect(renderSarif(r2, { toolVersion: '0.1.0' })).toBe(out);
    expect(out).not.toContain(ROOT);
    expect(out).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
    expect(out.endsWith('}\n')).toBe(true);
  });
});

/** A result made by hand, for inputs no real SBOM gives. */
function synthetic(findings: Finding[], policies: { name: string; file?: string }[] = [{ name: 'p' }]): ScanResult {
  return {
    report: {
      schema: REPORT_SCHEMA,
      asOf: AS_OF,
      components: [],
      policies: policies.map((p) => ({ ...p, findings: { deny: 0, warn: 0, note: 0, waived: 0 } })),
      findings,
      summary: { components: 0, attributed: 0, unknown: 0, individual: 0, layers: 0, community: 0, byCountry: {}, byController: {}, byList: {}, byVerdict: {} },
      errors: [],
    },
    inventory: { schema: 'wherefrom/inventory@1', sources: [], components: [], services: [], dependencies: [], diagnostics: [], errors: [] },
  };
}

function denied(i: number, over: { name?: string; file?: string; paths?: string[][]; waived?: boolean } = {}): Finding {
  const name = over.name ?? `pkg-${i}`;
  const f: Finding = {
    code: 'ORIGIN_DENIED',
    severity: 'deny',
    policy: 'p',
    component: { ref: `bom.json#${i}`, name, version: '1.0.0', type: 'library', location: { file: over.file ?? 'bom.json', pointer: `/components/${i}` } },
    rule: { kind: 'country', key: 'CN', effect: 'deny', pointer: '/countries/CN' },
    country: 'CN',
    evidence: [{ field: 'purl', value: `pkg:npm/${i}`, rule: 'npm:x', record: 'x' }],
    paths: over.paths ?? [],
    args: { component: `${name}@1.0.0`, controller: 'X [x]', country: 'CN', policy: 'p', rule: 'countries.CN' },
    fingerprint: `deny-${i}`,
  };
  if (over.waived) f.waived = { id: 'w', reason: 'ok', owner: 'o', expires: '2030-01-01' };
  return f;
}

function unusedWaiver(i: number): Finding {
  return {
    code: 'WAIVER_UNUSED',
    severity: 'note',
    policy: 'p',
    rule: { kind: 'waiver', key: `w${i}`, effect: 'allow', pointer: `/waivers/${i}` },
    evidence: [],
    paths: [],
    args: { waiver: `w${i}`, policy: 'p', owner: 'o', expires: '2030-01-01' },
    fingerprint: `unused-${i}`,
  };
}

describe('SARIF escaping', () => {
  it('messages are plain text: brackets and backslashes escaped (no embedded links), control and bidi characters visible', () => {
    const hostile = 'evil [click](https://example.com/x) \u001b[31mred\u202e';
    const log = expectValid(renderSarif(synthetic([denied(0, { name: hostile })]), {}));
    const text = log.runs[0]!.results[0]!.message.text;
    expect(text).toContain('evil \\[click\\](https://example.com/x) \\\\u001b\\[31mred\\\\u202e@1.0.0');
    expect(text).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(JSON.stringify(log.runs[0]!.results[0]!.message)).not.toContain('markdown');
    // The component's own name is kept as data, unchanged.
    expect((log.runs[0]!.results[0]!.properties.component as { name: string }).name).toBe(hostile);
  });

  it('file names become URI references: encoded, forward slashes, stdin, absolute as file:', () => {
    const files = ['-', 'sboms\\win dows\\bom.json', './a b/c#d?.json', '/abs/x.json', 'C:\\x\\y.json', 'weird:name/\uD800.json', 'ü/%.json'];
    const log = expectValid(renderSarif(synthetic(files.map((file, i) => denied(i, { file }))), {}));
    expect(log.runs[0]!.results.map((x) => x.locations![0]!.physicalLocation.artifactLocation.uri)).toEqual([
      'stdin',
      'sboms/win%20dows/bom.json',
      'a%20b/c%23d%3F.json',
      'file:///abs/x.json',
      'file:///C:/x/y.json',
      'weird%3Aname/%EF%BF%BD.json',
      '%C3%BC/%25.json',
    ]);
  });
});

describe('GitHub limits', () => {
  it('at most 25,000 results: counting findings and the strictest first; what was dropped is recorded', () => {
    const findings = [...Array.from({ length: 5 }, (_, i) => denied(i)), ...Array.from({ length: 3 }, (_, i) => denied(10 + i, { waived: true })), ...Array.from({ length: 25_010 }, (_, i) => unusedWaiver(i))];
    const out = renderSarif(synthetic(findings), {});
    const log = expectValid(out);
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(25_000);
    expect(run.properties['wherefrom/truncated']).toBe(18);
    expect(run.results.slice(0, 5).map((x) => x.partialFingerprints['wherefrom/v1'])).toEqual(['deny-0', 'deny-1', 'deny-2', 'deny-3', 'deny-4']);
    expect(run.results.some((x) => x.suppressions)).toBe(false);
    expect(run.results.at(-1)!.partialFingerprints['wherefrom/v1']).toBe('unused-24994');
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(10_000_000);
    expect(renderSarif(synthetic(findings), {})).toBe(out);
  });

  it('at most 10 MB: paths and evidence go first, then the least important results', () => {
    const longPath = Array.from({ length: 400 }, (_, i) => `intermediate-package-${i}@1.0.0`);
    // ~16 MB of paths: dropping them is enough.
    const pathy = Array.from({ length: 1000 }, (_, i) => denied(i, { paths: [longPath] }));
    const out1 = renderSarif(synthetic(pathy), {});
    expect(Buffer.byteLength(out1)).toBeLessThanOrEqual(10_000_000);
    const run1 = expectValid(out1).runs[0]!;
    expect(run1.results).toHaveLength(1000);
    expect(run1.properties['wherefrom/omittedProperties']).toEqual(['paths', 'evidence']);
    expect(run1.properties['wherefrom/truncated']).toBeUndefined();
    expect(run1.results[0]!.properties.paths).toBeUndefined();

    // ~20 MB of messages: results must go, notes before denials.
    const huge = 'n'.repeat(10_000);
    const big = [...Array.from({ length: 400 }, (_, i) => denied(i, { name: `${huge}${i}` })), ...Array.from({ length: 1000 }, (_, i) => ({ ...unusedWaiver(i), args: { ...unusedWaiver(i).args, owner: huge } }))];
    const out2 = renderSarif(synthetic(big), {});
    expect(Buffer.byteLength(out2)).toBeLessThanOrEqual(10_000_000);
    expect(Buffer.byteLength(out2)).toBeGreaterThan(9_900_000);
    const run2 = expectValid(out2).runs[0]!;
    expect(run2.results.length).toBeLessThan(big.length);
    expect(run2.properties['wherefrom/truncated']).toBe(big.length - run2.results.length);
    expect(run2.results.filter((x) => x.ruleId === 'ORIGIN_DENIED')).toHaveLength(400);
    expect(renderSarif(synthetic(big), {})).toBe(out2);
  });
});
