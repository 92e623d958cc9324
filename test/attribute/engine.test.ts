/**
 * The attribution engine against a small hand-made dataset (the rules, not the curated facts):
 * every ecosystem's identifier rule, segment boundaries, the negative cases of the issue,
 * parents, aliases, overlays, conflicts, declared origins and list dates.
 */
import { describe, expect, it } from 'vitest';
import { attribute } from '../../src/attribute/index.js';
import { Dataset } from '../../src/dataset/index.js';
import { normalizeName } from '../../src/dataset/names.js';
import type { Organisation, RawDataset } from '../../src/dataset/types.js';
import { inventory } from '../../src/ingest/index.js';

const src = [{ url: 'https://example.invalid/test-fixture', established: 'knowledge' as const }];
const org = (o: Omit<Organisation, 'sources' | 'ownership'> & Partial<Organisation>): Organisation => ({ ownership: 'public', sources: src, ...o });

const RAW: RawDataset = {
  organisations: [
    org({ id: 'microsoft', name: 'Microsoft Corporation', aliases: ['Microsoft', 'MSFT'], country: 'US', identifiers: { npmScopes: ['@azure'], pypiPrefixes: ['azure-'], nugetPrefixes: ['Microsoft'], githubOrgs: ['Azure', 'microsoft'], domains: ['microsoft.com'], cpeVendors: ['microsoft'] } }),
    org({ id: 'github', name: 'GitHub, Inc.', country: 'US', parent: 'microsoft', identifiers: { domains: ['github.com'] } }),
    org({ id: 'alibaba', name: 'Alibaba Group Holding Limited', aliases: ['Alibaba'], country: 'CN', identifiers: { mavenGroups: ['com.alibaba'] } }),
    org({ id: 'alibaba-cloud', name: 'Alibaba Cloud Computing Ltd.', aliases: ['Alibaba Cloud', 'Aliyun'], country: 'CN', parent: 'alibaba', identifiers: { goModules: ['github.com/aliyun/'] } }),
    org({ id: 'aws', name: 'Amazon Web Services, Inc.', aliases: ['Amazon Web Services'], country: 'US', parent: 'amazon', identifiers: { nugetPrefixes: ['AWSSDK'], cargoPrefixes: ['aws-sdk-'] } }),
    org({ id: 'amazon', name: 'Amazon.com, Inc.', country: 'US' }),
    org({ id: 'siemens', name: 'Siemens AG', country: 'DE', identifiers: { cpeVendors: ['siemens'] } }),
    org({ id: 'zte', name: 'ZTE Corporation', aliases: ['ZTE'], country: 'CN' }),
    org({ id: 'huawei', name: 'Huawei Technologies Co., Ltd.', aliases: ['HUAWEI', '华为技术有限公司'], country: 'CN', ownership: 'private' }),
    org({ id: 'hisilicon', name: 'HiSilicon Technologies Co., Ltd.', country: 'CN', parent: 'huawei', identifiers: { pciVendors: ['19e5'] } }),
    org({ id: 'nvidia', name: 'NVIDIA Corporation', country: 'US' }),
    org({ id: 'mellanox', name: 'Mellanox Technologies, Ltd.', aliases: ['Mellanox'], country: 'IL', parent: 'nvidia', parentSince: '2020-04-27' }),
    org({ id: 'broadcom', name: 'Broadcom Inc.', country: 'US' }),
    org({ id: 'vmware', name: 'VMware, LLC', aliases: ['VMware', 'Pivotal Software, Inc.'], country: 'US', parent: 'broadcom', identifiers: { mavenGroups: ['org.springframework'] } }),
    org({ id: 'ibm', name: 'International Business Machines Corporation', aliases: ['IBM'], country: 'US' }),
    org({ id: 'red-hat', name: 'Red Hat, Inc.', aliases: ['JBoss by Red Hat'], country: 'US', parent: 'ibm', identifiers: { mavenGroups: ['org.jboss'] } }),
    org({ id: 'nrwl', name: 'Nrwl, Inc.', country: 'US', identifiers: { npmPackages: ['nx'], npmScopes: ['@nx'] } }),
    org({ id: 'rust-foundation', name: 'Rust Foundation', country: 'US', ownership: 'foundation', identifiers: { cargoCrates: ['rustc-demangle'] } }),
  ],
  platforms: [
    { id: 'crates-io', name: 'crates.io', kind: 'package-registry', domains: ['crates.io'], sources: src },
    { id: 'pypi', name: 'PyPI', aliases: ['Python Package Index'], kind: 'package-registry', domains: ['pypi.org'], sources: src },
    { id: 'ubuntu', name: 'Ubuntu', aliases: ['Ubuntu Developers'], kind: 'linux-distribution', purlTypes: ['deb'], sources: src },
  ],
  lists: [
    {
      id: 'test-list',
      title: 'A test list',
      jurisdiction: 'US',
      authority: 'Test',
      version: '2025-01-01',
      sources: src,
      entries: [
        { name: 'Huawei Technologies Co., Ltd. and subsidiaries', org: 'huawei', includesSubsidiaries: true, listedFrom: '2020-01-01' },
        { name: 'ZTE Corporation', org: 'zte', listedFrom: '2020-01-01', listedUntil: '2024-01-01' },
      ],
    },
  ],
};

const dataset = new Dataset(RAW);

/** Attributes one CycloneDX component. */
async function one(component: Record<string, unknown>, ds = dataset, asOf = '2025-06-01') {
  const doc = { bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ name: 'c', ...component }] };
  const inv = await inventory([{ file: 't.json', content: JSON.stringify(doc) }]);
  expect(inv.errors).toEqual([]);
  return attribute(inv, ds, { asOf })[0] ?? null;
}

describe('identifier rules per ecosystem', () => {
  it.each([
    ['pkg:npm/%40azure/core-auth@1.0.0', 'microsoft', 'microsoft', 'US', 'npm-scope:@azure'],
    ['pkg:npm/nx@19.0.0', 'nrwl', 'nrwl', 'US', 'npm-package:nx'],
    ['pkg:maven/com.alibaba/fastjson@1.2.83', 'alibaba', 'alibaba', 'CN', 'maven:com.alibaba'],
    ['pkg:maven/com.alibaba.nacos/nacos-client@2.0.0', 'alibaba', 'alibaba', 'CN', 'maven:com.alibaba'],
    ['pkg:maven/org.springframework/spring-core@5.3.0', 'vmware', 'broadcom', 'US', 'maven:org.springframework'],
    ['pkg:maven/org.jboss.logging/jboss-logging@3.4.1', 'red-hat', 'ibm', 'US', 'maven:org.jboss'],
    ['pkg:golang/github.com/aliyun/alibaba-cloud-sdk-go@1.61.0', 'alibaba-cloud', 'alibaba', 'CN', 'go:github.com/aliyun/'],
    ['pkg:pypi/azure-storage-blob@12.0.0', 'microsoft', 'microsoft', 'US', 'pypi:azure-'],
    ['pkg:pypi/Azure_Core@1.0.0', 'microsoft', 'microsoft', 'US', 'pypi:azure-'],
    ['pkg:nuget/AWSSDK.S3@3.7.0', 'aws', 'amazon', 'US', 'nuget:AWSSDK'],
    ['pkg:nuget/Microsoft.Extensions.Logging@8.0.0', 'microsoft', 'microsoft', 'US', 'nuget:Microsoft'],
    ['pkg:cargo/aws-sdk-s3@1.0.0', 'aws', 'amazon', 'US', 'cargo:aws-sdk-'],
    ['pkg:cargo/rustc-demangle@0.1.0', 'rust-foundation', 'rust-foundation', 'US', 'cargo:rustc-demangle'],
  ])('%s → %s (controller %s, %s)', async (purl, orgId, controllerId, country, rule) => {
    const a = await one({ purl });
    expect(a).toMatchObject({ org: { id: orgId }, controller: { id: controllerId }, country, confidence: 'high', community: false });
    expect(a!.evidence[0]).toEqual({ field: 'purl', value: expect.stringContaining('pkg:'), rule, record: orgId });
  });

  it.each([
    ['pkg:maven/com.alibabacloud/x@1', 'a Maven prefix stops at a dot boundary'],
    ['pkg:nuget/AWSSDKX@1.0.0', 'a NuGet prefix stops at a dot boundary'],
    ['pkg:pypi/azurestuff@1.0.0', 'a PyPI prefix needs its separator'],
    ['pkg:golang/github.com/aliyunx/y@v1.0.0', 'a Go prefix stops at a slash'],
    ['pkg:npm/left-pad@1.3.0', 'an unscoped npm package with no rule is unknown'],
    ['pkg:npm/%40types/node@20.0.0', 'a scope with no rule is unknown'],
    ['pkg:deb/ubuntu/openssl@3.0.2', 'a deb namespace is the distribution, never the origin'],
  ])('%s stays unknown: %s', async (purl) => {
    expect(await one({ purl })).toBeNull();
  });
});

describe('the negative cases', () => {
  it('npm nx is Nrwl, not Siemens NX; a Siemens CPE is Siemens', async () => {
    expect((await one({ purl: 'pkg:npm/nx@19.0.0' }))!.org.id).toBe('nrwl');
    expect((await one({ name: 'nx', cpe: 'cpe:2.3:a:siemens:nx:2306:*:*:*:*:*:*:*' }))!.org.id).toBe('siemens');
  });

  it('"Aztech" is not ZTE: names match whole, never as substrings', async () => {
    expect(await one({ supplier: { name: 'Aztech Technologies Pte Ltd' } })).toBeNull();
    expect((await one({ supplier: { name: 'ZTE Corporation' } }))!.org.id).toBe('zte');
  });

  it('crates.io, PyPI or "Ubuntu Developers" as supplier attribute nothing', async () => {
    expect(await one({ supplier: { name: 'crates.io' } })).toBeNull();
    expect(await one({ supplier: { name: 'PyPI' } })).toBeNull();
    expect(await one({ publisher: 'Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>' })).toBeNull();
  });

  it('a free-mail address and a code-hosting domain say nothing about an employer', async () => {
    expect(await one({ author: 'Jane <jane@gmail.com>' })).toBeNull();
    expect(await one({ externalReferences: [{ type: 'vcs', url: 'https://github.com/someone/something' }] })).toBeNull();
    expect(await one({ externalReferences: [{ type: 'distribution', url: 'https://www.microsoft.com/download/x.zip' }] })).toBeNull();
  });
});

describe('lessons from the real corpus', () => {
  it('candidate CPEs that disagree on the vendor (syft guesses them from the module path) count for nothing', async () => {
    const guesses = ['cpe:2.3:a:siemens-go:nx:1.0:*:*:*:*:*:*:*', 'cpe:2.3:a:siemens_go:nx:1.0:*:*:*:*:*:*:*', 'cpe:2.3:a:siemens:nx:1.0:*:*:*:*:*:*:*'];
    const doc = { bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ name: 'x' }] };
    const inv = await inventory([{ file: 't.json', content: JSON.stringify(doc) }]);
    inv.components[0]!.cpes = guesses;
    inv.components[0]!.cpe = guesses[0]!;
    expect(attribute(inv, dataset, { asOf: '2025-06-01' })[0]).toBeNull();
    inv.components[0]!.cpes = ['cpe:2.3:a:siemens:nx:1.0:*:*:*:*:*:*:*', 'cpe:/a:siemens:nx:1.0'];
    expect(attribute(inv, dataset, { asOf: '2025-06-01' })[0]!.org.id).toBe('siemens');
  });

  it('an issue tracker or mailing list on a hosted service is not the project’s owner', async () => {
    expect(await one({ externalReferences: [{ type: 'issue-tracker', url: 'https://hibernate.atlassian.net/browse/HV' }] })).toBeNull();
    expect(await one({ externalReferences: [{ type: 'mailing-list', url: 'https://groups.google.com/g/x' }] })).toBeNull();
    expect(await one({ externalReferences: [{ type: 'website', url: 'https://code.google.com/p/x/' }] })).toBeNull();
  });

  it('a manufacturer (like an SPDX originator) outranks the supplier, who is often the distributor', async () => {
    const a = await one({ supplier: { name: 'Alibaba Cloud' }, manufacturer: { name: 'Microsoft Corporation' } });
    expect(a!.org.id).toBe('microsoft');
    expect(a!.conflicts.map((c) => c.record)).toEqual(['alibaba-cloud']);
  });
});

describe('names, domains and repositories', () => {
  it.each([
    ['MICROSOFT CORP.', 'microsoft'],
    ['Microsoft Corporation', 'microsoft'],
    ['Huawei Technologies Co., Ltd.', 'huawei'],
    ['华为技术有限公司', 'huawei'],
    ['JBoss by Red Hat', 'red-hat'],
    ['Pivotal Software, Inc.', 'vmware'],
  ])('the supplier %j is %s', async (name, id) => {
    const a = await one({ supplier: { name } });
    expect(a).toMatchObject({ org: { id }, confidence: 'high' });
    expect(a!.evidence[0]!.field).toBe('supplier.name');
  });

  it('normalisation drops case, punctuation and legal forms, never whole words of the name', () => {
    expect(normalizeName('The Apache Software Foundation')).toBe('apache software foundation');
    expect(normalizeName('Alibaba Group Holding Limited')).toBe('alibaba group holding');
    expect(normalizeName('Huawei Technologies Co., Ltd.')).toBe('huawei technologies');
    expect(normalizeName('HUAWEI TECHNOLOGIES CO.,LTD')).toBe('huawei technologies');
    expect(normalizeName('Aztech Technologies Pte Ltd')).toBe('aztech technologies');
    expect(normalizeName('China Electronics Technology Group Corporation')).not.toBe(normalizeName('China Electronics Corporation'));
    expect(normalizeName('Limited')).toBe('limited');
  });

  it('a publisher name is medium confidence, a repository organisation low; a person\'s e-mail alone attributes nothing', async () => {
    expect(await one({ publisher: 'Mellanox' })).toMatchObject({ org: { id: 'mellanox' }, controller: { id: 'nvidia' }, country: 'US', confidence: 'medium' });
    expect(await one({ authors: [{ name: 'Dev', email: 'dev@corp.microsoft.com' }] })).toBeNull();
    const repo = await one({ externalReferences: [{ type: 'vcs', url: 'git+https://github.com/Azure/azure-sdk-for-js.git' }] });
    expect(repo).toMatchObject({ org: { id: 'microsoft' }, confidence: 'low' });
    expect(repo!.evidence[0]!.rule).toBe('github-org:Azure');
  });

  it('independent evidence that agrees raises the confidence', async () => {
    const a = await one({ externalReferences: [{ type: 'vcs', url: 'https://github.com/Azure/x' }, { type: 'website', url: 'https://learn.microsoft.com/x' }] });
    expect(a).toMatchObject({ org: { id: 'microsoft' }, confidence: 'medium' });
    expect(a!.evidence).toHaveLength(2);
  });
});

describe('parents, conflicts, declared origins, lists', () => {
  it('the controller is the ultimate parent, and the country is the controller’s', async () => {
    const a = await one({ publisher: 'Mellanox' });
    expect(a!.org).toMatchObject({ id: 'mellanox', name: 'Mellanox Technologies, Ltd.', country: 'IL' });
    expect(a!.controller).toEqual({ id: 'nvidia', name: 'NVIDIA Corporation', country: 'US', ownership: 'public' });
    expect(a!.chain).toEqual(['mellanox', 'nvidia']);
    expect(a!.country).toBe('US');
  });

  it('evidence for another controller is reported as a conflict', async () => {
    const a = await one({ purl: 'pkg:maven/com.alibaba/fastjson@1.2.83', supplier: { name: 'Microsoft Corporation' } });
    expect(a!.org.id).toBe('alibaba');
    expect(a!.conflicts).toEqual([{ field: 'supplier.name', value: 'Microsoft Corporation', rule: 'name:Microsoft Corporation', record: 'microsoft' }]);
  });

  it('a declared address country that differs from the dataset is reported beside it', async () => {
    const a = await one({ supplier: { name: 'Huawei Technologies Co., Ltd.', address: { country: 'DE' } } });
    expect(a!.country).toBe('CN');
    expect(a!.declared).toEqual([{ role: 'supplier', name: 'Huawei Technologies Co., Ltd.', country: 'DE', differs: true }]);
  });

  it('list membership: through a parent when the entry covers subsidiaries; ended entries are not in force', async () => {
    const hisi = await one({ manufacturer: { name: 'HiSilicon Technologies Co., Ltd.' } });
    expect(hisi!.lists).toEqual([
      { id: 'test-list', title: 'A test list', jurisdiction: 'US', entry: 'Huawei Technologies Co., Ltd. and subsidiaries', via: 'huawei', listedFrom: '2020-01-01' },
    ]);
    expect((await one({ supplier: { name: 'ZTE' } }, dataset, '2023-06-01'))!.lists.map((l) => l.id)).toEqual(['test-list']);
    expect((await one({ supplier: { name: 'ZTE' } }, dataset, '2025-06-01'))!.lists).toEqual([]);
  });

  it('an overlay wins over the built-in data', async () => {
    const overlay: RawDataset = {
      organisations: [org({ id: 'my-vendor', name: 'My Vendor GmbH', country: 'DE', identifiers: { npmScopes: ['@azure'] } })],
      platforms: [],
      lists: [],
    };
    const a = await one({ purl: 'pkg:npm/%40azure/core-auth@1.0.0' }, new Dataset(RAW, [overlay]));
    expect(a).toMatchObject({ org: { id: 'my-vendor' }, country: 'DE', confidence: 'high' });
  });

  it('a parent nobody defines, or a parent cycle, is a dataset error', () => {
    expect(() => new Dataset({ ...RAW, organisations: [org({ id: 'x', name: 'X', country: 'US', parent: 'nope' })] })).toThrow(/parent nope/);
    expect(
      () =>
        new Dataset({
          ...RAW,
          lists: [],
          organisations: [org({ id: 'a', name: 'A', country: 'US', parent: 'b' }), org({ id: 'b', name: 'B', country: 'US', parent: 'a' })],
        }),
    ).toThrow(/cycle/);
  });
});
