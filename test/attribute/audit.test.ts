/**
 * The attribution audit: groups by controller and evidence, the ones resting on one weak signal
 * first, each backed by a record that names that very signal; what rules set aside; the audit of
 * the corpus kept in the repository and current.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditAttributions, renderAudit, weakSignal } from '../../src/attribute/audit.js';
import { attribute } from '../../src/attribute/index.js';
import { loadDataset } from '../../src/dataset/load.js';
import { normalizeName } from '../../src/dataset/names.js';
import { inventory } from '../../src/ingest/index.js';
import { cli, ROOT } from '../helpers.js';

const dataset = loadDataset({ details: true });

async function auditOf(files: string[]) {
  const inv = await inventory(files, { cwd: ROOT });
  return auditAttributions(inv, attribute(inv, dataset, { asOf: '2026-11-28' }), dataset);
}

describe('the attribution audit', () => {
  it('weak signals: one reference URL, one person\'s field, one declared name', () => {
    expect(weakSignal({ field: 'externalReferences.vcs', value: 'x', rule: 'github-org:x', record: 'x' })).toBe('reference');
    expect(weakSignal({ field: 'author.name', value: 'x', rule: 'name:x', record: 'x' })).toBe('person');
    expect(weakSignal({ field: 'originator.name', value: 'x', rule: 'name:x', record: 'x' })).toBe('declared-name');
    expect(weakSignal({ field: 'supplier.name', value: 'x', rule: 'name:x', record: 'x' })).toBe('declared-name');
    expect(weakSignal({ field: 'purl', value: 'x', rule: 'npm-scope:@x', record: 'x' })).toBeUndefined();
  });

  it('on the corpus: weak single-signal groups first, each backed by a record that names that very signal', async () => {
    const audit = await auditOf(['fixtures/corpus', 'fixtures/npm-trees']);
    expect(audit.attributed).toBeGreaterThan(9500);
    expect(audit.groups.reduce((n, g) => n + g.components, 0)).toBe(audit.attributed);
    const firstStrong = audit.groups.findIndex((g) => g.weak === undefined);
    const weak = audit.groups.slice(0, firstStrong);
    expect(weak.length).toBeGreaterThan(10);
    expect(audit.groups.slice(firstStrong).every((g) => g.weak === undefined)).toBe(true);
    for (const g of weak) {
      expect(g.single).toBe(true);
      const space = g.signature.indexOf(' ');
      const [field, rule] = [g.signature.slice(0, space), g.signature.slice(space + 1)];
      const [kind, ...rest] = rule.split(':');
      const key = rest.join(':');
      const record = dataset.organisations.get(g.records[0]!.id)!;
      const ids = record.identifiers ?? {};
      const names = (k: 'githubOrgs' | 'gitlabGroups' | 'domains') => (ids[k] ?? []).map((v) => v.toLowerCase());
      const backed =
        kind === 'github-org' ? names('githubOrgs').includes(key.toLowerCase())
        : kind === 'gitlab-org' ? names('gitlabGroups').includes(key.toLowerCase())
        : kind === 'domain' ? names('domains').includes(key)
        : kind === 'name' ? [record.name, ...(record.aliases ?? [])].map(normalizeName).includes(normalizeName(key))
        : false;
      expect(backed, `${g.controller} ${field} ${rule} through ${record.id}`).toBe(true);
    }
    // What a rule set aside is listed with why, and how much stayed unknown.
    expect(audit.setAside.find((s) => s.reason === 'inherited from org.sonatype.oss:oss-parent')).toMatchObject({ unknown: 6 });
  });

  it('is kept in the repository, current: docs/attribution-audit.md is what `wherefrom data audit fixtures/corpus fixtures/npm-trees` writes', async () => {
    const r = await cli(['data', 'audit', 'fixtures/corpus', 'fixtures/npm-trees']);
    expect(r.code).toBe(2); // the corpus holds one file that is not JSON, reported on stderr
    expect(r.stderr).toMatch(/powershell-2\.2\.6\.spdx\.json:2765:1/);
    const kept = readFileSync(path.join(ROOT, 'docs/attribution-audit.md'), 'utf8');
    expect(r.stdout, 'regenerate: node scripts/coverage.mjs').toBe(kept);
    expect(kept).toMatch(/^# Attribution audit: fixtures\/corpus, fixtures\/npm-trees\n/);
    expect(kept.indexOf('## Resting on one weak signal')).toBeLessThan(kept.indexOf('## The other groups'));
  });

  it('renders a group\'s cells safely, and an empty audit says so', async () => {
    const md = renderAudit({ components: 0, attributed: 0, groups: [], setAside: [] }, 'nothing');
    expect(md).toContain('## Resting on one weak signal (0 groups, 0 components)\n\nNone.');
    const audit = await auditOf(['examples/sboms/edge-site.cdx.json']);
    const text = renderAudit(audit, 'edge | site');
    expect(text.split('\n')[0]).toBe('# Attribution audit: edge | site');
    for (const line of text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| controller') && !l.startsWith('| reason'))) {
      expect(line.split(/(?<!\\)\|/).length, line).toBeGreaterThanOrEqual(6);
    }
    expect((await cli(['data', 'audit'])).code).toBe(2);
  });
});
