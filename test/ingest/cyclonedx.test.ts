import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inputError } from '../helpers.js';
import { cyclonedxJsonReader, cyclonedxXmlReader } from '../../src/ingest/cyclonedx.js';
import { Diagnostics } from '../../src/ingest/normalize.js';
import type { DocumentResult } from '../../src/ingest/types.js';
import type { Component } from '../../src/model.js';

const corpus = (p: string) => `fixtures/corpus/${p}`;

function read(file: string): DocumentResult & { diagnostics: Diagnostics } {
  const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
  const diagnostics = new Diagnostics();
  const reader = file.endsWith('.xml') ? cyclonedxXmlReader : cyclonedxJsonReader;
  return { ...reader.read({ file, text }, { sourceIndex: 0, diagnostics }), diagnostics };
}

function readText(text: string, xml = false, file = 'inline.cdx') {
  const diagnostics = new Diagnostics();
  const reader = xml ? cyclonedxXmlReader : cyclonedxJsonReader;
  return { ...reader.read({ file, text }, { sourceIndex: 0, diagnostics }), diagnostics };
}

const byName = (cs: Component[], name: string) => {
  const c = cs.find((x) => x.name === name);
  if (!c) throw new Error(`no component ${name}`);
  return c;
};

describe('CycloneDX JSON, real files', () => {
  it('keycloak 10.0.2 (1.2, Maven): counts, publisher, licence, hash, edge, location', () => {
    const r = read(corpus('cyclonedx-bom-examples/SBOM__keycloak-10.0.2__bom.json'));
    expect(r.components).toHaveLength(903);
    expect(r.source).toMatchObject({ format: 'cyclonedx', encoding: 'json', specVersion: '1.2' });
    const core = r.components[5]!;
    expect(core).toMatchObject({
      name: 'jackson-core',
      group: 'com.fasterxml.jackson.core',
      version: '2.10.1',
      purl: 'pkg:maven/com.fasterxml.jackson.core/jackson-core@2.10.1?type=jar',
      purlParts: { type: 'maven', namespace: 'com.fasterxml.jackson.core', name: 'jackson-core', version: '2.10.1', qualifiers: { type: 'jar' } },
      location: { file: corpus('cyclonedx-bom-examples/SBOM__keycloak-10.0.2__bom.json'), pointer: '/components/5' },
    });
    expect(core.parties).toEqual([expect.objectContaining({ role: 'publisher', kind: 'unspecified', name: 'FasterXML' })]);
    expect(core.licenses).toEqual([{ kind: 'id', value: 'Apache-2.0', valid: true, ids: ['Apache-2.0'] }]);
    expect(core.hashes[0]).toEqual({ alg: 'MD5', value: '5bc20efba282bb641e3b42de153e45bc' });
    const redHat = r.components.filter((c) => c.parties.some((p) => p.name === 'JBoss by Red Hat'));
    expect(redHat.length).toBe(314);
    expect(r.dependencies.length).toBeGreaterThan(0);
    const edge = r.dependencies[0]!;
    expect(edge.kind).toBe('depends-on');
    expect(r.components.some((c) => c.id === edge.to) || r.source.subject?.id === edge.to).toBe(true);
  });

  it('juice-shop (1.6, npm flat): authors, acknowledgement, registry, dependency edge', () => {
    const file = corpus('cyclonedx-node-npm/juice-shop__flat__bom.1.6.json');
    const r = read(file);
    expect(r.components).toHaveLength(1101);
    const babel = r.components[3]!;
    expect(babel).toMatchObject({
      id: `${file}#juice-shop@14.1.1|@babel/runtime@7.24.7`,
      ref: 'juice-shop@14.1.1|@babel/runtime@7.24.7',
      group: '@babel',
      name: 'runtime',
      purl: 'pkg:npm/%40babel/runtime@7.24.7#packages/babel-runtime',
      registry: 'registry.npmjs.org',
    });
    expect(babel.licenses).toEqual([{ kind: 'id', value: 'MIT', valid: true, ids: ['MIT'], acknowledgement: 'declared' }]);
    expect(babel.parties).toEqual([expect.objectContaining({ role: 'author', name: 'The Babel Team' })]);
    expect(babel.hashes).toEqual([]);
    expect(babel.externalReferences[0]).toMatchObject({ type: 'distribution', url: 'https://registry.npmjs.org/@babel/runtime/-/runtime-7.24.7.tgz' });
    expect(r.source.subject).toMatchObject({ name: 'juice-shop', version: '14.1.1' });
    // The subject depends on its direct dependencies.
    expect(r.dependencies.some((d) => d.from === r.source.subject!.id)).toBe(true);
  });

  it('harp (1.4, Go): the subject and its own packages are apart from the components', () => {
    const r = read(corpus('bom-shelter/in-the-wild/cyclonedx/harp-darwin-amd64.sbom.json'));
    expect(r.components).toHaveLength(705);
    expect(r.source.subject?.name).toBe('github.com/elastic/harp');
    expect(r.source.subjectParts).toHaveLength(109);
    expect(r.source.subjectParts![0]!.parent).toBe(r.source.subject!.id);
    expect(r.components.every((c) => c.purlParts?.type === 'golang')).toBe(true);
  });

  it('the HBOM: devices with suppliers, urls and cdx:device properties', () => {
    const r = read(corpus('cyclonedx-bom-examples/HBOM__PCIe-SATA-adapter-board__bom.json'));
    expect(r.components).toHaveLength(6);
    expect(r.components.every((c) => c.type === 'device')).toBe(true);
    const samtec = r.components[0]!;
    expect(samtec.parties).toEqual([
      { role: 'supplier', kind: 'organization', name: 'Samtec', urls: ['https://www.samtec.com/'], location: samtec.location },
    ]);
    expect(samtec.properties).toContainEqual({ name: 'cdx:device:function', value: 'connector' });
    expect(r.components.map((c) => c.parties[0]?.name)).toEqual(['Samtec', 'Molex', '3M', 'Multicomp', 'TE Connectivity', 'Multicomp']);
  });

  it('a services-only SaaSBOM keeps services apart from components', () => {
    const r = read(corpus('cyclonedx-bom-examples/SaaSBOM__apigateway-microservices-datastores__bom.json'));
    expect(r.components).toHaveLength(0);
    expect(r.services).toHaveLength(6);
    expect(r.services[0]).toMatchObject({
      ref: 'api-gateway',
      name: 'API Gateway',
      group: 'com.example',
      endpoints: ['https://example.com/', 'https://example.com/app'],
      authenticated: false,
      crossesTrustBoundary: true,
    });
    expect(r.services[0]!.parties[0]).toMatchObject({ role: 'provider', kind: 'organization', name: 'Acme Inc' });
    expect(r.dependencies.length).toBe(6);
  });

  it('1.6: metadata manufacturer and supplier belong to the subject; component supplier with contact', () => {
    const r = read(corpus('cyclonedx-specification/valid-bom-1.6.json'));
    expect(r.components).toHaveLength(3);
    const subjectRoles = r.source.subject!.parties.map((p) => `${p.role}:${p.name}`);
    expect(subjectRoles).toEqual(expect.arrayContaining(['manufacturer:Acme, Inc.', 'supplier:Acme, Inc.']));
    const lib = r.components[1]!;
    expect(lib.parties[0]).toMatchObject({
      role: 'supplier',
      name: 'Example, Inc.',
      email: 'support@example.com',
      urls: ['https://example.com', 'https://example.net'],
    });
  });

  it('1.7 is read forward-compatibly without a diagnostic', () => {
    const r = read(corpus('cyclonedx-specification/valid-bom-1.7.json'));
    expect(r.components).toHaveLength(3);
    expect(r.source.specVersion).toBe('1.7');
    expect(r.diagnostics.items.filter((d) => d.code === 'SPEC_VERSION_OUTSIDE_RANGE')).toEqual([]);
  });

  it('every component type, including device and firmware', () => {
    const r = read(corpus('cyclonedx-specification/valid-component-types-1.6.json'));
    expect(r.components.map((c) => c.type).sort()).toEqual(
      ['application', 'container', 'data', 'device', 'file', 'firmware', 'framework', 'library', 'operating-system'],
    );
  });

  it('device-driver, platform, machine-learning-model and cryptographic-asset (1.6); an unknown type is "other" with a diagnostic', () => {
    const types = ['device-driver', 'platform', 'machine-learning-model', 'cryptographic-asset', 'quantum-thing'];
    const r = readText(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: types.map((type, i) => ({ type, name: `c${i}` })) }));
    expect(r.components.map((c) => c.type)).toEqual(['device-driver', 'platform', 'machine-learning-model', 'cryptographic-asset', 'other']);
    expect(r.diagnostics.items.map((d) => d.code)).toEqual(['UNKNOWN_COMPONENT_TYPE']);
  });
});

describe('CycloneDX XML, real files', () => {
  it('the cern XML twin gives the same components as its JSON', () => {
    const x = read(corpus('cyclonedx-bom-examples/SBOM__cern-lhc-vdm-editor-e564943__bom.xml'));
    const j = read(corpus('cyclonedx-bom-examples/SBOM__cern-lhc-vdm-editor-e564943__bom.json'));
    expect(x.components).toHaveLength(43);
    const strip = (c: Component) => [c.name, c.version, c.purl, c.licenses.map((l) => l.value).join(), c.hashes.map((h) => h.value).join()];
    expect(x.components.map(strip)).toEqual(j.components.map(strip));
  });

  it('juice-shop 1.4 XML: nested components, element path and line', () => {
    const file = corpus('cyclonedx-bom-examples/SBOM__juice-shop__via_npm__bare__bom.1.4.xml');
    const r = read(file);
    expect(r.components).toHaveLength(1115);
    expect(r.source.encoding).toBe('xml');
    const nested = r.components.filter((c) => c.parent !== undefined);
    expect(nested.length).toBeGreaterThan(0);
    const first = r.components[0]!;
    expect(first.location.file).toBe(file);
    expect(first.location.element).toBe('/bom/components[1]/component[1]');
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[first.location.line! - 1]).toContain('<component');
    expect(r.components.filter((c) => c.parties.some((p) => p.role === 'author')).length).toBe(975);
  });

  it('dev dependencies (1.6 XML): the cdx:npm:package:development property sets the dev flag', () => {
    const r = read(corpus('cyclonedx-node-npm/dev-dependencies__bare__bom.1.6.xml'));
    expect(r.components).toHaveLength(5);
    const dev = r.components.filter((c) => c.flags.includes('dev')).map((c) => `${c.group ? `${c.group}/` : ''}${c.name}`);
    expect(dev.sort()).toEqual(['@types/node', '@types/uuid', 'undici-types', 'uuid']);
    expect(r.dependencies.length).toBe(7);
  });

  it('laravel across 1.2, 1.3 and 1.4 XML and JSON: the same 62 packages, the same edges', () => {
    const files = ['1.2.xml', '1.3.json', '1.3.xml', '1.4.json', '1.4.xml'].map((v) =>
      read(corpus(`cyclonedx-bom-examples/SBOM__laravel-7.12.0__bom.${v}`)),
    );
    for (const r of files) {
      expect(r.components).toHaveLength(62);
      expect(r.dependencies).toHaveLength(113);
      expect(byName(r.components, 'stack-cors')).toMatchObject({ group: 'asm89', version: '1.3.0', purl: 'pkg:composer/asm89/stack-cors@1.3.0' });
    }
  });

  it('1.1 XML (older than the range) is read best-effort with a diagnostic', () => {
    const r = read(corpus('cyclonedx-bom-examples/SBOM__laravel-7.12.0__bom.1.1.xml'));
    expect(r.components).toHaveLength(62);
    expect(r.diagnostics.items.map((d) => d.code)).toContain('SPEC_VERSION_OUTSIDE_RANGE');
  });

  it('pedigree ancestors are history, not components (valid-bom-1.5.xml)', () => {
    // MANIFEST.md counts 4 here: its XML count took in the <pedigree><ancestors> component,
    // while its count of the JSON twin (2 components + 2 ancestors) does not. Ancestors say
    // what a component was derived from; they are not parts of the product.
    const r = read(corpus('cyclonedx-specification/valid-bom-1.5.xml'));
    expect(r.components.map((c) => c.name)).toEqual(['tomcat-catalina', 'mylibrary', 'myframework']);
  });
});

describe('CycloneDX: details', () => {
  it('address.country (1.6) as a code or a name becomes ISO 3166-1 alpha-2; an unknown one is kept and reported', () => {
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [
        { name: 'a', manufacturer: { name: 'M', address: { country: 'Germany' } } },
        { name: 'b', supplier: { name: 'S', address: { country: 'jp' } } },
        { name: 'c', supplier: { name: 'T', address: { country: 'Atlantis' } } },
        { name: 'd', supplier: { name: 'U', address: { country: 'KOR' } } },
      ],
    };
    const r = readText(JSON.stringify(doc));
    expect(r.components.map((c) => c.parties[0]!.country)).toEqual(['DE', 'JP', undefined, 'KR']);
    expect(r.components[2]!.parties[0]!.declaredCountry).toBe('Atlantis');
    expect(r.diagnostics.items).toEqual([expect.objectContaining({ code: 'UNKNOWN_COUNTRY', location: { file: 'inline.cdx', pointer: '/components/2' } })]);
  });

  it('licences: id, name, expression; an invalid expression is kept raw and reported', () => {
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: [
        {
          name: 'x',
          licenses: [
            { expression: 'MIT OR (Apache-2.0 AND GPL-2.0-only WITH Classpath-exception-2.0)' },
            { license: { name: 'Some Custom Licence' } },
            { expression: 'MIT or whatever' },
          ],
        },
      ],
    };
    const r = readText(JSON.stringify(doc));
    expect(r.components[0]!.licenses).toEqual([
      {
        kind: 'expression',
        value: 'MIT OR (Apache-2.0 AND GPL-2.0-only WITH Classpath-exception-2.0)',
        valid: true,
        ids: ['Apache-2.0', 'Classpath-exception-2.0', 'GPL-2.0-only', 'MIT'],
      },
      { kind: 'name', value: 'Some Custom Licence', valid: false, ids: [] },
      { kind: 'expression', value: 'MIT or whatever', valid: false, ids: [] },
    ]);
    expect(r.diagnostics.items.map((d) => d.code)).toEqual(['INVALID_LICENSE']);
  });

  it('purls are normalised; an invalid purl is reported and left out', () => {
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.4',
      components: [
        { name: 'core', purl: 'pkg:NPM/@Azure/core@1.0.0' },
        { name: 'bad', purl: 'not-a-purl' },
      ],
    };
    const r = readText(JSON.stringify(doc));
    expect(r.components[0]!.purl).toBe('pkg:npm/%40azure/core@1.0.0');
    expect(r.components[1]!.purl).toBeUndefined();
    expect(r.diagnostics.items[0]).toMatchObject({ code: 'INVALID_PURL', location: { pointer: '/components/1' } });
  });

  it('a repeated bom-ref gets a distinct id and a diagnostic; a dependency on an unknown ref is reported', () => {
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: [
        { 'bom-ref': 'a', name: 'a' },
        { 'bom-ref': 'a', name: 'a2' },
      ],
      dependencies: [{ ref: 'a', dependsOn: ['nope'] }],
    };
    const r = readText(JSON.stringify(doc));
    expect(r.components.map((c) => c.id)).toEqual(['inline.cdx#a', 'inline.cdx#a~2']);
    expect(r.diagnostics.items.map((d) => [d.code, d.location.pointer])).toEqual([
      ['DUPLICATE_REFERENCE', '/components/1'],
      ['UNKNOWN_REFERENCE', '/dependencies/0/dependsOn/0'],
    ]);
  });
});

describe('CycloneDX: bad and hostile input', () => {
  it('an unsupported major version is refused with its location', () => {
    const e = inputError(() => readText('{"bomFormat":"CycloneDX","specVersion":"2.0","components":[]}'));
    expect(e.code).toBe('UNSUPPORTED_VERSION');
    expect(e.location).toEqual({ file: 'inline.cdx', pointer: '/specVersion' });
    expect(e.message).toContain('"2.0"');
  });

  it('components that is not an array is a located shape error', () => {
    const e = inputError(() => readText('{"bomFormat":"CycloneDX","specVersion":"1.6","components":{"name":"x"}}'));
    expect(e.code).toBe('INVALID_DOCUMENT');
    expect(e.location.pointer).toBe('/components');
  });

  it('truncated JSON names line, column and byte offset', () => {
    const text = '{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.6",\n  "components": [\n    {"name": "a"';
    const e = inputError(() => readText(text));
    expect(e.code).toBe('MALFORMED_JSON');
    expect(e.location).toMatchObject({ line: 5, offset: text.length });
    expect(e.message).toContain('truncated');
  });

  it('__proto__ keys are data: nothing is polluted and the component reads normally', () => {
    const text =
      '{"bomFormat":"CycloneDX","specVersion":"1.6","__proto__":{"polluted":1},"components":[{"name":"p","__proto__":{"polluted":2},"purl":"pkg:npm/p@1?__proto__=x","properties":[{"name":"__proto__","value":"y"}]}]}';
    const r = readText(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.components[0]!.properties).toEqual([{ name: '__proto__', value: 'y' }]);
    expect(Object.getPrototypeOf(r.components[0]!.purlParts!.qualifiers)).toBe(Object.prototype);
    expect(Object.hasOwn(r.components[0]!.purlParts!.qualifiers!, '__proto__')).toBe(true);
  });

  it('components nested deeper than the bound are refused, not a stack overflow', () => {
    let inner = '{"name":"leaf"}';
    for (let i = 0; i < 5000; i++) inner = `{"name":"n${i}","components":[${inner}]}`;
    const e = inputError(() => readText(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":[${inner}]}`));
    expect(e.code).toBe('TOO_DEEP');
  });

  it('a huge string is cut to the bound and reported', () => {
    const big = 'x'.repeat(2_000_000);
    const r = readText(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ name: big }] }));
    expect(r.components[0]!.name.length).toBe(64 * 1024);
    expect(r.diagnostics.items[0]!.code).toBe('TRUNCATED_VALUE');
  });

  it('XML with a DOCTYPE (entity expansion, external entities) is refused before any expansion', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE bom [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<bom xmlns="http://cyclonedx.org/schema/bom/1.4"><components><component type="library"><name>&c;</name></component></components></bom>`;
    const e = inputError(() => readText(laughs, true));
    expect(e.code).toBe('FORBIDDEN_XML');
    expect(e.location.line).toBe(2);

    const xxe = `<?xml version="1.0"?>
<!DOCTYPE bom [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<bom xmlns="http://cyclonedx.org/schema/bom/1.4"><components><component type="library"><name>&xxe;</name></component></components></bom>`;
    expect(inputError(() => readText(xxe, true)).code).toBe('FORBIDDEN_XML');
  });

  it('an undeclared entity is a located XML error', () => {
    const e = inputError(() =>
      readText('<bom xmlns="http://cyclonedx.org/schema/bom/1.4">\n<components>\n<component type="library"><name>&nope;</name></component></components></bom>', true),
    );
    expect(e.code).toBe('MALFORMED_XML');
    expect(e.location.line).toBe(3);
  });

  it('XML nested deeper than the bound is refused', () => {
    const deep = `<bom xmlns="http://cyclonedx.org/schema/bom/1.4">${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</bom>`;
    expect(inputError(() => readText(deep, true)).code).toBe('TOO_DEEP');
  });

  it('truncated XML names the line', () => {
    const e = inputError(() => readText('<bom xmlns="http://cyclonedx.org/schema/bom/1.4">\n<components>\n<component type="library"><name>x</name>', true));
    expect(e.code).toBe('MALFORMED_XML');
    expect(e.location.line).toBe(3);
  });

  it('XML that is not CycloneDX names the root element it found', () => {
    const e = inputError(() => readText('<project xmlns="http://maven.apache.org/POM/4.0.0"><name>x</name></project>', true));
    expect(e.code).toBe('UNKNOWN_FORMAT');
    expect(e.message).toContain('<project>');
  });
});
