/**
 * Distribution packages through their upstream, image SBOMs, and a person's address that is no
 * company's control: on real image SBOMs of the corpus (syft and Trivy on ubuntu/nginx, the
 * istio release) and on the kinds of case found in real npm trees.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { attribute } from '../../src/attribute/index.js';
import { loadDataset } from '../../src/dataset/load.js';
import { debianArchive, distroPackage, imageRepository, nameFamily } from '../../src/distro/index.js';
import { inventory } from '../../src/ingest/index.js';
import type { Component } from '../../src/model.js';
import { cli, ROOT } from '../helpers.js';

const dataset = loadDataset();
const CORPUS = path.join(ROOT, 'fixtures/corpus/bom-shelter');
const SYFT = path.join(CORPUS, 'in-the-lab/spdx-syft-ubuntu_nginx.spdx.json');
const TRIVY = path.join(CORPUS, 'in-the-lab/spdx-trivy-ubuntu_nginx.spdx.json');
const ISTIO = path.join(CORPUS, 'in-the-wild/spdx/istio-release.spdx');

async function scanOf(file: string) {
  const inv = await inventory([file]);
  return { inv, at: attribute(inv, dataset, { asOf: '2026-11-28' }) };
}

/** Attribution of one CycloneDX component. */
async function one(component: Record<string, unknown>) {
  const doc = { bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', ...component }] };
  const inv = await inventory([{ file: 'one.json', content: JSON.stringify(doc) }]);
  return attribute(inv, dataset)[0]!;
}

describe('Debian archive table', () => {
  it('is what scripts/import-debian.mjs compiled, and says where from', () => {
    const a = debianArchive()!;
    expect(a.source).toMatchObject({ archive: 'Debian', suite: 'bookworm', component: 'main', architecture: 'amd64' });
    expect(a.source.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(a.source.binaries).toBeGreaterThan(60_000);
    expect(a.sourceOf.get('libssl3')).toBe('openssl');
    expect(a.sourceOf.get('libc6')).toBe('glibc');
    expect(a.sourceOf.get('bsdutils')).toBe('util-linux');
    expect(a.homepage.get('openssl')).toMatch(/openssl\.org/);
  });

  it('wherefrom data stats says where it comes from, its date and size', async () => {
    const r = await cli(['data', 'stats']);
    expect(r.code).toBe(0);
    const a = debianArchive()!;
    const kib = Math.round(statSync(path.join(ROOT, 'data/distro/debian.json.gz')).size / 1024);
    expect(r.stdout).toContain(`| data/distro/debian.json.gz | Debian bookworm ${a.source.version} main amd64 Packages, ${a.source.date} (${a.source.url}) | ${a.source.binaries} binary packages, ${a.source.sources} source packages, ${a.source.homepages} homepages; ${kib} KiB |`);
    expect(r.stdout).toMatch(/\| data\/distro\/names\.json \| recorded from knowledge \| \d+ RPM and \d+ Alpine names/);
    expect(r.stdout).toMatch(/^\d{3,} Debian source packages curated to their upstream/m);
  });

  it('is rebuilt byte for byte from the same index (when apt has one here)', () => {
    let has = false;
    try {
      has = execFileSync('apt-get', ['indextargets'], { encoding: 'utf8' }).includes('Packages');
    } catch {
      has = false;
    }
    const shipped = JSON.parse(gunzipSync(readFileSync(path.join(ROOT, 'data/distro/debian.json.gz'))).toString('utf8')) as { source: { date: string; version: string } };
    if (!has) return; // the shipped table's header is checked above; rebuilding needs apt's index
    const out = path.join(ROOT, 'test/out/debian.json.gz');
    const r = execFileSync(process.execPath, [path.join(ROOT, 'scripts/import-debian.mjs'), '--out', out], { encoding: 'utf8' });
    const rebuilt = JSON.parse(gunzipSync(readFileSync(out)).toString('utf8')) as { source: { date: string; version: string } };
    expect(r).toMatch(/binary packages/);
    // Same suite version: the same bytes. (A newer point release on this machine differs by design.)
    if (rebuilt.source.version === shipped.source.version) expect(readFileSync(out).equals(readFileSync(path.join(ROOT, 'data/distro/debian.json.gz')))).toBe(true);
  });

  it('name families let another release\'s binary find its source, when only one source has that family', () => {
    expect(nameFamily('libffi7')).toBe('libffi');
    expect(nameFamily('gcc-10-base')).toBe('gcc-base');
    expect(nameFamily('libssl1.1')).toBe('libssl');
    const c = { name: 'libffi7', purlParts: { type: 'deb', name: 'libffi7', namespace: 'ubuntu' }, purl: 'pkg:deb/ubuntu/libffi7@3.3-4', properties: [] } as unknown as Component;
    expect(distroPackage(c)?.source).toEqual({ name: 'libffi', from: 'Debian index, name family' });
  });
});

describe('distribution packages through their upstream', () => {
  it.each([
    ['pkg:deb/ubuntu/libssl3@3.0.5-2ubuntu2?upstream=openssl', 'openssl-foundation', 'purl upstream='],
    ['pkg:deb/ubuntu/bsdutils@1:2.38-4ubuntu1?upstream=util-linux%402.38-4ubuntu1', 'community-util-linux', 'purl upstream='],
    ['pkg:deb/debian/libc6@2.36-9?arch=amd64', 'free-software-foundation', 'Debian index'],
    ['pkg:rpm/redhat/bash@5.1.8-6.el9?sourcerpm=bash-5.1.8-6.el9.src.rpm', 'free-software-foundation', 'purl sourcerpm='],
    ['pkg:rpm/redhat/xz-libs@5.2.5-8.el9?sourcerpm=xz-5.2.5-8.el9.src.rpm', 'community-tukaani', 'purl sourcerpm=, named xz there'],
    ['pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64', 'openssl-foundation', 'binary name, named libcrypto3 there'],
    // Reviewed against the upstreams' own sources: Red Hat holds audit's copyright; GNU Nettle and
    // Libidn2 are their authors' (not the FSF's); Mercurial, a Conservancy member, is its community's.
    ['pkg:deb/debian/libaudit1@1:3.0.9-1', 'ibm', 'Debian index'],
    ['pkg:deb/debian/libnettle8@3.8.1-2', 'community-nettle', 'Debian index'],
    ['pkg:deb/debian/libidn2-0@2.3.3-1', 'community-libidn', 'Debian index'],
    ['pkg:deb/debian/mercurial@6.3.2-1', 'community-mercurial', 'Debian index'],
  ])('%s → %s (%s)', async (purl, controller, from) => {
    const a = await one({ name: 'x', purl, supplier: { name: 'Ubuntu Developers' }, publisher: 'Red Hat, Inc.' });
    expect(a?.controller.id).toBe(controller);
    const e = a!.evidence[0]!;
    expect(e.rule).toMatch(/^debian-source:/);
    expect(e.via).toContain(`(${from})`);
  });

  it('the distribution and its packagers are never the origin', async () => {
    for (const who of ['Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>', 'Debian OpenSSL Team', 'Alpine', 'Fedora Project']) {
      expect(await one({ name: 'ubuntu-keyring', version: '2021.03.26', publisher: who }), who).toBeNull();
    }
  });

  it('a distribution\'s maker as packager is no origin: RHEL\'s bash is GNU\'s, an unknown RHEL package stays unknown, redhat-release is Red Hat\'s', async () => {
    const rh = { supplier: { name: 'Red Hat, Inc.' }, publisher: 'Red Hat, Inc.' };
    expect((await one({ name: 'bash', purl: 'pkg:rpm/redhat/bash@5.1.8-6.el9?sourcerpm=bash-5.1.8-6.el9.src.rpm', ...rh }))?.controller.id).toBe('free-software-foundation');
    expect(await one({ name: 'libfoo', purl: 'pkg:rpm/redhat/libfoo@1.0-1.el9?sourcerpm=libfoo-1.0-1.el9.src.rpm', ...rh })).toBeNull();
    const release = await one({ name: 'redhat-release', purl: 'pkg:rpm/redhat/redhat-release@9.3-0.5.el9?sourcerpm=redhat-release-9.3-0.5.el9.src.rpm', ...rh });
    expect(release?.org.id).toBe('red-hat');
    expect(release?.evidence[0]).toMatchObject({ rule: 'distribution-own:redhat', via: "source redhat-release (purl sourcerpm=) → written by the distribution's maker" });
    expect((await one({ name: 'ubuntu-keyring', purl: 'pkg:deb/ubuntu/ubuntu-keyring@2021.03.26', supplier: { name: 'Ubuntu Developers' } }))?.org.id).toBe('canonical');
    // Debian's own packages are not Canonical's because Ubuntu ships them.
    expect((await one({ name: 'base-files', purl: 'pkg:deb/ubuntu/base-files@12ubuntu4', supplier: { name: 'Canonical Ltd.' } }))?.controller.id).not.toBe('canonical');
    // A vendor's own repository (not a distribution): its supplier is its maker.
    expect((await one({ name: 'elasticsearch', purl: 'pkg:rpm/elastic/elasticsearch@8.1.0-1', supplier: { name: 'Elasticsearch B.V.' } }))?.controller.id).toBe('elastic');
  });

  it('every distribution vendor in data/distro/names.json is an organisation of the dataset', () => {
    const names = JSON.parse(readFileSync(path.join(ROOT, 'data/distro/names.json'), 'utf8')) as { distributions: { namespaces: Record<string, { vendor?: string }> } };
    const vendors = Object.values(names.distributions.namespaces).flatMap((d) => (d.vendor !== undefined ? [d.vendor] : []));
    expect(vendors.length).toBeGreaterThan(5);
    for (const v of vendors) expect(dataset.organisations.has(v), v).toBe(true);
  });

  it.each([
    ['nginx:1.25', 'docker.io/library/nginx'],
    ['istio/proxyv2@sha256:' + '0'.repeat(64), 'docker.io/istio/proxyv2'],
    ['index.docker.io/ubuntu/nginx', 'docker.io/ubuntu/nginx'],
    ['docker.io/debian:12', 'docker.io/library/debian'],
    ['ghcr.io/org/app:1.0', 'ghcr.io/org/app'],
    ['localhost:5000/app', 'localhost:5000/app'],
    ['not an image', undefined],
  ])('image reference %s → %s', (ref, repo) => {
    expect(imageRepository(ref)).toBe(repo);
  });

  it.each([
    ['pkg:docker/library/nginx@1.25', 'docker-inc', 'oci:docker.io/library'],
    ['pkg:oci/debian@sha256:' + 'a'.repeat(64) + '?repository_url=docker.io/library/debian', 'docker-inc', 'oci:docker.io/library'],
    ['pkg:oci/nginx@sha256:' + 'a'.repeat(64) + '?repository_url=index.docker.io%2Fubuntu%2Fnginx', 'canonical', 'oci:docker.io/ubuntu'],
    ['pkg:oci/static@sha256:' + 'a'.repeat(64) + '?repository_url=gcr.io/distroless/static', 'google', 'oci:gcr.io/distroless'],
    ['pkg:oci/ubi@sha256:' + 'a'.repeat(64) + '?repository_url=registry.access.redhat.com/ubi9/ubi', 'red-hat', 'oci:registry.access.redhat.com'],
    ['pkg:oci/static@sha256:' + 'a'.repeat(64) + '?repository_url=cgr.dev/chainguard/static', 'chainguard', 'oci:cgr.dev/chainguard'],
    ['pkg:docker/bitnami/redis@7?repository_url=index.docker.io', 'bitnami', 'oci:docker.io/bitnami'],
    ['pkg:oci/app@sha256:' + 'a'.repeat(64) + '?repository_url=ghcr.io/grafana/app', 'grafana-labs', 'oci:grafana'],
  ])('image %s → %s by its namespace', async (purl, org, rule) => {
    const a = await one({ name: 'image', type: 'container', purl });
    expect(a?.org.id).toBe(org);
    expect(a?.evidence[0]?.rule).toBe(rule);
  });

  it('the istio release: its images by their namespace (istio, a CNCF project), Kubernetes\' image archives (kube-proxy.tar) not as Docker Hub names', async () => {
    const { inv, at } = await scanOf(ISTIO);
    const images = inv.components.map((c, i) => [c, at[i]] as const).filter(([c]) => /^istio\//.test(c.name));
    expect(images.length).toBeGreaterThan(10);
    expect(images.every(([, a]) => a?.controller.id === 'linux-foundation' && a.org.id === 'cncf')).toBe(true);
    const k8s = await scanOf(path.join(CORPUS, 'in-the-wild/spdx/k8s-release-sbom.spdx'));
    const tars = k8s.inv.components.map((c, i) => [c, k8s.at[i]] as const).filter(([c]) => c.name.endsWith('.tar'));
    expect(tars.length).toBeGreaterThan(10);
    expect(tars.filter(([, a]) => a?.org.id === 'docker-inc')).toEqual([]);
  });

  it('a binary Debian builds from a source of its own name keeps that upstream (Ubuntu builds nginx\'s third-party modules from nginx)', async () => {
    const { inv, at } = await scanOf(TRIVY);
    const echo = inv.components.findIndex((c) => c.name === 'libnginx-mod-http-echo');
    expect(at[echo]?.controller.id).not.toBe('f5');
    const core = inv.components.findIndex((c) => c.name === 'nginx-core');
    expect(at[core]?.controller.id).toBe('f5');
  });

  it('on the ubuntu/nginx image (syft and Trivy): at least 80 % of the OS packages attributed, the chain in the evidence', async () => {
    for (const file of [SYFT, TRIVY]) {
      const { inv, at } = await scanOf(file);
      const os = inv.components.map((c, i) => [c, at[i]] as const).filter(([c]) => c.purlParts?.type === 'deb');
      expect(os.length).toBeGreaterThan(100);
      const done = os.filter(([, a]) => a !== null).length;
      expect(done / os.length).toBeGreaterThanOrEqual(0.8);
      const ssl = os.find(([c]) => c.name === 'libssl3')![1]!;
      expect(ssl.controller.id).toBe('openssl-foundation');
      expect(ssl.evidence[0]!.via).toMatch(/^source openssl \((purl upstream=|SBOM sourceInfo)\)$/);
      // Canonical packaged them; it controls none of the upstreams of this list.
      expect(os.filter(([c, a]) => a?.controller.id === 'canonical' && c.name.startsWith('lib')).map(([c]) => c.name)).toEqual([]);
    }
  });

  it('on the istio release (bare name-version packages in image layers): at least 80 % of the OS packages attributed', async () => {
    const { inv, at } = await scanOf(ISTIO);
    const isLayer = (n: string) => /^blobs\/sha256\//.test(n);
    const images = new Set(inv.dependencies.filter((e) => e.kind === 'contains' && isLayer(inv.components.find((c) => c.id === e.to)?.name ?? '')).map((e) => e.from));
    const os = inv.components.map((c, i) => [c, at[i]] as const).filter(([c]) => !isLayer(c.name) && !images.has(c.id) && c.version !== undefined);
    expect(os.length).toBeGreaterThan(2500);
    const done = os.filter(([, a]) => a !== null).length;
    expect(done / os.length).toBeGreaterThanOrEqual(0.8);
  });
});

describe('a person\'s address is not a company\'s control', () => {
  it.each([
    ['a maintainer\'s address at a company (highlight.js and @postgrespro.ru)', { name: 'highlight.js', purl: 'pkg:npm/highlight.js@11.9.0', authors: [{ name: 'A Maintainer', email: 'someone@postgrespro.ru' }] }],
    ['a forwarding alias (members.fsf.org)', { name: 'extend', purl: 'pkg:npm/extend@3.0.2', author: 'Stefan Thomas <justmoon@members.fsf.org>' }],
    ['an author URL on a social network (twitter.com)', { name: 'pkg', purl: 'pkg:npm/pkg@1.0.0', authors: [{ name: 'Someone', email: 'x@twitter.com' }], externalReferences: [{ type: 'website', url: 'https://twitter.com/someone' }] }],
    ['a profile on linkedin.com', { name: 'pkg', purl: 'pkg:npm/pkg@1.0.0', externalReferences: [{ type: 'website', url: 'https://www.linkedin.com/in/someone' }] }],
    ['an npmjs.com address', { name: 'pkg', purl: 'pkg:npm/pkg@1.0.0', authors: [{ name: 'Someone', email: 'someone@npmjs.com' }] }],
    ['a person\'s page at an employer (people.redhat.com)', { name: 'pkg', purl: 'pkg:generic/pkg@1', externalReferences: [{ type: 'website', url: 'https://people.redhat.com/sgrubb/audit/' }] }],
    ['a ~user page', { name: 'pkg', purl: 'pkg:generic/pkg@1', externalReferences: [{ type: 'website', url: 'https://www.cs.example.edu/~someone/pkg' }] }],
    // Found by the attribution audit's class of single reference URLs: a listing page is where a component is sold, not who makes it.
    ['an extension\'s Visual Studio Marketplace page', { name: 'ext', externalReferences: [{ type: 'website', url: 'https://marketplace.visualstudio.com/items?itemName=someone.ext' }] }],
    ['an add-on\'s page on addons.mozilla.org', { name: 'addon', externalReferences: [{ type: 'website', url: 'https://addons.mozilla.org/en-US/firefox/addon/x/' }] }],
    ['an app\'s Google Play page', { name: 'app', externalReferences: [{ type: 'website', url: 'https://play.google.com/store/apps/details?id=org.example' }] }],
    ['an image\'s Docker Hub page', { name: 'img', externalReferences: [{ type: 'website', url: 'https://hub.docker.com/r/someone/img' }] }],
    ['a provider\'s Terraform Registry page', { name: 'provider', externalReferences: [{ type: 'website', url: 'https://registry.terraform.io/providers/someone/x' }] }],
  ])('%s alone attributes nothing', async (_, component) => {
    expect(await one(component)).toBeNull();
  });

  it('a mail provider\'s own site is its own; an address there is nobody\'s employer', async () => {
    expect((await one({ name: 'ymaps', externalReferences: [{ type: 'website', url: 'https://yandex.ru/dev/maps/' }] }))?.controller.id).toBe('yandex');
    expect(await one({ name: 'pkg', purl: 'pkg:npm/pkg@1.0.0', authors: [{ name: 'Someone', email: 'someone@yandex.ru' }] })).toBeNull();
  });

  it('the companies\' own sites stay evidence beside their stores', async () => {
    expect((await one({ name: 'firefox', externalReferences: [{ type: 'website', url: 'https://www.mozilla.org/firefox/' }] }))?.controller.id).toBe('mozilla-foundation');
    expect((await one({ name: 'terraform', externalReferences: [{ type: 'website', url: 'https://www.terraform.io/' }] }))?.controller.id).toBe('ibm');
  });

  it('with the repository of the same organisation, a person\'s address corroborates it; a repository outweighs a person\'s name', async () => {
    const a = await one({ name: 'x', purl: 'pkg:npm/x@1.0.0', authors: [{ name: 'Dev', email: 'dev@microsoft.com' }], externalReferences: [{ type: 'vcs', url: 'https://github.com/microsoft/x' }] });
    expect(a).toMatchObject({ controller: { id: 'microsoft' }, confidence: 'medium' });
    expect(a!.evidence.map((e) => e.field).sort()).toEqual(['author.email', 'externalReferences.vcs']);
    // A person's address for another company is where that person works: not a conflict.
    const b = await one({ name: 'y', purl: 'pkg:npm/y@1.0.0', authors: [{ name: 'Dev', email: 'dev@postgrespro.ru' }], externalReferences: [{ type: 'vcs', url: 'https://github.com/microsoft/y' }] });
    expect(b?.controller.id).toBe('microsoft');
    expect(b!.conflicts).toEqual([]);
  });

  it('the hosts that are never evidence are data, checked against their schema', async () => {
    const { validateHosts } = await import('../../src/attribute/hosts.js');
    expect(validateHosts(path.join(ROOT, 'data/hosts.json'))).toEqual([]);
    const bad = path.join(ROOT, 'test/out/bad-hosts.json');
    (await import('node:fs')).mkdirSync(path.dirname(bad), { recursive: true });
    (await import('node:fs')).writeFileSync(bad, JSON.stringify({ groups: [{ kind: 'social', why: 'x', hosts: ['Twitter.com'] }] }));
    expect(validateHosts(bad).join('\n')).toMatch(/kind.*must be equal to one of|must match pattern/);
  });
});
