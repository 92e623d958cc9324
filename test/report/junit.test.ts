/**
 * JUnit renderer: well-formed XML (parsed back with saxes), one testcase per component a policy
 * checked, a failure per counting deny/warn finding, waivers as skipped tests, notes in the output,
 * hostile names kept well-formed, byte-identical output.
 */
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { Finding, Policy } from '../../src/policy/types.js';
import type { ScanResult } from '../../src/report/index.js';
import { renderJunit } from '../../src/report/junit.js';
import { REPORT_SCHEMA, type ReportComponent } from '../../src/report/scan.js';
import { AS_OF, corpus, resultFor } from './result.js';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

/** Parses XML into a small tree; saxes rejects anything not well-formed. */
function parse(xml: string): El {
  const parser = new SaxesParser();
  const stack: El[] = [];
  let root: El | undefined;
  parser.on('opentag', (t) => {
    const el: El = { name: t.name, attrs: { ...(t.attributes as Record<string, string>) }, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => {
    if (stack.length > 0) stack[stack.length - 1]!.text += t;
  });
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return root!;
}

const all = (el: El, name: string): El[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];
const child = (el: El, name: string) => el.children.filter((c) => c.name === name);

const EDGE = 'examples/sboms/edge-site.cdx.json';
const DROPWIZARD = corpus('cyclonedx-bom-examples/SBOM__dropwizard-1.3.15__bom.json');
const label = (c: { name: string; version?: string }) => (c.version !== undefined ? `${c.name}@${c.version}` : c.name);
const counting = (f: Finding) => !f.waived && f.baseline !== 'unchanged';

describe('JUnit of real scans', () => {
  it('one suite per policy, one testcase per component checked, a failure per counting deny/warn finding', async () => {
    const policy: Policy = {
      countries: { CN: 'deny', US: 'warn' },
      unknown: 'warn',
      community: 'allow',
      waivers: [{ id: 'fj', purl: 'pkg:maven/com.alibaba/fastjson', reason: 'migrating off it', owner: 'team-a', expires: '2027-01-01' }],
    };
    const r = await resultFor([EDGE, DROPWIZARD], [{ name: 'origin', file: 'policy.json', policy }]);
    const doc = parse(renderJunit(r, {}));
    expect(doc.name).toBe('testsuites');
    const suites = child(doc, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(['origin']);
    const cases = child(suites[0]!, 'testcase');
    expect(cases).toHaveLength(r.report.components.length);
    expect(cases.map((c) => `${c.attrs.classname}|${c.attrs.name}`)).toEqual(r.report.components.map((c, i) => `${r.inventory.components[i]!.location.file}|${label(c)}`));

    const failing = r.report.findings.filter((f) => counting(f) && f.severity !== 'note');
    expect(failing.length).toBeGreaterThan(5);
    expect(failing.some((f) => f.severity === 'warn')).toBe(true);
    const failures = all(doc, 'failure');
    expect(failures).toHaveLength(failing.length);
    expect(failures.map((f) => f.attrs.type).sort()).toEqual(failing.map((f) => f.code).sort());
    for (const f of failures) expect(f.attrs.message).toMatch(/^(deny|warn): /);
    // Each failure sits in its component's testcase.
    const fastjsonCase = cases.find((c) => c.attrs.name.startsWith('com.alibaba/fastjson@'))!;
    expect(child(fastjsonCase, 'failure')).toHaveLength(0);
    expect(child(fastjsonCase, 'skipped')[0]!.attrs.message).toBe('waived: migrating off it (fj, until 2027-01-01) — ORIGIN_DENIED');
    const cam = cases.find((c) => c.attrs.name === 'DS-2CD2143G2-I')!;
    expect(child(cam, 'failure').map((f) => f.attrs.type)).toEqual(['ORIGIN_DENIED', 'DECLARED_ORIGIN_MISMATCH']);
    expect(child(cam, 'failure')[0]!.text).toContain('policy: origin (rule /countries/CN)');
    expect(child(cam, 'system-out')[0]!.text).toMatch(/^origin: Hangzhou Hikvision .*controlled by China Electronics Technology Group Corporation.*, CN, /);

    const s = suites[0]!.attrs;
    const failedCases = cases.filter((c) => child(c, 'failure').length > 0).length;
    expect(s).toMatchObject({ tests: String(cases.length), failures: String(failedCases), errors: '0', skipped: '1' });
    expect(doc.attrs).toMatchObject({ tests: s.tests, failures: s.failures, skipped: '1' });
  });

  it('components out of a policy\'s scope are not tests of it; several policies are several suites', async () => {
    const r = await resultFor([EDGE], [
      { name: 'hardware', policy: { scope: { kinds: ['hardware'] }, countries: { CN: 'deny' } } },
      { name: 'software', policy: { scope: { kinds: ['software'] }, countries: { CN: 'warn' } } },
    ]);
    const doc = parse(renderJunit(r, {}));
    const [hw, sw] = child(doc, 'testsuite');
    const inScope = (p: string) => r.report.components.filter((c) => c.verdicts![p] !== null).map(label);
    expect(child(hw!, 'testcase').map((c) => c.attrs.name)).toEqual(inScope('hardware'));
    expect(child(sw!, 'testcase').map((c) => c.attrs.name)).toEqual(inScope('software'));
    expect(inScope('hardware').length + inScope('software').length).toBe(r.report.components.length);
    expect(child(hw!, 'testcase').find((c) => c.attrs.name === 'CloudEngine S5735-L24T4X')!.children.some((c) => c.name === 'failure')).toBe(true);
    const swFailures = all(sw!, 'failure');
    expect(swFailures.length).toBe(r.report.findings.filter((f) => f.policy === 'software' && counting(f) && f.severity !== 'note').length);
    expect(swFailures.every((f) => f.attrs.message.startsWith('warn: '))).toBe(true);
    expect(doc.attrs.tests).toBe(String(r.report.components.length));
  });

  it('a finding without a component (an unused waiver) goes to the suite output; notes never fail', async () => {
    const r = await resultFor([EDGE], [{ community: 'allow', waivers: [{ id: 'ghost', org: 'no-such-org', reason: 'r', owner: 'team-b', expires: '2027-01-01' }] }]);
    const doc = parse(renderJunit(r, {}));
    const suiteOut = child(child(doc, 'testsuite')[0]!, 'system-out');
    expect(suiteOut[0]!.text).toContain('note WAIVER_UNUSED: waiver ghost of the policy policy-1 (owner team-b) matched no finding');
  });

  it('with a baseline, unchanged findings do not fail the build', async () => {
    const policy: Policy = { countries: { CN: 'deny' } };
    const first = await resultFor([EDGE], [policy]);
    const baseline = new Set(first.report.findings.filter((f) => f.component?.name !== 'com.alibaba/fastjson').map((f) => f.fingerprint));
    const doc = parse(renderJunit(await resultFor([EDGE], [policy], baseline), {}));
    expect(all(doc, 'failure').map((f) => f.attrs.message)).toEqual([expect.stringContaining('com.alibaba/fastjson@1.2.83')]);
    expect(all(doc, 'skipped').every((s) => s.attrs.message.startsWith('in the baseline'))).toBe(true);
  });

  it('without policies: one suite "wherefrom", a passing testcase per component with its origin', async () => {
    const r = await resultFor([EDGE, DROPWIZARD]);
    const out = renderJunit(r, {});
    const doc = parse(out);
    const suites = child(doc, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(['wherefrom']);
    expect(child(suites[0]!, 'testcase')).toHaveLength(r.report.components.length);
    expect(all(doc, 'failure')).toHaveLength(0);
    expect(suites[0]!.attrs).toMatchObject({ failures: '0', skipped: '0', tests: String(r.report.components.length) });
    expect(all(doc, 'system-out').some((s) => s.text === 'origin: unknown')).toBe(true);
    expect(renderJunit(await resultFor([EDGE, DROPWIZARD]), {})).toBe(out);
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
  });
});

describe('JUnit escaping', () => {
  const hostile = 'a<b>&c"d\'e ]]> \u0000\u0001\u0008\u000b\u000c\u001b\u001f \uD800 ok\uFFFE\t\n\r end';
  const cleaned = 'a<b>&c"d\'e ]]>   ok\t\n\r end';

  function hostileResult(): ScanResult {
    const component: ReportComponent = { ref: `${hostile}#1`, name: hostile, version: '1.0<', type: 'library', attribution: null, verdict: 'deny' };
    const finding: Finding = {
      code: 'ORIGIN_DENIED',
      severity: 'deny',
      policy: `pol<${hostile}`,
      component: { ref: component.ref, name: hostile, version: '1.0<', type: 'library', location: { file: `dir/${hostile}.json`, pointer: '/components/0' } },
      rule: { kind: 'country', key: 'CN', effect: 'deny', pointer: '/countries/CN' },
      evidence: [],
      paths: [[`${hostile}@1`, `${hostile}@1.0<`]],
      args: { component: `${hostile}@1.0<`, controller: `]]><![CDATA[x`, country: 'CN', policy: `pol<${hostile}`, rule: 'countries.CN' },
      fingerprint: 'f',
    };
    const waived: Finding = { ...finding, code: 'DECLARED_ORIGIN_MISMATCH', severity: 'warn', waived: { id: `w<${hostile}`, reason: hostile, owner: 'o', expires: '2030-01-01' } };
    return {
      report: {
        schema: REPORT_SCHEMA,
        asOf: AS_OF,
        components: [component],
        policies: [{ name: `pol<${hostile}`, findings: { deny: 1, warn: 0, note: 0, waived: 1 } }],
        findings: [finding, waived],
        summary: { components: 1, attributed: 0, unknown: 1, individual: 0, layers: 0, community: 0, byCountry: {}, byController: {}, byList: {}, byVerdict: {} },
        errors: [],
      },
      inventory: {
        schema: 'wherefrom/inventory@1',
        sources: [],
        components: [
          { id: component.ref, ref: '1', type: 'library', name: hostile, cpes: [], parties: [], licenses: [], hashes: [], externalReferences: [], properties: [], flags: [], location: { file: `dir/${hostile}.json` }, source: 0 },
        ],
        services: [],
        dependencies: [],
        diagnostics: [],
        errors: [],
      },
    };
  }

  it('markup, quotes, "]]>", control characters and lone surrogates cannot break the document', () => {
    const out = renderJunit(hostileResult(), {});
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE]/);
    expect(out).not.toContain(']]>');
    const doc = parse(out);
    const suite = child(doc, 'testsuite')[0]!;
    expect(suite.attrs.name).toBe(`pol<${cleaned}`);
    const tc = child(suite, 'testcase')[0]!;
    expect(tc.attrs.name).toBe(`${cleaned}@1.0<`);
    expect(tc.attrs.classname).toBe(`dir/${cleaned}.json`);
    const failure = child(tc, 'failure')[0]!;
    expect(failure.attrs.type).toBe('ORIGIN_DENIED');
    expect(failure.attrs.message).toContain(`deny: ${cleaned}@1.0< is controlled by ]]><![CDATA[x`);
    expect(failure.text).toContain(`via: ${cleaned}@1`);
    // The waived finding of a failing test is reported in its output, not as a skip.
    expect(child(tc, 'skipped')).toHaveLength(0);
    expect(child(tc, 'system-out')[0]!.text).toContain(`waived (w<${cleaned}) DECLARED_ORIGIN_MISMATCH`);
  });

  it('stdin is named "stdin"', () => {
    const r = hostileResult();
    r.inventory.components[0]!.location.file = '-';
    expect(child(child(parse(renderJunit(r, {})), 'testsuite')[0]!, 'testcase')[0]!.attrs.classname).toBe('stdin');
  });
});
