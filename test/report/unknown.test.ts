/**
 * What "unknown" is: a component whose only parties are people (or whose repository is under an
 * account the dataset does not know) is counted apart from one of which nothing is known, and
 * says who its maintainers are; an image layer is shown as a layer, not counted as unknown; a
 * policy's `individual` rule, which defaults to what `unknown` says.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { individualMaintainers } from '../../src/attribute/maintainers.js';
import { inventory } from '../../src/ingest/index.js';
import type { Component } from '../../src/model.js';
import { renderCsv } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderScanTable } from '../../src/report/scan.js';
import { cli } from '../helpers.js';
import { corpus, parseCsv, resultFor } from './result.js';

/** Real trees: an npm application's SBOM (individual authors' packages), Julia's SPDX (a mix), the istio release (image layers). */
const CERN = corpus('cyclonedx-bom-examples/SBOM__cern-lhc-vdm-editor-e564943__bom.json');
const JULIA = corpus('bom-shelter/in-the-wild/spdx/julia.spdx.json');
const ISTIO = corpus('bom-shelter/in-the-wild/spdx/istio-release.spdx');

async function component(c: Record<string, unknown>): Promise<Component> {
  const doc = { bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', name: 'x', ...c }] };
  const inv = await inventory([{ file: 'one.json', content: JSON.stringify(doc) }]);
  return inv.components[0]!;
}

describe('individual maintainers', () => {
  const cases: [what: string, c: Record<string, unknown>, expected: unknown][] = [
    ['an npm author as one string', { purl: 'pkg:npm/left-pad@1.3.0', author: 'Jane Doe <jane@example.org>' }, [{ name: 'Jane Doe', email: 'jane@example.org' }]],
    ['CycloneDX 1.6 authors (people)', { authors: [{ name: 'Jane Doe' }, { name: 'Jon Roe', email: 'jon@example.org' }] }, [{ name: 'Jane Doe' }, { name: 'Jon Roe', email: 'jon@example.org' }]],
    ['a Go module under a GitHub account', { purl: 'pkg:golang/github.com/someone/tool@v1.0.0' }, [{ account: 'github.com/someone' }]],
    ['a repository under a GitLab account', { externalReferences: [{ type: 'vcs', url: 'git+https://gitlab.com/someone/tool.git' }] }, [{ account: 'gitlab.com/someone' }]],
    ['a person and the repository, one entry each, repeated accounts once', { author: 'Jane', externalReferences: [{ type: 'vcs', url: 'https://github.com/Jane/x' }, { type: 'website', url: 'https://github.com/jane/x#readme' }] }, [{ name: 'Jane' }, { account: 'github.com/Jane' }]],
    ['a supplier organisation the dataset does not know: nothing known, not individual', { supplier: { name: 'Acme Widgets GmbH' }, author: 'Jane' }, undefined],
    ['a Debian package: its people are packagers', { purl: 'pkg:deb/debian/foo@1.0', author: 'Debian Foo Team <foo@debian.org>' }, undefined],
    ['a personal page is no account', { externalReferences: [{ type: 'website', url: 'https://github.com/~jane' }] }, undefined],
    ['nothing declared', { purl: 'pkg:npm/nothing@1.0.0' }, undefined],
    ['an image layer', { name: 'sha256:' + 'a'.repeat(64) }, undefined],
  ];
  it.each(cases)('%s', async (_what, c, expected) => {
    expect(individualMaintainers(await component(c))).toEqual(expected);
  });
});

describe('the report counts them apart', () => {
  it('an npm application: every unknown package is an individual author\'s, each says whose', async () => {
    const { report } = await resultFor([CERN]);
    const s = report.summary;
    expect(s.unknown).toBeGreaterThan(0);
    expect(s.individual).toBe(s.unknown);
    expect(s.attributed + s.unknown + s.layers).toBe(s.components);
    const ms = report.components.find((c) => c.name === 'extract-zip' && c.version === '1.6.7')!;
    expect(ms.attribution).toBeNull();
    expect(ms.maintainers).toEqual([{ account: 'github.com/maxogden' }]);
    // The contract's key order: attribution, then what it is, then the verdict.
    expect(Object.keys(ms).slice(-2)).toEqual(['maintainers', 'verdict']);
    expect(renderScanTable(report)).toContain(`${s.unknown} unknown (of which ${s.individual} declare only individual maintainers)`);
    expect(renderScanTable(report)).toMatch(/^extract-zip\s+1\.6\.7\s+unknown \(individual maintainers\)\s+\?\s+maintainers: github\.com\/maxogden$/m);
  });

  it('a mix: only the components with people or accounts, the rest stay plain unknown', async () => {
    const { report } = await resultFor([JULIA]);
    const s = report.summary;
    expect(s.individual).toBeGreaterThan(0);
    expect(s.individual).toBeLessThan(s.unknown);
    const plain = report.components.filter((c) => !c.attribution && !c.maintainers);
    expect(plain.length).toBe(s.unknown - s.individual);
    expect(plain.every((c) => !('maintainers' in c) || c.maintainers === undefined)).toBe(true);
  });

  it('image layers are shown as layers, not counted unknown, and no policy judges them', async () => {
    const { report } = await resultFor([ISTIO], [{ name: 'strict', unknown: 'deny' }]);
    const s = report.summary;
    const layers = report.components.filter((c) => c.layer);
    expect(layers.length).toBe(s.layers);
    expect(s.layers).toBeGreaterThan(50);
    expect(layers.every((c) => c.attribution === null && c.verdict === null && /sha256/.test(c.name))).toBe(true);
    expect(s.attributed + s.unknown + s.layers).toBe(s.components);
    expect(Object.values(s.byCountry).reduce((a, b) => a + b, 0)).toBe(s.components - s.layers);
    expect(report.findings.some((f) => f.component && /sha256/.test(f.component.name))).toBe(false);
    const table = renderScanTable(report);
    expect(table).toMatch(/^-\s+blobs\/sha256\/[0-9a-f]+…?\s+image layer\s+-$/m);
    expect(table).toContain(`${s.layers} image layers`);
  });

  it('every format says it: Markdown, CSV, JUnit and HTML', async () => {
    const r = await resultFor([CERN, ISTIO], [{ name: 'strict', unknown: 'warn' }]);
    const s = r.report.summary;
    expect(renderMarkdown(r, {})).toContain(`${s.unknown} unknown (of which ${s.individual} declare only individual maintainers), ${s.layers} image layers`);
    const rows = parseCsv(renderCsv(r, {}));
    const col = (name: string) => rows[0]!.indexOf(name);
    const ms = rows.find((x) => x[1] === 'extract-zip' && x[2] === '1.6.7')!;
    expect([ms[col('unattributed')], ms[col('maintainers')]]).toEqual(['individual maintainers', 'github.com/maxogden']);
    expect(rows.find((x) => /sha256/.test(x[1]!))![col('unattributed')]).toBe('image layer');
    expect(renderJunit(r, {})).toContain('declares only individual maintainers: github.com/maxogden');
    const html = renderHtml(r);
    expect(html).toContain(`of which ${s.individual} declare only individual maintainers`);
    expect(html).toContain(`<b>${s.layers}</b>image layers`);
    expect(html).toContain('declared maintainer: github.com/maxogden');
  });
});

describe('the policy: unknown and individual', () => {
  it('without an individual rule, individual maintainers\' packages are what unknown says, with the same rule (and fingerprint)', async () => {
    const { report } = await resultFor([CERN], [{ name: 'p', unknown: 'deny' }]);
    const unknown = report.findings.filter((f) => f.code === 'ORIGIN_UNKNOWN');
    expect(unknown).toHaveLength(report.summary.unknown);
    expect(unknown.every((f) => f.rule.kind === 'unknown' && f.rule.pointer === '/unknown' && f.severity === 'deny')).toBe(true);
    const ms = unknown.find((f) => f.component!.name === 'extract-zip' && f.component!.version === '1.6.7')!;
    expect(ms.args.why).toBe(' (it declares only individual maintainers: github.com/maxogden)');
    // The fingerprint is the one a report before the individual rule gave (policy, code, identity, rule kind).
    const again = await resultFor([CERN], [{ name: 'p', unknown: 'deny', individual: 'deny' }]);
    const msIndividual = again.report.findings.find((f) => f.component?.name === 'extract-zip' && f.component.version === '1.6.7')!;
    expect(msIndividual.rule).toEqual({ kind: 'individual', effect: 'deny', pointer: '/individual' });
    expect(msIndividual.fingerprint).not.toBe(ms.fingerprint);
  });

  it('individual apart: allowed while the rest of unknown is denied, or warned', async () => {
    const { report } = await resultFor([JULIA], [{ name: 'p', unknown: 'deny', individual: 'allow' }]);
    const s = report.summary;
    const denied = report.components.filter((c) => c.verdict === 'deny');
    expect(denied.length).toBe(s.unknown - s.individual);
    expect(denied.every((c) => !c.maintainers)).toBe(true);
    expect(report.components.filter((c) => c.maintainers).every((c) => c.verdict === 'allow')).toBe(true);
    const warned = await resultFor([JULIA], [{ name: 'p', individual: 'warn' }]);
    expect(warned.report.findings.filter((f) => f.severity === 'warn').map((f) => f.rule.pointer)).toEqual(Array(s.individual).fill('/individual'));
  });

  it('from the command line: --deny-unknown --individual allow, and --fail-on unknown still counts both', async () => {
    const r = await cli(['scan', CERN, JULIA, '--deny-unknown', '--individual', 'allow', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { summary: { unknown: number; individual: number }; findings: { rule: { kind: string } }[] };
    expect(report.findings.filter((f) => f.rule.kind === 'unknown')).toHaveLength(report.summary.unknown - report.summary.individual);
    expect((await cli(['scan', CERN, '--individual', 'allow', '--fail-on', 'unknown', '--format', 'json'])).code).toBe(1);
    const bad = await cli(['scan', CERN, '--individual', 'maybe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/individual/);
  });

  it('a policy file: "individual" is checked against the schema', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wherefrom-individual-'));
    const file = path.join(dir, 'policy.json');
    writeFileSync(file, '{\n  "individual": "sometimes"\n}\n');
    const r = await cli(['scan', CERN, '--policy', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/policy\.json:2:\d+ \(#\/individual\)/);
    writeFileSync(file, '{ "unknown": "deny", "individual": "warn" }');
    expect((await cli(['scan', CERN, '--policy', file, '--format', 'json'])).code).toBe(0);
  });

  it('the plan says how many components it could not weigh, and of those how many are individuals\'', async () => {
    const json = JSON.parse((await cli(['plan', CERN, '--deny-country', 'XX', '--format', 'json'])).stdout) as { policies: { unknown: number; individual: number }[] };
    expect(json.policies[0]).toMatchObject({ unknown: 8, individual: 8 });
    const md = (await cli(['plan', CERN, '--deny-country', 'XX', '--format', 'markdown'])).stdout;
    expect(md.replace(/\\/g, '')).toContain('Unknown origin: 8 (of which 8 declare only individual maintainers)');
  });
});
