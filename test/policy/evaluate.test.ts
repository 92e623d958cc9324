/**
 * Evaluation: rule precedence, subsidiaries, lists, community and unknown, confidence, scopes,
 * waivers (used, expired, unused), baselines, several policies at once, and fail-on levels.
 */
import { describe, expect, it } from 'vitest';
import type { Attribution } from '../../src/attribute/index.js';
import { decide, fails } from '../../src/policy/evaluate.js';
import type { Policy } from '../../src/policy/types.js';
import { AS_OF, resultFor } from '../report/result.js';

const EDGE = 'examples/sboms/edge-site.cdx.json';

/** A hand-made attribution (what attribute() gives), for rule precedence. */
function attribution(over: Partial<Attribution> = {}): Attribution {
  const org = { id: 'hikvision', name: 'Hikvision', country: 'CN', ownership: 'public' as const };
  const controller = { id: 'cetc', name: 'CETC', country: 'CN', ownership: 'state' as const };
  return {
    org,
    controller,
    chain: ['hikvision', 'cetc-hik-group', 'cetc'],
    country: 'CN',
    community: false,
    confidence: 'high',
    lists: [{ id: 'us-fcc-covered', title: 'FCC', jurisdiction: 'US', entry: 'Hikvision', via: 'hikvision', listedFrom: '2021-03-12' }],
    evidence: [],
    conflicts: [],
    declared: [],
    ...over,
  };
}

describe('the most specific rule wins', () => {
  const all: Policy = { default: 'warn', organisations: { cetc: 'allow' }, lists: { 'us-fcc-covered': 'deny' }, countries: { CN: 'deny' }, ownership: { state: 'warn' } };
  it('organisation > list > country > ownership > default, and the rule is named', () => {
    expect(decide(attribution(), all)).toEqual({ kind: 'organisation', key: 'cetc', effect: 'allow', pointer: '/organisations/cetc' });
    const { organisations: _o, ...noOrg } = all;
    expect(decide(attribution(), noOrg)).toMatchObject({ kind: 'list', key: 'us-fcc-covered', effect: 'deny' });
    const { lists: _l, ...noList } = noOrg;
    expect(decide(attribution(), noList)).toMatchObject({ kind: 'country', key: 'CN', effect: 'deny' });
    const { countries: _c, ...noCountry } = noList;
    expect(decide(attribution(), noCountry)).toMatchObject({ kind: 'ownership', key: 'state', effect: 'warn' });
    expect(decide(attribution(), { default: 'warn' })).toMatchObject({ kind: 'default', effect: 'warn' });
    expect(decide(attribution(), {})).toMatchObject({ kind: 'default', effect: 'allow' });
  });

  it('a rule on a parent covers its subsidiaries; the nearest one in the chain wins', () => {
    expect(decide(attribution(), { organisations: { cetc: 'deny' } })).toMatchObject({ kind: 'organisation', key: 'cetc', effect: 'deny' });
    expect(decide(attribution(), { organisations: { cetc: 'deny', hikvision: 'warn' } })).toMatchObject({ key: 'hikvision', effect: 'warn' });
  });

  it('"*" matches any list; of several lists the strictest effect wins', () => {
    const a = attribution({ lists: [...attribution().lists, { id: 'us-dod-1260h', title: '1260H', jurisdiction: 'US', entry: 'Hikvision', via: 'hikvision', listedFrom: '2021-06-03' }] });
    expect(decide(a, { lists: { '*': 'warn' } })).toMatchObject({ key: '*', effect: 'warn' });
    expect(decide(a, { lists: { 'us-fcc-covered': 'warn', 'us-dod-1260h': 'deny' } })).toMatchObject({ key: 'us-dod-1260h', effect: 'deny' });
  });

  it('community work has its own rule and no country; a country rule never catches it', () => {
    const community = attribution({ country: null, community: true, lists: [], chain: ['community-curl'], controller: { id: 'community-curl', name: 'curl', country: null, ownership: 'community' } });
    expect(decide(community, { countries: { CN: 'deny' } })).toMatchObject({ kind: 'community', effect: 'allow' });
    expect(decide(community, { community: 'warn' })).toMatchObject({ kind: 'community', effect: 'warn' });
  });

  it('policy keys are data: "__proto__" or "constructor" as an organisation id matches nothing', () => {
    const policy = JSON.parse('{"organisations": {"__proto__": "deny"}, "countries": {"constructor": "deny"}}') as Policy;
    expect(decide(attribution({ chain: ['constructor', 'toString'] }), policy)).toMatchObject({ kind: 'default', effect: 'allow' });
  });
});

describe('evaluating a real SBOM', () => {
  it('verdicts per component and findings with code, rule, evidence and the dependency path', async () => {
    const { report } = await resultFor([EDGE], [{ name: 'no-cn', countries: { CN: 'deny' } }]);
    const fastjson = report.components.find((c) => c.name === 'com.alibaba/fastjson')!;
    expect(fastjson.verdict).toBe('deny');
    expect(report.components.find((c) => c.name === 'Xeon Gold 6430')!.verdict).toBe('allow');
    const f = report.findings.find((x) => x.component?.name === 'com.alibaba/fastjson')!;
    expect(f).toMatchObject({ code: 'ORIGIN_DENIED', severity: 'deny', policy: 'no-cn', rule: { kind: 'country', key: 'CN', pointer: '/countries/CN' }, country: 'CN' });
    expect(f.evidence[0]).toMatchObject({ field: 'purl', rule: 'maven:com.alibaba' });
    expect(f.component!.location).toEqual({ file: EDGE, pointer: '/components/7' });
    // A transitive component: the path from the direct dependency down to it.
    const { report: r2 } = await resultFor([EDGE], [{ unknown: 'warn' }]);
    expect(r2.findings.find((x) => x.code === 'ORIGIN_UNKNOWN')!.paths).toEqual([['lodash@4.17.21', 'left-pad@1.3.0']]);
  });

  it('a declared country the dataset contradicts is reported with both', async () => {
    const { report } = await resultFor([EDGE], [{}]);
    const f = report.findings.filter((x) => x.code === 'DECLARED_ORIGIN_MISMATCH');
    expect(f).toHaveLength(1);
    expect(f[0]!.args).toMatchObject({ declared: 'NL', country: 'CN' });
    expect((await resultFor([EDGE], [{ declaredMismatch: 'allow' }])).report.findings).toHaveLength(0);
  });

  it('minimum confidence: attributions below it count as unknown', async () => {
    const low = await resultFor(['fixtures/corpus/cyclonedx-bom-examples/SBOM__dropwizard-1.3.15__bom.json'], [{ minConfidence: 'high', unknown: 'warn' }]);
    const all = await resultFor(['fixtures/corpus/cyclonedx-bom-examples/SBOM__dropwizard-1.3.15__bom.json'], [{ unknown: 'warn' }]);
    const unknown = (r: typeof low) => r.report.findings.filter((f) => f.code === 'ORIGIN_UNKNOWN').length;
    expect(unknown(low)).toBeGreaterThan(unknown(all));
    expect(low.report.findings.some((f) => f.args.why?.includes('below the policy\'s minimum high'))).toBe(true);
  });

  it('scopes: hardware only, software only, dev dependencies skipped', async () => {
    const hw = await resultFor([EDGE], [{ scope: { kinds: ['hardware'] }, countries: { CN: 'deny' } }]);
    expect(hw.report.components.find((c) => c.name === 'com.alibaba/fastjson')!.verdict).toBeNull();
    expect(hw.report.components.find((c) => c.name === 'CloudEngine S5735-L24T4X')!.verdict).toBe('deny');
    const sw = await resultFor([EDGE], [{ scope: { kinds: ['software'] }, countries: { CN: 'deny' } }]);
    expect(sw.report.components.find((c) => c.name === 'CloudEngine S5735-L24T4X')!.verdict).toBeNull();
    const npm = 'fixtures/npm/small-v2';
    const withDev = await resultFor([npm], [{ unknown: 'warn' }]);
    const noDev = await resultFor([npm], [{ unknown: 'warn', scope: { dev: false } }]);
    const devCount = withDev.inventory.components.filter((c) => c.flags.includes('dev')).length;
    expect(devCount).toBeGreaterThan(0);
    expect(noDev.report.components.filter((c) => c.verdict === null)).toHaveLength(devCount);
  });

  it('two policies in one run: each with its own findings and verdicts; the component verdict is the strictest', async () => {
    const { report } = await resultFor([EDGE], [
      { name: 'exporter-us', lists: { 'us-fcc-covered': 'deny' } },
      { name: 'exporter-cn', lists: { 'cn-unreliable-entity-list': 'deny' }, countries: { US: 'warn' } },
    ]);
    expect(report.policies.map((p) => p.name)).toEqual(['exporter-us', 'exporter-cn']);
    const huawei = report.components.find((c) => c.name === 'CloudEngine S5735-L24T4X')!;
    expect(huawei.verdicts).toEqual({ 'exporter-us': 'deny', 'exporter-cn': 'allow' });
    expect(huawei.verdict).toBe('deny');
    const intel = report.components.find((c) => c.name === 'Xeon Gold 6430')!;
    expect(intel.verdicts).toEqual({ 'exporter-us': 'allow', 'exporter-cn': 'warn' });
    expect(report.findings.filter((f) => f.policy === 'exporter-cn' && f.code === 'ORIGIN_WARNED').length).toBe(4);
  });
});

describe('waivers', () => {
  const waiverPolicy = (expires: string): Policy => ({
    countries: { CN: 'deny' },
    waivers: [
      { id: 'fj', purl: 'pkg:maven/com.alibaba/fastjson@^1.2.80', reason: 'migrating', owner: 'team-a', expires, ticket: 'T-1' },
      { id: 'old-range', purl: 'pkg:maven/com.alibaba/fastjson@<1.2.80', reason: 'old', owner: 'team-a', expires: '2099-01-01' },
    ],
  });

  it('a waiver in force suppresses the finding (still listed, marked waived) and the verdict', async () => {
    const { report } = await resultFor([EDGE], [waiverPolicy('2027-01-01')]);
    const f = report.findings.find((x) => x.component?.name === 'com.alibaba/fastjson')!;
    expect(f.waived).toEqual({ id: 'fj', reason: 'migrating', owner: 'team-a', expires: '2027-01-01', ticket: 'T-1' });
    expect(report.components.find((c) => c.name === 'com.alibaba/fastjson')!.verdict).toBe('allow');
    // The version range decides: <1.2.80 does not match 1.2.83, so that waiver is unused.
    expect(report.findings.filter((x) => x.code === 'WAIVER_UNUSED').map((x) => x.args.waiver)).toEqual(['old-range']);
  });

  it('an expired waiver stops waiving and is reported once per component it would have waived', async () => {
    const { report } = await resultFor([EDGE], [waiverPolicy('2026-11-27')]);
    const f = report.findings.find((x) => x.component?.name === 'com.alibaba/fastjson' && x.code === 'ORIGIN_DENIED')!;
    expect(f.waived).toBeUndefined();
    const expired = report.findings.filter((x) => x.code === 'WAIVER_EXPIRED');
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ severity: 'warn', args: { waiver: 'fj', expires: '2026-11-27', owner: 'team-a' } });
    // The expiry day itself is still covered.
    const onTheDay = await resultFor([EDGE], [waiverPolicy(AS_OF)]);
    expect(onTheDay.report.findings.some((x) => x.code === 'WAIVER_EXPIRED')).toBe(false);
  });

  it('an organisation waiver covers everything it controls, subsidiaries included', async () => {
    const { report } = await resultFor([EDGE], [{ countries: { CN: 'deny' }, waivers: [{ org: 'cetc', reason: 'r', owner: 'o', expires: '2030-01-01' }] }]);
    const cams = report.findings.filter((x) => x.controller?.id === 'cetc' && x.code === 'ORIGIN_DENIED');
    expect(cams.length).toBe(2);
    expect(cams.every((x) => x.waived?.id === 'waivers[0]')).toBe(true);
  });
});

describe('baseline and fail-on', () => {
  it('fingerprints are stable across runs and versions; a baseline makes only new findings count', async () => {
    const policy: Policy = { countries: { CN: 'deny', RU: 'warn' } };
    const first = await resultFor([EDGE], [policy]);
    const again = await resultFor([EDGE], [policy]);
    expect(again.report.findings.map((f) => f.fingerprint)).toEqual(first.report.findings.map((f) => f.fingerprint));
    expect(new Set(first.report.findings.map((f) => f.fingerprint)).size).toBe(first.report.findings.length);
    // The baseline lacks the fastjson finding: only that one is new.
    const fastjson = first.report.findings.find((f) => f.component?.name === 'com.alibaba/fastjson')!;
    const baseline = new Set(first.report.findings.filter((f) => f !== fastjson).map((f) => f.fingerprint));
    const withBaseline = await resultFor([EDGE], [policy], baseline);
    expect(withBaseline.report.findings.filter((f) => f.baseline === 'new').map((f) => f.component?.name)).toEqual(['com.alibaba/fastjson']);
    expect(withBaseline.report.policies[0]!.new).toBe(1);
  });

  it('fail-on: deny, warn, unknown, never', async () => {
    const evalOf = async (p: Policy, baseline?: Set<string>) => {
      const { evaluate } = await import('../../src/policy/evaluate.js');
      const { inventory } = await import('../../src/ingest/index.js');
      const { attribute } = await import('../../src/attribute/index.js');
      const { loadDataset } = await import('../../src/dataset/load.js');
      const inv = await inventory([EDGE]);
      return evaluate(inv, attribute(inv, loadDataset(), { asOf: AS_OF }), [{ name: 'p', policy: p }], baseline ? { asOf: AS_OF, baseline } : { asOf: AS_OF });
    };
    const warnOnly = await evalOf({ countries: { RU: 'warn' }, declaredMismatch: 'allow' });
    expect([fails(warnOnly, 'deny'), fails(warnOnly, 'warn'), fails(warnOnly, 'never')]).toEqual([false, true, false]);
    const clean = await evalOf({ declaredMismatch: 'allow' });
    expect([fails(clean, 'warn'), fails(clean, 'unknown')]).toEqual([false, true]); // left-pad is unknown
    const deny = await evalOf({ countries: { CN: 'deny' } });
    expect(fails(deny, 'deny')).toBe(true);
    const all = new Set(deny.policies[0]!.findings.map((f) => f.fingerprint));
    expect(fails(await evalOf({ countries: { CN: 'deny' } }, all), 'warn')).toBe(false);
  });
});
