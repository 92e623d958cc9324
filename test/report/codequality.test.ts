/**
 * GitLab Code Quality: real scans through the CLI (lines found, as GitLab gets them), one issue
 * per counting finding with the documented severities, fingerprints stable across versions but
 * distinct per SBOM file, sorted and byte-identical output, and `[]` when nothing counts.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CodeQualityIssue } from '../../src/report/codequality.js';
import { renderCodeQuality } from '../../src/report/codequality.js';
import { cli } from '../helpers.js';
import { resultFor } from './result.js';

const EDGE = 'examples/sboms/edge-site.cdx.json';
const AS_OF = ['--as-of', '2026-11-28'];
const tmp = () => mkdtempSync(path.join(tmpdir(), 'wherefrom-'));

interface JsonFinding {
  code: string;
  severity: string;
  waived?: unknown;
  baseline?: string;
  component?: { name: string; location: { file: string; line?: number } };
}

async function scan(args: string[], cwd?: string): Promise<{ issues: CodeQualityIssue[]; text: string; findings: JsonFinding[] }> {
  const dir = tmp();
  const json = path.join(dir, 'report.json');
  const r = await cli(['scan', ...args, '--format', 'json', '--output', json, '--format', 'codequality', ...AS_OF], cwd ? { cwd } : {});
  expect(r.code).toBeLessThan(2);
  const findings = (JSON.parse(readFileSync(json, 'utf8')) as { findings: JsonFinding[] }).findings;
  return { issues: JSON.parse(r.stdout) as CodeQualityIssue[], text: r.stdout, findings };
}

/** The shape GitLab documents, and nothing else. */
function expectShape(i: CodeQualityIssue): void {
  expect(Object.keys(i)).toEqual(['description', 'check_name', 'fingerprint', 'severity', 'location']);
  expect(typeof i.description).toBe('string');
  expect(i.check_name).toMatch(/^wherefrom\/[A-Z_]+$/);
  expect(i.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(i.severity);
  expect(Object.keys(i.location)).toEqual(['path', 'lines']);
  expect(Number.isInteger(i.location.lines.begin) && i.location.lines.begin >= 1).toBe(true);
}

describe('GitLab Code Quality report', () => {
  it('edge-site with --deny-country CN: one issue per counting finding, deny critical, warn minor, at the component\'s line', async () => {
    const { issues, text, findings } = await scan([EDGE, '--deny-country', 'CN']);
    const counting = findings.filter((f) => !f.waived && f.severity !== 'note');
    expect(counting.filter((f) => f.severity === 'deny')).toHaveLength(7);
    expect(issues).toHaveLength(counting.length);
    for (const i of issues) expectShape(i);
    expect(issues.filter((i) => i.severity === 'critical')).toHaveLength(7);
    expect(issues.filter((i) => i.severity === 'minor')).toHaveLength(counting.filter((f) => f.severity === 'warn').length);
    expect(new Set(issues.map((i) => i.location.path))).toEqual(new Set([EDGE]));
    // Each issue is at the line of its component, as the JSON report found it.
    expect(issues.map((i) => i.location.lines.begin).sort((a, b) => a - b)).toEqual(counting.map((f) => f.component!.location.line!).sort((a, b) => a - b));
    expect(issues.every((i) => i.location.lines.begin > 1)).toBe(true);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    const huawei = issues.find((i) => i.description.includes('CloudEngine S5735\\-L24T4X'))!;
    expect(huawei).toMatchObject({ check_name: 'wherefrom/ORIGIN_DENIED', severity: 'critical' });
    expect(huawei.description).toMatch(/^Origin denied by policy: CloudEngine S5735\\-L24T4X is controlled by Huawei/);
    expect(huawei.description).toContain('(evidence: manufacturer\\.name name:Huawei Technologies Co\\., Ltd\\.)');
    // Sorted by line (one file), then severity; byte-identical on a second run; no BOM (GitLab refuses one).
    const lines = issues.map((i) => i.location.lines.begin);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(text.charCodeAt(0)).toBe('['.charCodeAt(0));
    expect((await scan([EDGE, '--deny-country', 'CN'])).text).toBe(text);
  });

  it('waived findings and notes are left out; a waiver past its expiry counts again', async () => {
    const { issues, findings } = await scan([EDGE, '--policy', 'examples/policies/with-waivers.json']);
    expect(findings.some((f) => f.waived)).toBe(true);
    expect(findings.some((f) => f.code === 'WAIVER_UNUSED')).toBe(true);
    expect(issues).toHaveLength(findings.filter((f) => !f.waived && f.severity !== 'note').length);
    expect(issues.some((i) => i.description.includes('fastjson'))).toBe(false);
    expect(issues.some((i) => i.check_name === 'wherefrom/WAIVER_UNUSED')).toBe(false);
    expect(issues.filter((i) => i.check_name === 'wherefrom/WAIVER_EXPIRED').map((i) => i.severity)).toEqual(['minor', 'minor']);
  });

  it('nothing that counts gives [] — no policy, a policy that finds nothing, or a baseline that has every finding', async () => {
    expect((await cli(['scan', EDGE, '--format', 'codequality', ...AS_OF])).stdout).toBe('[]\n');
    const dir = tmp();
    const quiet = path.join(dir, 'quiet.json');
    writeFileSync(quiet, JSON.stringify({ countries: { FR: 'deny' }, declaredMismatch: 'allow' }));
    expect((await scan([EDGE, '--policy', quiet])).text).toBe('[]\n');
    const base = path.join(dir, 'base.json');
    await cli(['scan', EDGE, '--deny-country', 'CN', '--format', 'json', '--output', base, ...AS_OF]);
    const again = await scan([EDGE, '--deny-country', 'CN', '--baseline', base]);
    expect(again.findings.length).toBeGreaterThan(0);
    expect(again.text).toBe('[]\n');
    expect(renderCodeQuality(await resultFor([EDGE]), {})).toBe('[]\n');
  });

  it('without a known line (the library, no CLI), an issue is at line 1', async () => {
    const issues = JSON.parse(renderCodeQuality(await resultFor([EDGE], [{ countries: { CN: 'deny' } }]), {})) as CodeQualityIssue[];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.location.lines.begin === 1 && i.location.path === EDGE)).toBe(true);
  });

  it('fingerprints: the same after an upgrade, different for the same package in another SBOM file', async () => {
    const dir = tmp();
    const sbom = (version: string) =>
      JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'library', 'bom-ref': 'fj', name: 'fastjson', group: 'com.alibaba', version, purl: `pkg:maven/com.alibaba/fastjson@${version}` }] });
    for (const d of ['a', 'b', 'c']) mkdirSync(path.join(dir, d));
    writeFileSync(path.join(dir, 'a', 'bom.json'), sbom('1.2.83'));
    writeFileSync(path.join(dir, 'b', 'bom.json'), sbom('2.0.0'));
    writeFileSync(path.join(dir, 'c', 'bom.json'), sbom('1.2.83'));
    const fp = async (file: string) => (await scan([file, '--deny-country', 'CN'], dir)).issues.map((i) => i.fingerprint);
    const [a] = await fp('a/bom.json');
    expect(a).toBeDefined();
    // An upgrade in place keeps the fingerprint: rewrite a/ with the new version.
    writeFileSync(path.join(dir, 'a', 'bom.json'), sbom('2.0.0'));
    expect(await fp('a/bom.json')).toEqual([a]);
    const both = await scan(['b/bom.json', './c/bom.json', '--deny-country', 'CN'], dir);
    expect(both.issues.map((i) => i.location.path)).toEqual(['b/bom.json', 'c/bom.json']);
    expect(new Set(both.issues.map((i) => i.fingerprint)).size).toBe(2);
    expect(both.issues.map((i) => i.fingerprint)).not.toContain(a);
  });
});
