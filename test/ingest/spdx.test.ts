import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inputError } from '../helpers.js';
import type { Component } from '../../src/model.js';
import { Diagnostics } from '../../src/ingest/normalize.js';
import { parseActor, spdxJsonReader, spdxTagValueReader } from '../../src/ingest/spdx2.js';
import { spdx3Reader } from '../../src/ingest/spdx3.js';
import type { DocumentReader, DocumentResult } from '../../src/ingest/types.js';

const CORPUS = new URL('../../fixtures/corpus/', import.meta.url);

function readText(reader: DocumentReader, file: string, text: string) {
  const diagnostics = new Diagnostics();
  const result = reader.read({ file, text }, { sourceIndex: 3, diagnostics });
  return { result, diags: diagnostics.items };
}

/** Reads a corpus file, reported under its corpus-relative path. */
function readFixture(reader: DocumentReader, path: string) {
  return readText(reader, path, readFileSync(new URL(path, CORPUS), 'utf8'));
}

function readerFor(path: string): DocumentReader {
  if (/spdx3|ai__/.test(path)) return spdx3Reader;
  return path.endsWith('.json') ? spdxJsonReader : spdxTagValueReader;
}

function byName(r: DocumentResult, name: string): Component {
  const c = r.components.find((x) => x.name === name);
  if (!c) throw new Error(`no component ${name}`);
  return c;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const BS = 'bom-shelter/in-the-wild/spdx/';
const EX = 'spdx-examples/';

// [file, packages, components with a supplier, components with an originator] as in MANIFEST.md.
const CORPUS_FILES: [string, number, number, number][] = [
  ['bom-shelter/in-the-lab/spdx-syft-ubuntu_nginx.spdx.json', 146, 0, 145],
  ['bom-shelter/in-the-lab/spdx-trivy-ubuntu_nginx.spdx.json', 147, 0, 0],
  [`${BS}chronicle-sbom.spdx.json`, 575, 0, 0],
  [`${BS}constellation-spdx.json`, 1303, 0, 0],
  [`${BS}grype-sbom.spdx.json`, 1160, 0, 3],
  [`${BS}istio-release.spdx`, 3461, 0, 0],
  [`${BS}julia.spdx.json`, 34, 2, 2],
  [`${BS}k8s-release-sbom.spdx`, 130, 0, 0],
  [`${BS}powershell.spdx.json`, 331, 1, 0],
  [`${BS}usbutils.spdx`, 0, 0, 0],
  [`${BS}win-x64-manifest.spdx.json`, 88, 10, 0],
  [`${EX}presentations__SBOMS-SPDX-Now-and-Future__ACME-v2.3.spdx.json`, 4, 1, 1],
  [`${EX}software__example10__spdx2.3__hello-source.spdx.json`, 1, 0, 1],
  [`${EX}software__example11__spdx2.3__sbom.spdx.json`, 4, 0, 0],
  [`${EX}software__example14__spdx2.3__examplemaven-0.0.1-enriched.spdx.json`, 6, 1, 2],
  [`${EX}software__example1__spdx2.2__example1.spdx`, 1, 0, 0],
  [`${EX}software__example6__spdx2.2__example6-bin.spdx`, 1, 0, 0],
  [`${EX}software__example6__spdx2.2__example6-lib.spdx`, 5, 1, 1],
  [`${EX}software__example7__spdx2.2__example7-bin.spdx.json`, 1, 0, 0],
  [`${EX}software__example8__spdx2.3__examplemaven-0.0.1.spdx.json`, 6, 1, 2],
  [`${EX}software__example9__spdx2.2__appbomination.spdx.json`, 7, 1, 1],
  [`${EX}ai__example01__spdx3.0__simplehtr-example.json`, 13, 2, 11],
  [`${EX}software__example11__spdx3.0__sbom.spdx3.json`, 4, 0, 0],
  [`${EX}software__example14__spdx3.0__examplemaven-0.0.1-enriched.spdx3.json`, 6, 1, 2],
  [`${EX}software__example6__spdx3.0__example6-lib.json`, 5, 1, 1],
  [`${EX}software__example9__spdx3.0__appbomination.spdx3.json`, 7, 1, 1],
];

describe('SPDX corpus: counts as in MANIFEST.md', () => {
  it.each(CORPUS_FILES)('%s: %i packages, %i with supplier, %i with originator', (path, count, suppliers, originators) => {
    const reader = readerFor(path);
    const text = readFileSync(new URL(path, CORPUS), 'utf8');
    expect(reader.sniff(text.slice(0, 65536), text.slice(-65536))).toBe(true);
    const { result } = readText(reader, path, text);
    expect(result.components).toHaveLength(count);
    expect(result.source.componentCount).toBe(count);
    expect(result.source.serviceCount).toBe(0);
    expect(result.services).toEqual([]);
    expect(result.components.filter((c) => c.parties.some((p) => p.role === 'supplier'))).toHaveLength(suppliers);
    expect(result.components.filter((c) => c.parties.some((p) => p.role === 'originator'))).toHaveLength(originators);
    for (const c of result.components) {
      expect(c.id).toMatch(new RegExp(`^${escape(`${path}#${c.ref}`)}(~\\d+)?$`));
      expect(c.source).toBe(3);
    }
    // Every edge joins components of this document (or the document itself).
    const ids = new Set(result.components.map((c) => c.id));
    for (const e of result.dependencies) {
      expect(ids.has(e.to)).toBe(true);
      expect(ids.has(e.from) || e.kind === 'describes').toBe(true);
    }
  });

  it('only one reader sniffs each kind', () => {
    const json = readFileSync(new URL(`${EX}software__example8__spdx2.3__examplemaven-0.0.1.spdx.json`, CORPUS), 'utf8');
    const tv = readFileSync(new URL(`${EX}software__example1__spdx2.2__example1.spdx`, CORPUS), 'utf8');
    const v3 = readFileSync(new URL(`${EX}software__example6__spdx3.0__example6-lib.json`, CORPUS), 'utf8');
    expect([spdxJsonReader.sniff(json, ''), spdxTagValueReader.sniff(json, ''), spdx3Reader.sniff(json, '')]).toEqual([true, false, false]);
    expect([spdxJsonReader.sniff(tv, ''), spdxTagValueReader.sniff(tv, ''), spdx3Reader.sniff(tv, '')]).toEqual([false, true, false]);
    expect([spdxJsonReader.sniff(v3, ''), spdxTagValueReader.sniff(v3, ''), spdx3Reader.sniff(v3, '')]).toEqual([false, false, true]);
    expect(spdxJsonReader.sniff('{"bomFormat": "CycloneDX"}', '')).toBe(false);
  });
});

describe('SPDX 2 JSON, real files', () => {
  it('ACME 2.3: supplier, originator, purpose, purl, references, edges, source', () => {
    const path = `${EX}presentations__SBOMS-SPDX-Now-and-Future__ACME-v2.3.spdx.json`;
    const { result, diags } = readFixture(spdxJsonReader, path);
    expect(diags).toEqual([]);
    const acme = result.components[0]!;
    expect(acme).toMatchObject({
      id: `${path}#SPDXRef-Acme`,
      ref: 'SPDXRef-Acme',
      type: 'application',
      name: 'Acme Applcation',
      version: '2.3',
      description: 'The ACME package is a typical application we use in SPDX examples',
      location: { file: path, pointer: '/packages/0' },
    });
    expect(acme.parties).toEqual([
      { role: 'supplier', kind: 'person', name: 'Jane Doe', email: 'jane.doe@example.com', urls: [], location: { file: path, pointer: '/packages/0/supplier' } },
      { role: 'originator', kind: 'organization', name: 'ExampleCodeInspect', email: 'contact@example.com', urls: [], location: { file: path, pointer: '/packages/0/originator' } },
    ]);
    expect(acme.licenses).toEqual([
      { kind: 'expression', value: 'Apache-2.0', valid: true, ids: ['Apache-2.0'], acknowledgement: 'declared' },
      { kind: 'expression', value: 'Apache-2.0', valid: true, ids: ['Apache-2.0'], acknowledgement: 'concluded' },
    ]);
    expect(acme.hashes).toEqual([{ alg: 'SHA-1', value: '85ed0817af83a24ad8da68c2b5094de69833983c' }]);
    expect(acme.externalReferences).toEqual([{ type: 'distribution', url: 'https://examle.com/download/acme-v1.3.tar.gz' }]);

    const elliptic = byName(result, 'elliptic');
    expect(elliptic.type).toBe('library');
    expect(elliptic.purl).toBe('pkg:npm/elliptic@6.5.2');
    expect(elliptic.purlParts).toEqual({ type: 'npm', name: 'elliptic', version: '6.5.2' });
    expect(elliptic.externalReferences).toEqual([
      { type: 'website', url: 'https://github.com/indutny/elliptic' },
      { type: 'distribution', url: 'https://github.com/indutny/elliptic/blob/v6.5.2/dist/elliptic.min.js' },
      { type: 'advisory', url: 'https://nvd.nist.gov/vuln/detail/CVE-2020-28498' },
    ]);
    expect(byName(result, 'alpine').externalReferences).toEqual([{ type: 'website', url: 'https://github.com/indutny/elliptic' }]);

    expect(result.dependencies).toEqual([
      { from: `${path}#SPDXRef-DOCUMENT`, to: `${path}#SPDXRef-Acme`, kind: 'describes', location: { file: path, pointer: '/documentDescribes/0' } },
      { from: `${path}#SPDXRef-Acme`, to: `${path}#SPDXRef-npm-elliptic`, kind: 'contains', location: { file: path, pointer: '/relationships/0' } },
      { from: `${path}#SPDXRef-Acme`, to: `${path}#SPDXRef-alpine`, kind: 'contains', location: { file: path, pointer: '/relationships/1' } },
      { from: `${path}#SPDXRef-Acme`, to: `${path}#SPDXRef-openssl`, kind: 'contains', location: { file: path, pointer: '/relationships/2' } },
    ]);
    expect(result.source).toEqual({
      file: path,
      format: 'spdx',
      encoding: 'json',
      specVersion: 'SPDX-2.3',
      serialNumber: 'http://spdx.org/spdxdocs/spdx-example-4ca64a7e-2f6f-41bf-8b18-16da59d67824',
      name: 'ACME SBOM',
      tools: [],
      parties: [{ role: 'author', kind: 'organization', name: 'ExampleCodeInspect', urls: [], location: { file: path, pointer: '/creationInfo/creators/0' } }],
      componentCount: 4,
      serviceCount: 0,
    });
  });

  it('syft ubuntu/nginx: originators with <email>, cpes, qualifiers; file CONTAINS and self-DESCRIBES skipped', () => {
    const path = 'bom-shelter/in-the-lab/spdx-syft-ubuntu_nginx.spdx.json';
    const { result, diags } = readFixture(spdxJsonReader, path);
    const adduser = result.components[0]!;
    expect(adduser.name).toBe('adduser');
    expect(adduser.purl).toBe('pkg:deb/ubuntu/adduser@3.121ubuntu1?arch=all&distro=ubuntu-22.10');
    expect(adduser.cpe).toBe('cpe:2.3:a:adduser:adduser:3.121ubuntu1:*:*:*:*:*:*:*');
    expect(adduser.cpes).toEqual(['cpe:2.3:a:adduser:adduser:3.121ubuntu1:*:*:*:*:*:*:*']);
    expect(adduser.parties).toEqual([
      {
        role: 'originator',
        kind: 'person',
        name: 'Ubuntu Developers',
        email: 'ubuntu-devel-discuss@lists.ubuntu.com',
        urls: [],
        location: { file: path, pointer: '/packages/0/originator' },
      },
    ]);
    // Its only other relationship is "SPDXRef-DOCUMENT DESCRIBES SPDXRef-DOCUMENT": no edge.
    expect(result.dependencies).toEqual([]);
    expect(diags.filter((d) => d.code === 'UNKNOWN_REFERENCE')).toEqual([]);
    expect(result.source.tools).toEqual(['syft-0.64.0']);
    expect(result.source.parties.map((p) => p.name)).toEqual(['Anchore, Inc']);
  });

  it('grype: originators without a Person:/Organization: prefix are kept, kind unspecified', () => {
    const path = `${BS}grype-sbom.spdx.json`;
    const { result } = readFixture(spdxJsonReader, path);
    const pygments = result.components[1]!;
    expect(pygments.name).toBe('Pygments');
    expect(pygments.parties).toEqual([
      { role: 'originator', kind: 'unspecified', name: 'Georg Brandl', email: 'georg@python.org', urls: [], location: { file: path, pointer: '/packages/1/originator' } },
    ]);
    expect(result.components.filter((c) => c.cpes.length > 0)).toHaveLength(result.components.filter((c) => c.cpe !== undefined).length);
    expect(result.dependencies).toEqual([]);
  });

  it('win-x64 (Microsoft SBOM tool): odd supplier and a URL given as purl', () => {
    const path = `${BS}win-x64-manifest.spdx.json`;
    const { result, diags } = readFixture(spdxJsonReader, path);
    const root = result.components[0]!;
    expect(root.parties.map((p) => [p.kind, p.name])).toEqual([['organization', 'Microsoft']]);
    // The tool percent-encodes the "@" before the version: the purl parses, as written, without a version.
    expect(root.purl).toBe('pkg:nuget/Microsoft.Sbom.DotNetTool%400.3.0');
    expect(root.purlParts?.version).toBeUndefined();
    const image = result.components[11]!;
    expect(image.name).toBe('Azure Pipelines Hosted Image win22');
    expect(image.parties.map((p) => [p.role, p.kind, p.name])).toEqual([['supplier', 'unspecified', 'Microsoft/GitHub']]);
    expect(image.purl).toBeUndefined();
    expect(image.properties).toEqual([{ name: 'spdx:externalRef:PACKAGE-MANAGER:purl', value: 'https://github.com/actions/virtual-environments' }]);
    expect(diags).toEqual([
      expect.objectContaining({ code: 'INVALID_PURL', location: { file: path, pointer: '/packages/11/externalRefs/0' } }),
    ]);
    expect(result.dependencies.filter((e) => e.kind === 'depends-on')).toHaveLength(87);
  });

  it('julia: *_DEPENDENCY_OF relationships are reversed into typed edges', () => {
    const path = `${BS}julia.spdx.json`;
    const { result } = readFixture(spdxJsonReader, path);
    expect(result.dependencies[1]).toEqual({
      from: `${path}#SPDXRef-JuliaMain`,
      to: `${path}#SPDXRef-JuliaPkg`,
      kind: 'build-depends-on',
      location: { file: path, pointer: '/relationships/1' },
    });
    expect(result.dependencies.find((e) => e.kind === 'runtime-depends-on')).toEqual({
      from: `${path}#SPDXRef-JuliaMain`,
      to: `${path}#SPDXRef-7zip`,
      kind: 'runtime-depends-on',
      location: { file: path, pointer: '/relationships/28' },
    });
    // BUILD_TOOL_OF is not an edge kind we keep; DESCRIBES is given twice (documentDescribes and relationship), kept once.
    expect(result.dependencies.filter((e) => e.kind === 'describes')).toHaveLength(1);
    expect(result.dependencies).toHaveLength(30);
    const libuv = byName(result, 'libuv');
    expect(libuv.parties.map((p) => [p.role, p.kind, p.name, p.email])).toEqual([
      ['supplier', 'organization', 'julialang.org', undefined],
      ['originator', 'organization', 'libuv.org', undefined],
    ]);
  });

  it('appbomination 2.2: DEPENDENCY_OF, TEST_DEPENDENCY_OF; CONTAINED_BY to files skipped', () => {
    const path = `${EX}software__example9__spdx2.2__appbomination.spdx.json`;
    const { result, diags } = readFixture(spdxJsonReader, path);
    expect(diags).toEqual([]);
    const f = (ref: string) => `${path}#${ref}`;
    expect(result.dependencies.map((e) => [e.from, e.kind, e.to])).toEqual([
      [f('SPDXRef-DOCUMENT'), 'describes', f('SPDXRef-1')],
      [f('SPDXRef-22'), 'depends-on', f('SPDXRef-23')],
      [f('SPDXRef-1'), 'depends-on', f('SPDXRef-21')],
      [f('SPDXRef-1'), 'test-depends-on', f('SPDXRef-22')],
      [f('SPDXRef-1'), 'depends-on', f('SPDXRef-20')],
    ]);
    expect(byName(result, 'junit').purl).toBe('pkg:maven/junit/junit@4.12');
    expect(byName(result, 'App-BOM-ination').licenses.map((l) => [l.acknowledgement, l.value, l.ids])).toEqual([
      ['declared', 'Apache-2.0', ['Apache-2.0']],
      ['concluded', '(LicenseRef-1 AND Apache-2.0)', ['Apache-2.0', 'LicenseRef-1']],
    ]);
  });

  it('example7: relationships into other documents are skipped without diagnostics', () => {
    const path = `${EX}software__example7__spdx2.2__example7-bin.spdx.json`;
    const { result, diags } = readFixture(spdxJsonReader, path);
    expect(diags).toEqual([]);
    expect(result.dependencies.map((e) => e.kind)).toEqual(['describes']);
    expect(result.components[0]!.licenses).toEqual([]);
    expect(result.source.tools).toEqual([]);
    expect(result.source.parties).toEqual([]);
  });

  it('trivy writes DESCRIBE (sic); chronicle repeats SPDXIDs', () => {
    const trivy = `bom-shelter/in-the-lab/spdx-trivy-ubuntu_nginx.spdx.json`;
    const t = readFixture(spdxJsonReader, trivy).result;
    expect(t.dependencies[0]).toMatchObject({ from: `${trivy}#SPDXRef-DOCUMENT`, to: `${trivy}#SPDXRef-ContainerImage-473ea4e99a901e79`, kind: 'describes' });
    const chronicle = `${BS}chronicle-sbom.spdx.json`;
    const { result, diags } = readFixture(spdxJsonReader, chronicle);
    expect(diags.filter((d) => d.code === 'DUPLICATE_REFERENCE')).toHaveLength(312);
    expect(new Set(result.components.map((c) => c.id)).size).toBe(575);
    expect(result.components[27]!.id).toBe(`${chronicle}#SPDXRef-Package-go-module-github.com/Microsoft/go-winio-v0.4.16~2`);
  });

  it('powershell-2.2.6: trailing data after the JSON is refused with its byte offset', () => {
    const path = `${BS}powershell-2.2.6.spdx.json`;
    const e = inputError(() => readFixture(spdxJsonReader, path));
    expect(e.code).toBe('TRAILING_DATA');
    expect(e.location.file).toBe(path);
    expect(e.location.offset).toBe(95877);
    expect(e.location.line).toBe(2765);
  });
});

describe('SPDX 2 tag-value, real files', () => {
  it('example6-lib: supplier and originator lines, licence ref, checksum, edges', () => {
    const path = `${EX}software__example6__spdx2.2__example6-lib.spdx`;
    const { result, diags } = readFixture(spdxTagValueReader, path);
    expect(diags).toEqual([]);
    const go = result.components[0]!;
    expect(go).toMatchObject({
      id: `${path}#SPDXRef-Package-godist`,
      name: 'go-1.15',
      version: '1.15.4',
      description: 'Ubuntu snap distribution of Golang v1.15.4 linux/amd64',
      location: { file: path, line: 11 },
      hashes: [{ alg: 'SHA-256', value: '0d6e1420facd978e532eae7bd5cb6378b65522c12fa9dcf682129e698c34d1b2' }],
      externalReferences: [{ type: 'website', url: 'https://golang.org/' }],
    });
    expect(go.parties).toEqual([
      { role: 'supplier', kind: 'organization', name: 'Canonical Ltd.', urls: [], location: { file: path, line: 15 } },
      { role: 'originator', kind: 'organization', name: 'Google LLC', urls: [], location: { file: path, line: 16 } },
    ]);
    expect(go.licenses).toEqual([
      { kind: 'expression', value: 'LicenseRef-Golang-BSD-plus-Patents', valid: true, ids: ['LicenseRef-Golang-BSD-plus-Patents'], acknowledgement: 'declared' },
    ]);
    expect(result.dependencies[0]).toEqual({
      from: `${path}#SPDXRef-DOCUMENT`,
      to: `${path}#SPDXRef-Package-godist`,
      kind: 'describes',
      location: { file: path, line: 27 },
    });
    expect(result.dependencies.slice(1).map((e) => [e.kind, e.to.split('#')[1]])).toEqual([
      ['contains', 'SPDXRef-Package-go-compiler'],
      ['contains', 'SPDXRef-Package-go.fmt'],
      ['contains', 'SPDXRef-Package-go.reflect'],
      ['contains', 'SPDXRef-Package-go.strconv'],
    ]);
    expect(result.source).toMatchObject({ encoding: 'tag-value', specVersion: 'SPDX-2.2', name: 'go-lib', serialNumber: 'https://swinslow.net/spdx-examples/example6/go-lib-v2' });
  });

  it('example1: tools from Creator lines; file relationships skipped', () => {
    const path = `${EX}software__example1__spdx2.2__example1.spdx`;
    const { result, diags } = readFixture(spdxTagValueReader, path);
    expect(diags).toEqual([]);
    expect(result.source.tools).toEqual(['github.com/spdx/tools-golang/builder', 'github.com/spdx/tools-golang/idsearcher']);
    expect(result.components[0]!.externalReferences).toEqual([{ type: 'distribution', url: 'git+https://github.com/swinslow/spdx-examples.git#example1/content' }]);
    expect(result.dependencies).toHaveLength(1);
  });

  it('istio (2.8 MB, 3461 packages): lines, edges, and fast', () => {
    const path = `${BS}istio-release.spdx`;
    const text = readFileSync(new URL(path, CORPUS), 'utf8');
    let best = Infinity;
    let read = readText(spdxTagValueReader, path, text);
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      read = readText(spdxTagValueReader, path, text);
      best = Math.min(best, performance.now() - t0);
    }
    expect(best).toBeLessThan(200);
    const { result, diags } = read;
    expect(diags).toEqual([]);
    expect(result.components[0]).toMatchObject({ name: 'istio/app:1.13.1-debug', location: { file: path, line: 12 } });
    expect(result.components[1]!.hashes.map((h) => h.alg)).toEqual(['SHA-1', 'SHA-256', 'SHA-512']);
    expect(result.dependencies[0]).toEqual({
      from: `${path}#SPDXRef-Package-istio-app-1.13.1-debug`,
      to: `${path}#SPDXRef-Package-istio-app-1.13.1-debug-blobs-sha256-08c01a0ec47e82ebe2bec112f373d160983a6d1e9e66627f66a3322bc403221b`,
      kind: 'contains',
      location: { file: path, line: 35 },
    });
    expect(result.dependencies.filter((e) => e.kind === 'describes')).toHaveLength(33);
  });

  it('k8s (2.3): "Tag:value" without a space, organisation creator, files skipped', () => {
    const path = `${BS}k8s-release-sbom.spdx`;
    const { result, diags } = readFixture(spdxTagValueReader, path);
    expect(diags).toEqual([]);
    expect(result.components[0]).toMatchObject({ name: 'conformance-ppc64le.tar', location: { file: path, line: 1452 } });
    expect(result.source.parties).toEqual([
      { role: 'author', kind: 'organization', name: 'Kubernetes Release Engineering', urls: [], location: { file: path, line: 7 } },
    ]);
    expect(result.source.specVersion).toBe('SPDX-2.3');
  });

  it('usbutils (2.1, files only): read best effort, lower-case "describes" to files skipped', () => {
    const path = `${BS}usbutils.spdx`;
    const { result, diags } = readFixture(spdxTagValueReader, path);
    expect(diags).toEqual([expect.objectContaining({ code: 'SPEC_VERSION_OUTSIDE_RANGE', location: { file: path, line: 1 } })]);
    expect(result.dependencies).toEqual([]);
    expect(result.source.specVersion).toBe('SPDX-2.1');
    expect(result.source.tools).toEqual(['reuse-0.13.0']);
    expect(result.source.parties.map((p) => p.name)).toEqual(['The Linux Foundation']);
  });
});

describe('SPDX 2 actors', () => {
  const loc = { file: 'f', pointer: '/p' };
  it.each([
    ['Person: Jane Doe (jane@example.com)', 'person', 'Jane Doe', 'jane@example.com'],
    ['Organization: ExampleCodeInspect ()', 'organization', 'ExampleCodeInspect', undefined],
    ['Person: Ubuntu Developers <ubuntu@lists.ubuntu.com>', 'person', 'Ubuntu Developers', 'ubuntu@lists.ubuntu.com'],
    ['Tool: syft-0.33.0', 'tool', 'syft-0.33.0', undefined],
    ['organization:Acme GmbH (Germany)', 'organization', 'Acme GmbH (Germany)', undefined],
    ['Microsoft/GitHub', 'unspecified', 'Microsoft/GitHub', undefined],
    ['Person: (only@mail.example)', 'person', undefined, 'only@mail.example'],
  ])('%s', (raw, kind, name, email) => {
    const p = parseActor(raw, 'supplier', loc)!;
    expect([p.kind, p.name, p.email]).toEqual([kind, name, email]);
  });
  it.each(['NOASSERTION', 'Organization: NOASSERTION', 'Person: ()'])('%s gives no party', (raw) => {
    expect(parseActor(raw, 'supplier', loc)).toBeUndefined();
  });
});

describe('SPDX 2 bad input', () => {
  const tv = (body: string) => `SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n${body}`;
  const json = (doc: Record<string, unknown>) => JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', ...doc });

  it('tag-value: a line that is not "Tag: value" names its line', () => {
    const e = inputError(() => readText(spdxTagValueReader, 'bad.spdx', tv('# comment\n\nPackageName: a\nthis line has no tag\n')));
    expect(e.code).toBe('MALFORMED_TAG_VALUE');
    expect(e.location).toEqual({ file: 'bad.spdx', line: 7 });
    expect(e.expected).toBe('a "Tag: value" line');
  });

  it('tag-value: <text> spans lines (with colons); an unterminated one names the line it started on', () => {
    const ok = readText(
      spdxTagValueReader,
      'ok.spdx',
      tv('PackageName: a\nSPDXID: SPDXRef-a\nPackageDescription: <text>line one: with colon\nnot a tag line\n</text>\nPackageVersion: 1\n'),
    );
    expect(ok.result.components[0]).toMatchObject({ name: 'a', version: '1', description: 'line one: with colon\nnot a tag line' });
    const e = inputError(() => readText(spdxTagValueReader, 'bad.spdx', tv('PackageName: a\nSPDXID: SPDXRef-a\nPackageComment: <text>never\nclosed\n')));
    expect(e.code).toBe('MALFORMED_TAG_VALUE');
    expect(e.location).toEqual({ file: 'bad.spdx', line: 6 });
  });

  it('tag-value: ExternalRef, CRLF line ends, a package without SPDXID', () => {
    const text = tv(
      'PackageName: lodash\nSPDXID: SPDXRef-lodash\nExternalRef: PACKAGE-MANAGER purl pkg:npm/lodash@4.17.21\nExternalRef: SECURITY cpe23Type cpe:2.3:a:lodash:lodash:4.17.21:*:*:*:*:*:*:*\nExternalRef: PERSISTENT-ID swh swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2\nPrimaryPackagePurpose: OPERATING-SYSTEM\n',
    ).replace(/\n/g, '\r\n');
    const c = readText(spdxTagValueReader, 'x.spdx', text).result.components[0]!;
    expect(c).toMatchObject({ type: 'operating-system', purl: 'pkg:npm/lodash@4.17.21', cpe: 'cpe:2.3:a:lodash:lodash:4.17.21:*:*:*:*:*:*:*' });
    expect(c.properties).toEqual([{ name: 'spdx:externalRef:PERSISTENT-ID:swh', value: 'swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2' }]);
    const e = inputError(() => readText(spdxTagValueReader, 'x.spdx', tv('PackageName: a\nPackageVersion: 1\n')));
    expect([e.code, e.location.line]).toEqual(['INVALID_DOCUMENT', 4]);
  });

  it('SPDX-1.2 and garbage versions are refused, naming the version found', () => {
    const e = inputError(() => readText(spdxTagValueReader, 'old.spdx', 'SPDXVersion: SPDX-1.2\nDataLicense: PDDL-1.0\n'));
    expect(e.code).toBe('UNSUPPORTED_VERSION');
    expect(e.message).toContain('"SPDX-1.2"');
    expect(e.expected).toBe('SPDX-2.2 or SPDX-2.3');
    expect(e.location).toEqual({ file: 'old.spdx', line: 1 });
    const j = inputError(() => readText(spdxJsonReader, 'x.json', JSON.stringify({ spdxVersion: 'banana' })));
    expect([j.code, j.location.pointer, j.expected]).toEqual(['UNSUPPORTED_VERSION', '/spdxVersion', 'SPDX-2.2 or SPDX-2.3']);
    const none = inputError(() => readText(spdxJsonReader, 'x.json', '{"SPDXID": "SPDXRef-DOCUMENT"}'));
    expect(none.code).toBe('INVALID_DOCUMENT');
    const v21 = readText(spdxJsonReader, 'x.json', JSON.stringify({ spdxVersion: 'SPDX-2.1', packages: [] }));
    expect(v21.diags.map((d) => d.code)).toEqual(['SPEC_VERSION_OUTSIDE_RANGE']);
  });

  it('JSON: wrong shapes are INVALID_DOCUMENT with a pointer', () => {
    const notArray = inputError(() => readText(spdxJsonReader, 'x.json', json({ packages: { SPDXID: 'SPDXRef-a' } })));
    expect([notArray.code, notArray.location, notArray.expected]).toEqual(['INVALID_DOCUMENT', { file: 'x.json', pointer: '/packages' }, 'an array of package objects']);
    const notObject = inputError(() => readText(spdxJsonReader, 'x.json', json({ packages: [{ SPDXID: 'SPDXRef-a', name: 'a' }, 'b'] })));
    expect([notObject.code, notObject.location.pointer]).toEqual(['INVALID_DOCUMENT', '/packages/1']);
    const noId = inputError(() => readText(spdxJsonReader, 'x.json', json({ packages: [{ name: 'a' }] })));
    expect([noId.code, noId.location.pointer]).toEqual(['INVALID_DOCUMENT', '/packages/0']);
    const rels = inputError(() => readText(spdxJsonReader, 'x.json', json({ relationships: 'none' })));
    expect([rels.code, rels.location.pointer]).toEqual(['INVALID_DOCUMENT', '/relationships']);
    const top = inputError(() => readText(spdxJsonReader, 'x.json', '[1]'));
    expect([top.code, top.location.pointer]).toEqual(['INVALID_DOCUMENT', '']);
  });

  it('JSON: a package without a name is read under its SPDXID', () => {
    const { result, diags } = readText(spdxJsonReader, 'x.json', json({ packages: [{ SPDXID: 'SPDXRef-anon', versionInfo: 2 }] }));
    expect(result.components[0]).toMatchObject({ name: 'SPDXRef-anon', ref: 'SPDXRef-anon', version: '2' });
    expect(diags.map((d) => [d.code, d.location])).toEqual([['MISSING_FIELD', { file: 'x.json', pointer: '/packages/0' }]]);
    const v3 = readText(spdx3Reader, 'y.json', JSON.stringify({ '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': [{ type: 'software_Package', spdxId: 'urn:n' }] }));
    expect(v3.result.components[0]!.name).toBe('urn:n');
    expect(v3.diags.map((d) => [d.code, d.location.pointer])).toEqual([['MISSING_FIELD', '/@graph/0']]);
  });

  it('JSON: unknown references are reported; NONE, files and external documents are not', () => {
    const { result, diags } = readText(
      spdxJsonReader,
      'x.json',
      json({
        packages: [{ SPDXID: 'SPDXRef-a', name: 'a' }],
        files: [{ SPDXID: 'SPDXRef-f', fileName: './f' }],
        relationships: [
          { spdxElementId: 'SPDXRef-a', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-ghost' },
          { spdxElementId: 'SPDXRef-a', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'NONE' },
          { spdxElementId: 'SPDXRef-a', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-f' },
          { spdxElementId: 'SPDXRef-a', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'DocumentRef-x:SPDXRef-y' },
          { spdxElementId: 'SPDXRef-a', relationshipType: 'GENERATED_FROM', relatedSpdxElement: 'SPDXRef-ghost2' },
        ],
      }),
    );
    expect(result.dependencies).toEqual([]);
    expect(diags).toEqual([
      { code: 'UNKNOWN_REFERENCE', message: expect.stringContaining('SPDXRef-ghost'), location: { file: 'x.json', pointer: '/relationships/0' } },
    ]);
  });

  it('JSON: "__proto__" as a package key and as an SPDXID pollutes nothing and reads fine', () => {
    const text =
      '{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","packages":[' +
      '{"SPDXID":"SPDXRef-a","name":"a","__proto__":{"polluted":"yes","name":"evil"}},' +
      '{"SPDXID":"__proto__","name":"proto","supplier":"Organization: Proto"}],' +
      '"relationships":[{"spdxElementId":"SPDXRef-a","relationshipType":"DEPENDS_ON","relatedSpdxElement":"__proto__"},' +
      '{"spdxElementId":"__proto__","relationshipType":"constructor","relatedSpdxElement":"SPDXRef-a"},' +
      '{"spdxElementId":"__proto__","relationshipType":"CONTAINS","relatedSpdxElement":"toString"}]}';
    const { result, diags } = readText(spdxJsonReader, 'p.json', text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(result.components.map((c) => [c.ref, c.name])).toEqual([
      ['SPDXRef-a', 'a'],
      ['__proto__', 'proto'],
    ]);
    expect(result.dependencies).toEqual([{ from: 'p.json#SPDXRef-a', to: 'p.json#__proto__', kind: 'depends-on', location: { file: 'p.json', pointer: '/relationships/0' } }]);
    expect(diags.map((d) => [d.code, d.location.pointer])).toEqual([['UNKNOWN_REFERENCE', '/relationships/2']]);
  });

  it('a 1 MB package name is cut to 64 KiB with a diagnostic', () => {
    const huge = 'x'.repeat(1024 * 1024);
    const { result, diags } = readText(spdxJsonReader, 'h.json', json({ packages: [{ SPDXID: 'SPDXRef-h', name: huge }] }));
    expect(result.components[0]!.name).toBe('x'.repeat(65536));
    expect(diags).toEqual([expect.objectContaining({ code: 'TRUNCATED_VALUE', location: { file: 'h.json', pointer: '/packages/0/name' } })]);
    const tvRead = readText(spdxTagValueReader, 'h.spdx', tv(`PackageName: ${huge}\nSPDXID: SPDXRef-h\n`));
    expect(tvRead.result.components[0]!.name).toHaveLength(65536);
  });

  it('purposes map onto component types; SPDX-only ones are "other" and kept as a property', () => {
    const purposes = ['FRAMEWORK', 'CONTAINER', 'DEVICE', 'FIRMWARE', 'FILE', 'ARCHIVE', 'SOURCE', 'INSTALL', 'OTHER', 'WIDGET'];
    const { result, diags } = readText(
      spdxJsonReader,
      'x.json',
      json({ packages: purposes.map((p, i) => ({ SPDXID: `SPDXRef-${i}`, name: p, primaryPackagePurpose: p })) }),
    );
    expect(result.components.map((c) => c.type)).toEqual(['framework', 'container', 'device', 'firmware', 'file', 'other', 'other', 'other', 'other', 'other']);
    expect(result.components[5]!.properties).toEqual([{ name: 'spdx:primaryPackagePurpose', value: 'ARCHIVE' }]);
    expect(diags.map((d) => [d.code, d.location.pointer])).toEqual([['UNKNOWN_COMPONENT_TYPE', '/packages/9/primaryPackagePurpose']]);
  });
});

describe('SPDX 3 JSON-LD, real files', () => {
  it('example6-lib: suppliedBy/originatedBy resolved, licence relationships, describes from the document', () => {
    const path = `${EX}software__example6__spdx3.0__example6-lib.json`;
    const { result, diags } = readFixture(spdx3Reader, path);
    expect(diags).toEqual([]);
    const base = 'https://swinslow.net/spdx-examples/example6/go-lib-v2-specv3/';
    const go = result.components[0]!;
    expect(go).toMatchObject({
      id: `${path}#${base}SPDXRef-gnrtd2`,
      ref: `${base}SPDXRef-gnrtd2`,
      type: 'library',
      name: 'go-1.15',
      version: '1.15.4',
      description: 'Ubuntu snap distribution of Golang v1.15.4 linux/amd64',
      location: { file: path, pointer: '/@graph/27' },
      externalReferences: [{ type: 'website', url: 'https://golang.org/' }],
    });
    expect(go.parties).toEqual([
      { role: 'supplier', kind: 'organization', name: 'Canonical Ltd.', urls: [], location: { file: path, pointer: '/@graph/27/suppliedBy' } },
      { role: 'originator', kind: 'organization', name: 'Google LLC', urls: [], location: { file: path, pointer: '/@graph/27/originatedBy/0' } },
    ]);
    // NOASSERTION expressions give no licence.
    expect(go.licenses).toEqual([
      { kind: 'expression', value: 'LicenseRef-Golang-BSD-plus-Patents', valid: true, ids: ['LicenseRef-Golang-BSD-plus-Patents'], acknowledgement: 'declared' },
    ]);
    expect(result.dependencies[0]).toEqual({
      from: `${path}#${base}document0`,
      to: `${path}#${base}SPDXRef-gnrtd2`,
      kind: 'describes',
      location: { file: path, pointer: '/@graph/1/to/0' },
    });
    expect(result.dependencies.map((e) => e.kind)).toEqual(['describes', 'contains', 'contains', 'contains', 'contains']);
    expect(result.source).toEqual({
      file: path,
      format: 'spdx',
      encoding: 'json-ld',
      specVersion: '3.0.1',
      serialNumber: `${base}document0`,
      name: 'go-lib',
      tools: [],
      parties: [],
      componentCount: 5,
      serviceCount: 0,
    });
  });

  it('AI example: AI and dataset packages, nameless agents, duplicate relationships once, custom licence', () => {
    const path = `${EX}ai__example01__spdx3.0__simplehtr-example.json`;
    const { result, diags } = readFixture(spdx3Reader, path);
    expect(diags).toEqual([]);
    expect(result.components.map((c) => c.type)).toEqual([
      'library',
      'machine-learning-model',
      'machine-learning-model',
      ...Array(7).fill('library'),
      'machine-learning-model',
      'machine-learning-model',
      'data',
    ]);
    const model = result.components[10]!;
    expect(model).toMatchObject({ name: 'word-model', version: '0.0', location: { file: path, pointer: '/@graph/101' } });
    expect(model.parties).toEqual([
      { role: 'supplier', kind: 'person', name: 'Harald Scheidl', urls: [], location: { file: path, pointer: '/@graph/101/suppliedBy' } },
    ]);
    // The organisation element has no name: its id (a URL) identifies it.
    const matplotlib = result.components.find((c) => c.ref === 'https://pypi.org/project/matplotlib/3.2.1/')!;
    expect(matplotlib.name).toBe('lmdb'); // sic in the file
    expect(matplotlib.parties).toEqual([
      { role: 'originator', kind: 'organization', urls: ['https://pypi.org/org/matplotlib/'], location: { file: path, pointer: '/@graph/57/originatedBy/0' } },
    ]);
    const dataset = byName(result, 'IAMdataset');
    expect(dataset.licenses.map((l) => [l.kind, l.acknowledgement, l.valid])).toEqual([
      ['name', 'declared', false],
      ['name', 'concluded', false],
    ]);
    // The dependsOn relationship is in the file twice; the document describes SimpleHTR through its Sbom.
    expect(result.dependencies.filter((e) => e.kind === 'depends-on')).toHaveLength(7);
    expect(result.dependencies[0]).toEqual({
      from: `${path}#https://my-first-aibom.com/document1`,
      to: `${path}#https://my-first-aibom.com/SimpleHTR`,
      kind: 'describes',
      location: { file: path, pointer: '/@graph/111/rootElement/0' },
    });
  });

  it('example11: scoped dependsOn, purls, tools and creator organisation', () => {
    const path = `${EX}software__example11__spdx3.0__sbom.spdx3.json`;
    const { result } = readFixture(spdx3Reader, path);
    expect(result.components.map((c) => c.purl)).toEqual([
      'pkg:deb/debian/libselinux1-dev@3.1-3?arch=s390x',
      'pkg:cargo/hyper@0.14',
      'pkg:cargo/tokio@1.19.2',
      'pkg:cargo/pretty_env_logger@0.4.0',
    ]);
    expect(result.dependencies.map((e) => e.kind)).toEqual(['describes', 'build-depends-on', 'build-depends-on', 'build-depends-on']);
    expect(byName(result, 'pretty_env_logger').licenses.map((l) => [l.acknowledgement, l.value, l.ids])).toEqual([
      ['concluded', '(MIT OR Apache-2.0)', ['Apache-2.0', 'MIT']],
    ]);
    expect(result.source.tools).toEqual(['sigs.k8s.io/bom/pkg/spdx']);
    expect(result.source.parties).toEqual([
      { role: 'author', kind: 'organization', name: 'Unknown', urls: [], location: { file: path, pointer: '/@graph/1/createdBy/0' } },
    ]);
  });

  it('example14 and example9: test-scoped dependencies, suppliers', () => {
    const p14 = `${EX}software__example14__spdx3.0__examplemaven-0.0.1-enriched.spdx3.json`;
    const r14 = readFixture(spdx3Reader, p14).result;
    expect(r14.source.tools).toEqual(['spdx-maven-plugin', 'Parlay']);
    expect(r14.dependencies.map((e) => [e.kind, e.from.split('/').pop(), e.to.split('/').pop()])).toEqual([
      ['describes', 'document0', 'SPDXRef-gnrtd4'],
      ['test-depends-on', 'SPDXRef-gnrtd4', 'SPDXRef-gnrtd44'],
    ]);
    expect(byName(r14, 'examplemaven').parties.map((p) => [p.role, p.name])).toEqual([
      ['supplier', 'SPDX'],
      ['originator', 'Linux Foundation'],
    ]);
    const p9 = `${EX}software__example9__spdx3.0__appbomination.spdx3.json`;
    const r9 = readFixture(spdx3Reader, p9).result;
    expect(byName(r9, 'junit').purl).toBe('pkg:maven/junit/junit@4.12');
    expect(r9.dependencies.map((e) => e.kind)).toEqual(['describes', 'depends-on', 'depends-on', 'depends-on', 'test-depends-on']);
  });
});

describe('SPDX 3 bad and unusual input', () => {
  const doc = (graph: unknown[], context: unknown = 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld') => JSON.stringify({ '@context': context, '@graph': graph });

  it('versions: 2.x context refused, 3.1 read best effort, version from CreationInfo', () => {
    const e = inputError(() => readText(spdx3Reader, 'x.json', doc([], 'https://spdx.org/rdf/2.3/context.jsonld')));
    expect([e.code, e.expected]).toEqual(['UNSUPPORTED_VERSION', 'SPDX 3.0.x JSON-LD']);
    expect(e.message).toContain('"2.3"');
    const v31 = readText(spdx3Reader, 'x.json', doc([{ type: 'software_Package', spdxId: 'urn:a', name: 'a' }], 'https://spdx.org/rdf/3.1/spdx-context.jsonld'));
    expect(v31.diags.map((d) => d.code)).toEqual(['SPEC_VERSION_OUTSIDE_RANGE']);
    expect(v31.result.components).toHaveLength(1);
    const ci = readText(spdx3Reader, 'x.json', doc([{ type: 'CreationInfo', '@id': '_:c', specVersion: '3.0.0' }], 'https://example.com/ctx'));
    expect(ci.result.source.specVersion).toBe('3.0.0');
  });

  it('shapes: no @graph, element not an object', () => {
    const e = inputError(() => readText(spdx3Reader, 'x.json', JSON.stringify({ '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld' })));
    expect([e.code, e.location.pointer]).toEqual(['INVALID_DOCUMENT', '/@graph']);
    const el = inputError(() => readText(spdx3Reader, 'x.json', doc([{ type: 'Person', spdxId: 'urn:p' }, 7])));
    expect([el.code, el.location.pointer]).toEqual(['INVALID_DOCUMENT', '/@graph/1']);
  });

  it('un-prefixed types, externalIdentifier, hashes, listed licence IRIs, dangling agents, __proto__ ids', () => {
    const graph = [
      { type: 'Package', spdxId: '__proto__', name: 'p', suppliedBy: 'urn:missing', software_primaryPurpose: 'operatingSystem' },
      {
        type: 'software:Package',
        spdxId: 'urn:q',
        name: 'q',
        suppliedBy: 'urn:tool',
        externalIdentifier: [
          { type: 'ExternalIdentifier', externalIdentifierType: 'cpe23', identifier: 'cpe:2.3:a:q:q:1:*:*:*:*:*:*:*' },
          { type: 'ExternalIdentifier', externalIdentifierType: 'packageUrl', identifier: 'pkg:pypi/q@1' },
          { type: 'ExternalIdentifier', externalIdentifierType: 'swhid', identifier: 'swh:1:rev:0' },
        ],
        externalRef: [{ type: 'ExternalRef', externalRefType: 'issueTracker', locator: ['https://q.example/issues'] }],
        verifiedUsing: [{ type: 'Hash', algorithm: 'sha256', hashValue: 'ABCDEF' }],
      },
      { type: 'SoftwareAgent', spdxId: 'urn:tool', name: 'robot' },
      { type: 'Relationship', spdxId: 'urn:r1', from: '__proto__', to: ['urn:q'], relationshipType: 'dependsOn' },
      { type: 'Relationship', spdxId: 'urn:r2', from: 'urn:q', to: ['https://spdx.org/licenses/MIT'], relationshipType: 'hasDeclaredLicense' },
    ];
    const { result, diags } = readText(spdx3Reader, 'x.json', doc(graph));
    expect(({} as Record<string, unknown>).name).toBeUndefined();
    expect(result.components.map((c) => [c.ref, c.type])).toEqual([
      ['__proto__', 'operating-system'],
      ['urn:q', 'library'],
    ]);
    const q = result.components[1]!;
    expect(q).toMatchObject({ purl: 'pkg:pypi/q@1', cpe: 'cpe:2.3:a:q:q:1:*:*:*:*:*:*:*', cpes: ['cpe:2.3:a:q:q:1:*:*:*:*:*:*:*'] });
    expect(q.properties).toEqual([{ name: 'spdx:externalIdentifier:swhid', value: 'swh:1:rev:0' }]);
    expect(q.externalReferences).toEqual([{ type: 'issue-tracker', url: 'https://q.example/issues' }]);
    expect(q.hashes).toEqual([{ alg: 'SHA-256', value: 'abcdef' }]);
    expect(q.parties.map((p) => [p.kind, p.name])).toEqual([['tool', 'robot']]);
    expect(q.licenses).toEqual([{ kind: 'id', value: 'MIT', valid: true, ids: ['MIT'], acknowledgement: 'declared' }]);
    expect(result.dependencies).toEqual([{ from: 'x.json#__proto__', to: 'x.json#urn:q', kind: 'depends-on', location: { file: 'x.json', pointer: '/@graph/3/to/0' } }]);
    expect(diags.map((d) => [d.code, d.location.pointer])).toEqual([['UNKNOWN_REFERENCE', '/@graph/0/suppliedBy']]);
  });
});
