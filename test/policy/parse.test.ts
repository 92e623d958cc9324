/**
 * Reading policies: strict (unknown keys and bad values are located errors), comments allowed,
 * ids checked against the dataset; flags; the starter policy; baselines.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import { PolicyError } from '../../src/errors.js';
import { baselineFingerprints, locatePointer, parsePolicy, policyFromFlags, starterPolicy, stripJsonComments } from '../../src/policy/parse.js';

const dataset = loadDataset();

function policyError(text: string, file = 'p.json'): string {
  try {
    parsePolicy(text, file, dataset);
  } catch (e) {
    if (e instanceof PolicyError) return e.message;
    throw e;
  }
  throw new Error('no PolicyError');
}

describe('policy files', () => {
  it('comments are allowed and keep line numbers; the name defaults to the file name', () => {
    const p = parsePolicy('{\n  // deny these\n  "countries": { "RU": "deny" } /* trailing */\n}\n', 'policies/eu-rules.json', dataset);
    expect(p).toEqual({ name: 'eu-rules', file: 'policies/eu-rules.json', policy: { countries: { RU: 'deny' } } });
    expect(stripJsonComments('{"a": "// not a comment", /* x */ "b": 1}')).toBe('{"a": "// not a comment",         "b": 1}');
  });

  it('unknown keys and bad values are errors with file:line:column and JSON pointer', () => {
    const msg = policyError('{\n  "countries": { "cn": "deny" },\n  "denyCountry": ["RU"],\n  "unknown": "block"\n}');
    expect(msg).toContain('p.json:3:18 (#/denyCountry): unknown key "denyCountry"');
    expect(msg).toContain('p.json:2:24 (#/countries/cn): key "cn" is not allowed here');
    expect(msg).toContain('p.json:4:14 (#/unknown): must be one of "deny", "warn", "allow"');
  });

  it('waivers need a reason, an owner, an expiry date, and a purl or an organisation; ranges must parse', () => {
    expect(policyError('{"waivers": [{"purl": "pkg:npm/x", "owner": "o", "expires": "2027-01-01"}]}')).toContain("#/waivers/0): must have required property 'reason'");
    expect(policyError('{"waivers": [{"reason": "r", "owner": "o", "expires": "2027-01-01"}]}')).toContain('#/waivers/0): a waiver needs "purl" or "org"');
    expect(policyError('{"waivers": [{"purl": "pkg:npm/x", "reason": "r", "owner": "o", "expires": "next year"}]}')).toContain('#/waivers/0/expires)');
    expect(policyError('{"waivers": [{"purl": "pkg:npm/x@not a range!", "reason": "r", "owner": "o", "expires": "2027-01-01"}]}')).toContain('is not a semver range');
  });

  it('organisation and list ids must exist in the dataset', () => {
    expect(policyError('{"organisations": {"huawei-typo": "deny"}}')).toContain('no organisation "huawei-typo" in the dataset');
    expect(policyError('{"lists": {"us-fcc": "deny"}}')).toContain('no restricted list "us-fcc"');
    expect(policyError('{"waivers": [{"org": "nobody-such", "reason": "r", "owner": "o", "expires": "2027-01-01"}]}')).toContain('#/waivers/0/org): no organisation "nobody-such"');
  });

  it('malformed JSON is a located error; hostile keys are data', () => {
    expect(policyError('{"countries": {"RU": "deny",}}')).toMatch(/p\.json:1:\d+/);
    expect(policyError('{"__proto__": {"default": "deny"}}')).toContain('unknown key "__proto__"');
    const deep = `${'['.repeat(100000)}${']'.repeat(100000)}`;
    expect(policyError(deep)).toContain('must be object');
  });

  it('locatePointer finds values by pointer, escapes included', () => {
    const t = '{"a": {"x/y": [1, {"b": 2}]}}';
    expect(t.slice(locatePointer(t, '/a/x~1y/1/b'))).toBe('2}]}}');
  });
});

describe('command-line policies', () => {
  it('--deny-country CN,RU --warn-org ... make one policy named command-line', () => {
    expect(policyFromFlags({ denyCountry: ['cn, ru'], warnOrg: ['huawei'], denyList: ['us-fcc-covered'], warnUnknown: true }, dataset)).toEqual({
      name: 'command-line',
      policy: { countries: { CN: 'deny', RU: 'deny' }, organisations: { huawei: 'warn' }, lists: { 'us-fcc-covered': 'deny' }, unknown: 'warn' },
    });
    expect(policyFromFlags({}, dataset)).toBeUndefined();
    expect(() => policyFromFlags({ denyCountry: ['China'] }, dataset)).toThrow(/ISO 3166-1 alpha-2/);
    expect(() => policyFromFlags({ denyOrg: ['nope-inc'] }, dataset)).toThrow(/no organisation "nope-inc"/);
  });
});

describe('wherefrom init', () => {
  it('writes a starter policy that parses, and fills in the flags', () => {
    const text = starterPolicy({ denyCountry: ['RU'], home: 'jp' });
    const p = parsePolicy(text, 'wherefrom-policy.json', dataset);
    expect(p.policy.countries).toEqual({ JP: 'allow', RU: 'deny' });
    expect(p.policy.default).toBe('warn');
    expect(text).toContain('// ');
    // Neutral by default: nothing denied unless asked.
    const plain = parsePolicy(starterPolicy(), 'x.json', dataset).policy;
    expect(plain.countries).toEqual({});
    expect(plain.default).toBe('allow');
  });
});

describe('baselines', () => {
  it('reads fingerprints from a JSON report; anything else is a clear error', () => {
    expect(baselineFingerprints({ schema: 'wherefrom/report@1', findings: [{ fingerprint: 'ab' }] }, 'b.json')).toEqual(new Set(['ab']));
    expect(() => baselineFingerprints({ bomFormat: 'CycloneDX' }, 'b.json')).toThrow(/not a wherefrom JSON report/);
    expect(() => baselineFingerprints({ schema: 'wherefrom/report@1', findings: [{}] }, 'b.json')).toThrow(/b\.json#\/findings\/0/);
  });
});
