import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/scan.js';
import { cli } from '../helpers.js';

const overlay = 'fixtures/data/overlay.json';
const laravel = 'fixtures/corpus/cyclonedx-bom-examples/SBOM__laravel-7.12.0__bom.1.4.json';

describe('wherefrom scan', () => {
  it('follows the report contract: schema, components with ref, purl and attribution (null when unknown), summary', async () => {
    const r = await cli(['scan', '--format', 'json', '--data', overlay, '--as-of', '2026-01-01', laravel]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.schema).toBe('wherefrom/report@1');
    expect(report.components).toHaveLength(62);
    const cors = report.components.find((c) => c.name === 'asm89/stack-cors')!;
    expect(cors).toMatchObject({ ref: `${laravel}#asm89/stack-cors-1.3.0.0`, purl: 'pkg:composer/asm89/stack-cors@1.3.0', version: '1.3.0' });
    expect(cors.attribution).toMatchObject({
      org: { id: 'test-acme', name: 'Acme Test Widgets GmbH', country: 'DE' },
      controller: { id: 'test-acme', country: 'DE' },
      country: 'DE',
      community: false,
      confidence: 'high',
      lists: [],
      evidence: [{ field: 'purl', value: 'pkg:composer/asm89/stack-cors@1.3.0', rule: 'composer:asm89', record: 'test-acme' }],
    });
    expect(report.findings).toEqual([]);
    expect(report.summary.components).toBe(62);
    expect(report.summary.attributed + report.summary.unknown).toBe(62);
    expect(report.summary.byController['test-acme']).toBeGreaterThanOrEqual(1);
  });

  it('prints a table on a terminal', async () => {
    const r = await cli(['scan', '--data', overlay, laravel], { stdoutIsTTY: true });
    expect(r.stdout.split('\n')[0]).toMatch(/^NAME\s+VERSION\s+ORGANISATION \(CONTROLLER\)\s+COUNTRY\s+CONFIDENCE\s+LISTS\s+EVIDENCE$/);
    expect(r.stdout).toMatch(/asm89\/stack-cors\s+1\.3\.0\s+Acme Test Widgets GmbH\s+DE\s+high/);
  });

  it('a malformed overlay is a located data error, exit 2', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wherefrom-overlay-'));
    const f = path.join(dir, 'mine.json');
    writeFileSync(f, '{\n  "organisations": [\n    { "id": "x", }\n  ]\n}\n');
    const r = await cli(['scan', '--data', f, laravel]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`data error: ${f}:3:`);
    expect(r.stdout).toBe('');
    writeFileSync(f, '{"something": "else"}');
    expect((await cli(['scan', '--data', f, laravel])).stderr).toContain('not a wherefrom data file');
  });

  it('a bad --as-of is a usage error; a broken overlay is a data error, both exit 2', async () => {
    expect((await cli(['scan', '--as-of', 'yesterday', laravel])).code).toBe(2);
    const r = await cli(['scan', '--data', 'fixtures/data/nope.json', laravel]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('data error');
  });
});

describe('wherefrom explain and lookup', () => {
  it('explain shows each step, the chain of parents and the controller', async () => {
    const r = await cli(['explain', '--data', overlay, 'pkg:npm/acme-test-lib@1.0.0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('purl normalised: pkg:npm/acme-test-lib@1.0.0');
    expect(r.stdout).toContain('purl "pkg:npm/acme-test-lib@1.0.0" matched npm-package:acme-test-lib → test-acme-sub');
    expect(r.stdout).toContain('parents: Acme Test Widgets GmbH [test-acme], DE');
    expect(r.stdout).toContain('controller: Acme Test Widgets GmbH [test-acme], country DE; confidence high');
  });

  it('explain says unknown plainly', async () => {
    const r = await cli(['explain', 'pkg:npm/surely-nobody-curated-this@1.0.0']);
    expect(r.stdout).toContain('no rule of the dataset matches: unknown');
  });

  it('lookup finds an organisation by id, name or identifier, with its sources and provenance', async () => {
    for (const q of ['test-acme-sub', 'Acme Test Subsidiary', 'acme-test-lib']) {
      const r = await cli(['lookup', '--data', overlay, q]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Acme Test Subsidiary [test-acme-sub]');
      expect(r.stdout).toContain('source: https://example.invalid/acme-sub (recorded from knowledge, not yet confirmed)');
    }
    expect((await cli(['lookup', 'no-such-organisation-anywhere'])).code).toBe(2);
  });
});

describe('wherefrom data validate', () => {
  it('the built-in dataset is valid', async () => {
    const r = await cli(['data', 'validate']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a bad file is reported with its JSON pointer, exit 2', async () => {
    const r = await cli(['data', 'validate', 'fixtures/data/bad-orgs.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fixtures/data/bad-orgs.json#/organisations/0/id: must match pattern');
    expect(r.stderr).toContain('#/organisations/0/country: must match pattern');
    expect(r.stderr).toContain('#/organisations/0/sources/0: must have required property \'checked\'');
  });
});
