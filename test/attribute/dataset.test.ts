/**
 * The curated dataset: per ecosystem, identifiers and the organisation, controller and country
 * they must give (facts reviewed by hand), and the restricted lists for known members.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/attribute/explain.js';
import { loadDataset } from '../../src/dataset/load.js';

const dataset = loadDataset();
const at = (input: string) => explain(input, dataset, '2026-11-28').attribution;

describe('the built-in dataset', () => {
  it('holds at least 600 organisations in at least 40 countries, and the restricted lists', () => {
    expect(dataset.organisations.size).toBeGreaterThanOrEqual(600);
    expect(new Set([...dataset.organisations.values()].flatMap((o) => (o.country ? [o.country] : []))).size).toBeGreaterThanOrEqual(40);
    expect(dataset.lists.map((l) => l.id).sort()).toEqual(
      expect.arrayContaining(['cn-unreliable-entity-list', 'eu-833-2014-annex-iv', 'us-dod-1260h', 'us-fcc-covered', 'us-ndaa-fy2019-889', 'us-ndaa-fy2023-5949']),
    );
  });

  it.each([
    // purl rules, per ecosystem
    ['pkg:maven/com.alibaba/fastjson@1.2.83', 'alibaba', 'alibaba', 'CN'],
    ['pkg:maven/org.jboss.logging/jboss-logging@3.4.1', 'red-hat', 'ibm', 'US'],
    ['pkg:maven/org.springframework/spring-core@5.3.0', 'vmware', 'broadcom', 'US'],
    ['pkg:maven/org.apache.commons/commons-lang3@3.12.0', 'apache', 'apache', 'US'],
    ['pkg:maven/org.eclipse.jetty/jetty-util@9.4.18', 'eclipse-foundation', 'eclipse-foundation', 'BE'],
    ['pkg:npm/%40aws-sdk/client-s3@3.0.0', 'aws', 'amazon', 'US'],
    ['pkg:npm/%40azure/core-auth@1.0.0', 'microsoft', 'microsoft', 'US'],
    ['pkg:golang/golang.org/x/crypto@v0.1.0', 'google', 'alphabet', 'US'],
    ['pkg:golang/github.com/aliyun/alibaba-cloud-sdk-go@v1.61.0', 'alibaba-cloud', 'alibaba', 'CN'],
    ['pkg:golang/k8s.io/api@v0.23.5', 'cncf', 'linux-foundation', 'US'],
    ['pkg:golang/github.com/hashicorp/consul/api@v1.12.0', 'hashicorp', 'ibm', 'US'],
    ['pkg:nuget/AWSSDK.S3@3.7.0', 'aws', 'amazon', 'US'],
    // names as SBOMs write them
    ['Huawei Technologies Co., Ltd.', 'huawei', 'huawei', 'CN'],
    ['JBoss by Red Hat', 'red-hat', 'ibm', 'US'],
    ['The Apache Software Foundation', 'apache', 'apache', 'US'],
    ['Mellanox Technologies', 'mellanox', 'nvidia', 'US'],
    ['SAP SE', 'sap', 'sap', 'DE'],
  ])('%s → %s (controller %s, %s)', (input, org, controller, country) => {
    expect(at(input)).toMatchObject({ org: { id: org }, controller: { id: controller }, country });
  });

  it('a distribution package is its upstream\'s, never the distribution\'s', () => {
    expect(at('pkg:deb/ubuntu/openssl@3.0.2')).toMatchObject({ controller: { id: 'openssl-foundation' } });
  });

  it.each(['pkg:npm/left-pad@1.3.0', 'pkg:npm/%40types/node@20.0.0', 'crates.io', 'PyPI', 'Ubuntu Developers', 'Aztech Technologies Pte Ltd'])(
    '%s is attributed to no organisation',
    (input) => {
      expect(at(input)).toBeNull();
    },
  );

  it('restricted lists reach the organisations they name, and their subsidiaries where the text says so', () => {
    expect(at('Hangzhou Hikvision Digital Technology Co., Ltd.')!.lists.map((l) => l.id).sort()).toEqual(['us-dod-1260h', 'us-fcc-covered', 'us-ndaa-fy2019-889']);
    // Membership has dates: before the 2021 edition of the 1260H list, Hikvision was not on it.
    expect(explain('Hikvision', dataset, '2020-01-01').attribution!.lists.map((l) => l.id)).toEqual(['us-ndaa-fy2019-889']);
    // Listed until: AMEC was on the 1260H list from its 2024 edition until its removal in December 2024.
    const amec = (asOf: string) => explain('Advanced Micro-Fabrication Equipment Inc.', dataset, asOf).attribution!.lists.map((l) => l.id);
    expect([amec('2023-06-01'), amec('2024-06-01'), amec('2026-11-28')]).toEqual([[], ['us-dod-1260h'], []]);
    expect(at('HiSilicon Technologies Co., Ltd.')!.lists.map((l) => `${l.id} via ${l.via}`)).toContain('us-ndaa-fy2019-889 via huawei');
    expect(at('Microsoft Corporation')!.lists).toEqual([]);
  });
});

describe('the compiled dataset shipped in dist/', () => {
  it('holds the lookup tables the data files give, so the package attributes as the source does', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { ROOT } = await import('../helpers.js');
    const { Dataset } = await import('../../src/dataset/index.js');
    const { readDataDir } = await import('../../src/dataset/load.js');
    const shipped = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'dataset.json'), 'utf8'));
    expect(shipped.index).toEqual(new Dataset(readDataDir(path.join(ROOT, 'data'))).compile());
    // What attribution does not need is in the details file, not in the one loaded every run.
    expect(shipped.organisations.every((o: object) => !('sources' in o) && !('identifiers' in o))).toBe(true);
    expect(shipped.lists.flatMap((l: { entries: object[] }) => l.entries).every((e: object) => 'org' in e && !('citation' in e))).toBe(true);
    const details = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'dataset-details.json'), 'utf8'));
    expect(details.organisations.huawei.sources.length).toBeGreaterThan(0);
  });
});

describe('community projects', () => {
  it.each([
    ['pkg:npm/chalk@5.3.0', 'community-sindresorhus'],
    ['pkg:cargo/serde@1.0.200', 'community-serde'],
    ['pkg:golang/github.com/sirupsen/logrus@v1.9.3', 'community-logrus'],
    ['cpe:2.3:a:haxx:curl:8.4.0:*:*:*:*:*:*:*', 'community-curl'],
  ])('%s is community work (%s): no controlling organisation, no country', (input, id) => {
    const a = at(input)!;
    expect(a.org.id).toBe(id);
    expect(a.community).toBe(true);
    expect(a.country).toBeNull();
    expect(a.controller).toEqual({ id, name: a.org.name, country: null, ownership: 'community' });
  });

  it('is never a default: what no record names stays unknown', () => {
    expect(at('pkg:npm/surely-nobody-curated-this@1.0.0')).toBeNull();
    expect(at('pkg:cargo/surely-nobody-curated-this@1.0.0')).toBeNull();
  });

  it('no community record has a country or a parent, and none claims a foundation or company project', () => {
    const community = [...dataset.organisations.values()].filter((o) => o.ownership === 'community');
    expect(community.length).toBeGreaterThanOrEqual(100);
    expect(community.filter((o) => o.country !== undefined || o.parent !== undefined)).toEqual([]);
    // React is Meta's (or its foundation's) and TypeScript Microsoft's, however open.
    expect(at('pkg:npm/typescript@5.9.0')?.community ?? false).toBe(false);
    expect(at('pkg:npm/react@18.0.0')?.community ?? false).toBe(false);
  });

  it('a record of one person\'s packages names no person: the person\'s name is no alias (a person is never an organisation)', () => {
    const people = [...dataset.organisations.values()].filter((o) => o.ownership === 'community' && /^(.+?)'s (?:packages|crates)/.test(o.name));
    expect(people.length).toBeGreaterThan(20);
    for (const o of people) {
      const person = /^(?:\w+ \()?(.+?)(?:'s| \()/.exec(o.name)![1]!;
      expect(o.aliases ?? [], o.id).not.toContain(person);
    }
    // So an author named Isaac Z. Schlueter gives a package no origin; his account does.
    expect(at('Isaac Z. Schlueter')).toBeNull();
  });
});

describe('quality gates of data validate', () => {
  it('an identifier two controllers claim, a domain on a shared host, a Go prefix on a code host without its owner: each located (a one-segment Maven prefix the schema refuses)', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { validateDataFiles } = await import('../../src/dataset/validate.js');
    const dir = path.join(process.cwd(), 'test/out');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'gates.json');
    const src = [{ url: 'https://example.org/', established: 'knowledge' }];
    writeFileSync(
      file,
      JSON.stringify({
        organisations: [
          { id: 'one-co', name: 'One Co', country: 'DE', ownership: 'private', identifiers: { githubOrgs: ['shared-org'], domains: ['one-co.github.io'] }, sources: src },
          { id: 'two-co', name: 'Two Co', country: 'FR', ownership: 'private', identifiers: { githubOrgs: ['Shared-Org'], goModules: ['github.com/'] }, sources: src },
          // A subsidiary may share its parent's identifiers (one controller): no problem.
          { id: 'one-sub', name: 'One Sub', country: 'DE', parent: 'one-co', ownership: 'private', identifiers: { githubOrgs: ['shared-org'] }, sources: src },
        ],
      }),
    );
    const { problems } = validateDataFiles([file]);
    expect(problems.map((p) => [p.pointer, p.message.split(':')[0]])).toEqual([
      ['/organisations/0/identifiers/domains/0', 'domain "one-co.github.io" is on github.io, which data/hosts.json says is shared hosting or personal pages, never evidence'],
      ['/organisations/1/identifiers/githubOrgs/0', 'githubOrgs "Shared-Org" is also claimed by one-co (gates.json#/organisations/0/identifiers/githubOrgs/0), of another controller'],
      ['/organisations/1/identifiers/goModules/0', 'Go module prefix "github.com/" names a code host without its owner (github.com/OWNER/)'],
    ]);
    // The built-in data passes them.
    expect((await import('../helpers.js')).cli).toBeDefined();
    const r = await (await import('../helpers.js')).cli(['data', 'validate']);
    expect(r.stdout).toMatch(/ 0 problems$/m);
  });

});
