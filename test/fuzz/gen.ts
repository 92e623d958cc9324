/**
 * Generators for the fuzz suite: a small inventory model (components with the fields every
 * format carries, and a dependency graph that may have cycles and self-loops), writers of that
 * model in each input format, the expected reading of each, and the checks every hostile case
 * must pass (a result, or errors that name the file and a place in it).
 */
import fc from 'fast-check';
import { PackageURL } from 'packageurl-js';
import { expect } from 'vitest';
import type { Component, InputIssue, Inventory } from '../../src/model.js';
import { MAX_STRING } from '../../src/ingest/limits.js';

// ---------------------------------------------------------------------------------------------
// The model

export interface GenComponent {
  /** Unique in the document; also a valid SPDXID (`SPDXRef-...`). */
  ref: string;
  name: string;
  version?: string;
  group?: string;
  description?: string;
  /** Canonical (packageurl-js normalised) package URL. */
  purl?: string;
  /** SPDX ids or expressions; at most two (SPDX 2 has a declared and a concluded licence). */
  licenses: string[];
  supplier?: string;
  author?: string;
  /** SHA-256 hex digests. */
  hashes: string[];
}

export interface GenDoc {
  components: GenComponent[];
  /** Dependency edges as indices into `components`: cycles and self-loops included. */
  deps: [number, number][];
}

/** Characters of generated text: ASCII, punctuation, markup characters, and a few scripts and an emoji. */
const CHARS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...' .-_+/:@#!$%^*=~,;\'&"[]{}|?`',
  'é', 'ß', 'ü', 'Ω', '中', '文', 'ж', '😀', 'ñ',
];
const unit = fc.constantFrom(...CHARS);

/**
 * Text as a field value: trimmed, non-empty, no line breaks, and not one of SPDX's "no
 * information" markers. Parentheses and angle brackets are left out of names (an actor's
 * trailing `(...)` or `<...>` is its e-mail) by `nameText`.
 */
export const fieldText = fc
  .string({ unit, minLength: 1, maxLength: 24 })
  .map((s) => s.trim())
  .filter((s) => s !== '' && s !== 'NOASSERTION' && s !== 'NONE' && !s.startsWith('<text>'));

export const nameText = fieldText;

const token = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,11}$/);
const version = fc.stringMatching(/^[0-9]{1,3}(\.[0-9]{1,3}){0,2}(-[a-z0-9]{1,5})?$/);
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const license = fc.constantFrom('MIT', 'Apache-2.0', 'BSD-3-Clause', 'GPL-2.0-only', 'ISC', 'MIT OR Apache-2.0', '(MIT AND BSD-2-Clause)', 'LicenseRef-acme');

const purl = fc
  .record({
    type: fc.constantFrom('npm', 'generic', 'maven', 'cargo'),
    ns: fc.option(fc.stringMatching(/^[a-z][a-z0-9]{0,6}(\.[a-z][a-z0-9]{0,6}){0,2}$/), { nil: undefined }),
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/),
    version: fc.option(version, { nil: undefined }),
  })
  .map(({ type, ns, name, version: v }) => {
    const namespace = type === 'maven' ? (ns ?? 'org.example') : type === 'generic' ? ns : undefined;
    return new PackageURL(type, namespace, name, v, undefined, undefined).toString();
  });

const genComponent = (i: number): fc.Arbitrary<GenComponent> =>
  fc
    .record(
      {
        ref: token,
        name: nameText,
        version,
        group: fieldText,
        description: fieldText,
        purl,
        licenses: fc.uniqueArray(license, { maxLength: 2 }),
        supplier: nameText,
        author: nameText,
        hashes: fc.uniqueArray(hex64, { maxLength: 2 }),
      },
      { requiredKeys: ['ref', 'name', 'licenses', 'hashes'] },
    )
    // The index makes refs unique; the random part keeps them varied.
    .map((c) => ({ ...c, ref: `SPDXRef-${i}-${c.ref}` }));

/** A document of up to `max` components and a random dependency graph among them. */
export function genDoc(max = 6): fc.Arbitrary<GenDoc> {
  return fc.integer({ min: 0, max }).chain((n) =>
    fc.record({
      components: fc.tuple(...Array.from({ length: n }, (_, i) => genComponent(i))),
      deps:
        n === 0
          ? fc.constant([] as [number, number][])
          : fc.uniqueArray(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * 2, selector: ([a, b]) => `${a}>${b}` }),
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// What a reader should give back

/** The fields of a component the round trips compare. */
export interface Canon {
  ref: string;
  name: string;
  version?: string | undefined;
  group?: string | undefined;
  description?: string | undefined;
  purl?: string | undefined;
  licenses: string[];
  hashes: string[];
  parties: string[];
}

/** What `fields` of a read component are compared: absent fields stay absent. */
export function canon(c: Component, fields: readonly (keyof Canon)[] = ['ref', 'name', 'version', 'group', 'description', 'purl', 'licenses', 'hashes', 'parties']): Partial<Canon> {
  const all: Canon = {
    ref: c.ref,
    name: c.name,
    version: c.version,
    group: c.group,
    description: c.description,
    purl: c.purl,
    licenses: c.licenses.map((l) => l.value),
    hashes: c.hashes.map((h) => `${h.alg}:${h.value}`),
    parties: c.parties.map((p) => `${p.role}:${p.name ?? ''}`),
  };
  return Object.fromEntries(fields.map((f) => [f, all[f]]));
}

/** The expected reading of a generated component, with the roles its format gives supplier and author. */
export function expected(
  g: GenComponent,
  fields: readonly (keyof Canon)[],
  roles: { supplier: string; author: string } = { supplier: 'supplier', author: 'author' },
): Partial<Canon> {
  const parties: string[] = [];
  if (g.supplier !== undefined) parties.push(`${roles.supplier}:${g.supplier}`);
  if (g.author !== undefined) parties.push(`${roles.author}:${g.author}`);
  const all: Canon = {
    ref: g.ref,
    name: g.name,
    version: g.version,
    group: g.group,
    description: g.description,
    purl: g.purl,
    licenses: g.licenses,
    hashes: g.hashes.map((h) => `SHA-256:${h}`),
    parties,
  };
  return Object.fromEntries(fields.map((f) => [f, all[f]]));
}

/** The dependency edges of an inventory, as `fromRef>toRef` (kind `depends-on` only), sorted. */
export function edgesOf(inv: Inventory): string[] {
  const refOf = new Map(inv.components.map((c) => [c.id, c.ref]));
  return inv.dependencies
    .filter((e) => e.kind === 'depends-on')
    .map((e) => `${refOf.get(e.from) ?? e.from}>${refOf.get(e.to) ?? e.to}`)
    .sort();
}

/** The generated edges as `fromRef>toRef`, sorted. */
export function genEdges(doc: GenDoc): string[] {
  return doc.deps.map(([a, b]) => `${doc.components[a]!.ref}>${doc.components[b]!.ref}`).sort();
}

// ---------------------------------------------------------------------------------------------
// Writers of the model, one per input format

/** CycloneDX 1.6 JSON as an object (a single id is a licence id, anything else an expression). */
export function cdxJson(doc: GenDoc, specVersion = '1.6'): Record<string, unknown> {
  const deps = new Map<number, number[]>();
  for (const [a, b] of doc.deps) deps.set(a, [...(deps.get(a) ?? []), b]);
  return {
    bomFormat: 'CycloneDX',
    specVersion,
    version: 1,
    components: doc.components.map((c) => {
      const o: Record<string, unknown> = { type: 'library', 'bom-ref': c.ref, name: c.name };
      if (c.supplier !== undefined) o.supplier = { name: c.supplier };
      if (c.author !== undefined) o.author = c.author;
      if (c.group !== undefined) o.group = c.group;
      if (c.version !== undefined) o.version = c.version;
      if (c.description !== undefined) o.description = c.description;
      if (c.hashes.length > 0) o.hashes = c.hashes.map((h) => ({ alg: 'SHA-256', content: h }));
      if (c.licenses.length > 0) o.licenses = c.licenses.map((l) => (/^[\w.-]+$/.test(l) ? { license: { id: l } } : { expression: l }));
      if (c.purl !== undefined) o.purl = c.purl;
      return o;
    }),
    dependencies: [...deps].map(([a, bs]) => ({ ref: doc.components[a]!.ref, dependsOn: bs.map((b) => doc.components[b]!.ref) })),
  };
}

/** Escapes text for XML character data and attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** CycloneDX 1.6 XML. */
export function cdxXml(doc: GenDoc, minor = 6): string {
  const e = xmlEscape;
  const el = (name: string, v: string | undefined) => (v === undefined ? '' : `<${name}>${e(v)}</${name}>`);
  const out: string[] = [`<?xml version="1.0" encoding="UTF-8"?>`, `<bom xmlns="http://cyclonedx.org/schema/bom/1.${minor}" version="1">`, '<components>'];
  for (const c of doc.components) {
    out.push(`<component type="library" bom-ref="${e(c.ref)}">`);
    if (c.supplier !== undefined) out.push(`<supplier>${el('name', c.supplier)}</supplier>`);
    out.push(el('author', c.author), el('group', c.group), el('name', c.name), el('version', c.version), el('description', c.description));
    if (c.hashes.length > 0) out.push(`<hashes>${c.hashes.map((h) => `<hash alg="SHA-256">${h}</hash>`).join('')}</hashes>`);
    if (c.licenses.length > 0) {
      out.push(`<licenses>${c.licenses.map((l) => (/^[\w.-]+$/.test(l) ? `<license><id>${e(l)}</id></license>` : `<expression>${e(l)}</expression>`)).join('')}</licenses>`);
    }
    out.push(el('purl', c.purl), '</component>');
  }
  out.push('</components>', '<dependencies>');
  const deps = new Map<number, number[]>();
  for (const [a, b] of doc.deps) deps.set(a, [...(deps.get(a) ?? []), b]);
  for (const [a, bs] of deps) {
    out.push(`<dependency ref="${e(doc.components[a]!.ref)}">${bs.map((b) => `<dependency ref="${e(doc.components[b]!.ref)}"/>`).join('')}</dependency>`);
  }
  out.push('</dependencies>', '</bom>');
  return out.join('\n');
}

/** SPDX 2.3 JSON as an object: supplier an Organization, author the originator (a Person). */
export function spdxJson(doc: GenDoc): Record<string, unknown> {
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: 'fuzz',
    documentNamespace: 'https://example.com/fuzz',
    creationInfo: { created: '2026-01-01T00:00:00Z', creators: ['Tool: fuzz'] },
    packages: doc.components.map((c) => {
      const p: Record<string, unknown> = { SPDXID: c.ref, name: c.name, downloadLocation: 'NOASSERTION' };
      if (c.version !== undefined) p.versionInfo = c.version;
      if (c.description !== undefined) p.description = c.description;
      if (c.supplier !== undefined) p.supplier = `Organization: ${c.supplier}`;
      if (c.author !== undefined) p.originator = `Person: ${c.author}`;
      if (c.licenses[0] !== undefined) p.licenseDeclared = c.licenses[0];
      if (c.licenses[1] !== undefined) p.licenseConcluded = c.licenses[1];
      if (c.hashes.length > 0) p.checksums = c.hashes.map((h) => ({ algorithm: 'SHA256', checksumValue: h }));
      if (c.purl !== undefined) p.externalRefs = [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: c.purl }];
      return p;
    }),
    relationships: doc.deps.map(([a, b]) => ({ spdxElementId: doc.components[a]!.ref, relationshipType: 'DEPENDS_ON', relatedSpdxElement: doc.components[b]!.ref })),
  };
}

/** SPDX 2.3 tag-value. */
export function spdxTagValue(doc: GenDoc): string {
  const out = ['SPDXVersion: SPDX-2.3', 'DataLicense: CC0-1.0', 'SPDXID: SPDXRef-DOCUMENT', 'DocumentName: fuzz', 'DocumentNamespace: https://example.com/fuzz', 'Creator: Tool: fuzz', ''];
  for (const c of doc.components) {
    out.push(`PackageName: ${c.name}`, `SPDXID: ${c.ref}`);
    if (c.version !== undefined) out.push(`PackageVersion: ${c.version}`);
    if (c.supplier !== undefined) out.push(`PackageSupplier: Organization: ${c.supplier}`);
    if (c.author !== undefined) out.push(`PackageOriginator: Person: ${c.author}`);
    out.push('PackageDownloadLocation: NOASSERTION');
    for (const h of c.hashes) out.push(`PackageChecksum: SHA256: ${h}`);
    if (c.licenses[0] !== undefined) out.push(`PackageLicenseDeclared: ${c.licenses[0]}`);
    if (c.licenses[1] !== undefined) out.push(`PackageLicenseConcluded: ${c.licenses[1]}`);
    // A multi-line <text> value, as real files write descriptions.
    if (c.description !== undefined) out.push(`PackageDescription: <text>${c.description}</text>`);
    if (c.purl !== undefined) out.push(`ExternalRef: PACKAGE-MANAGER purl ${c.purl}`);
    out.push('');
  }
  for (const [a, b] of doc.deps) out.push(`Relationship: ${doc.components[a]!.ref} DEPENDS_ON ${doc.components[b]!.ref}`);
  return `${out.join('\n')}\n`;
}

/** SPDX 3.0.1 JSON-LD as an object: suppliers and authors are Organization and Person elements. */
export function spdx3(doc: GenDoc): Record<string, unknown> {
  const graph: Record<string, unknown>[] = [
    { type: 'CreationInfo', '@id': '_:creationinfo', specVersion: '3.0.1', created: '2026-01-01T00:00:00Z', createdBy: ['urn:fuzz:tool'] },
    { type: 'SpdxDocument', spdxId: 'urn:fuzz:doc', creationInfo: '_:creationinfo', rootElement: doc.components.slice(0, 1).map((c) => `urn:fuzz:${c.ref}`) },
  ];
  let rel = 0;
  doc.components.forEach((c, i) => {
    const id = `urn:fuzz:${c.ref}`;
    const p: Record<string, unknown> = { type: 'software_Package', spdxId: id, creationInfo: '_:creationinfo', name: c.name };
    if (c.version !== undefined) p.software_packageVersion = c.version;
    if (c.description !== undefined) p.description = c.description;
    if (c.purl !== undefined) p.software_packageUrl = c.purl;
    if (c.hashes.length > 0) p.verifiedUsing = c.hashes.map((h) => ({ type: 'Hash', algorithm: 'sha256', hashValue: h }));
    if (c.supplier !== undefined) {
      graph.push({ type: 'Organization', spdxId: `urn:fuzz:supplier:${i}`, creationInfo: '_:creationinfo', name: c.supplier });
      p.suppliedBy = `urn:fuzz:supplier:${i}`;
    }
    if (c.author !== undefined) {
      graph.push({ type: 'Person', spdxId: `urn:fuzz:author:${i}`, creationInfo: '_:creationinfo', name: c.author });
      p.originatedBy = [`urn:fuzz:author:${i}`];
    }
    graph.push(p);
    c.licenses.forEach((l, j) => {
      graph.push({ type: 'simplelicensing_LicenseExpression', spdxId: `urn:fuzz:lic:${i}:${j}`, creationInfo: '_:creationinfo', simplelicensing_licenseExpression: l });
      graph.push({ type: 'Relationship', spdxId: `urn:fuzz:rel:${rel++}`, creationInfo: '_:creationinfo', from: id, relationshipType: j === 0 ? 'hasDeclaredLicense' : 'hasConcludedLicense', to: [`urn:fuzz:lic:${i}:${j}`] });
    });
  });
  for (const [a, b] of doc.deps) {
    graph.push({ type: 'Relationship', spdxId: `urn:fuzz:rel:${rel++}`, creationInfo: '_:creationinfo', from: `urn:fuzz:${doc.components[a]!.ref}`, relationshipType: 'dependsOn', to: [`urn:fuzz:${doc.components[b]!.ref}`] });
  }
  return { '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': graph };
}

/** One CSV field, always quoted (RFC 4180: a quote inside is doubled). */
export function csvField(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** An asset list: one row per component (manufacturer = supplier, model = name), with a column of its own. */
export function csv(doc: GenDoc, separator = ',', eol = '\n'): string {
  const rows = [['Manufacturer', 'Model', 'Version', 'Serial', 'Notes'].join(separator)];
  for (const c of doc.components) {
    rows.push([c.supplier ?? '', c.name, c.version ?? '', c.ref, c.description ?? ''].map(csvField).join(separator));
  }
  return rows.join(eol) + eol;
}

// ---------------------------------------------------------------------------------------------
// Checks of hostile cases

/** Whether an issue names its file and a place in it: line (and column), byte offset, JSON pointer or XML element with line. */
export function isLocated(issue: InputIssue, file: string): boolean {
  const l = issue.location;
  // An empty (or all white-space) file has no place to point at: the file is the location.
  if (issue.code === 'EMPTY_FILE') return l.file === file;
  return l.file === file && (l.line !== undefined || l.offset !== undefined || l.pointer !== undefined);
}

/**
 * The contract of every hostile case: the inventory either read the document or holds errors,
 * each located in the file; diagnostics are located too; and no string kept from the input is
 * longer than MAX_STRING.
 */
export function expectResultOrLocatedError(inv: Inventory, file: string): void {
  for (const e of inv.errors) {
    expect(isLocated(e, file), `unlocated error: ${JSON.stringify(e)}`).toBe(true);
    expect(typeof e.code).toBe('string');
  }
  for (const d of inv.diagnostics) expect(d.location.file, `diagnostic without its file: ${JSON.stringify(d)}`).toBe(file);
  for (const c of inv.components) {
    for (const s of [c.name, c.version, c.group, c.description, c.purl, c.cpe, ...c.licenses.map((l) => l.value), ...c.hashes.map((h) => h.value), ...c.parties.map((p) => p.name)]) {
      if (s !== undefined) expect(s.length).toBeLessThanOrEqual(MAX_STRING);
    }
  }
  // Every component id is unique, whatever the document repeated.
  expect(new Set(inv.components.map((c) => c.id)).size).toBe(inv.components.length);
}

/** Every path (as keys) to a value in a JSON tree, walked without recursion. */
export function jsonPaths(root: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: [unknown, (string | number)[]][] = [[root, []]];
  while (stack.length > 0) {
    const [v, p] = stack.pop()!;
    out.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, [...p, i]]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) stack.push([x, [...p, k]]);
  }
  return out;
}

/** A deep copy of a JSON tree with the value at `path` replaced (the root itself when the path is empty). */
export function replaceAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

/** Values of every JSON type, odd ones included: to put where a field expects another type. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, '', ' ', 'NOASSERTION', '__proto__', [], {}, [null], { __proto__: null }),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
);
