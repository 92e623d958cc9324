/**
 * SPDX 2 readers: JSON and tag-value (2.2 and 2.3; 2.0 and 2.1 best effort).
 *
 * Spec: https://spdx.github.io/spdx-spec/v2.3/ (package fields: §7, relationships: §11,
 * tag-value format: Annex F (https://spdx.github.io/spdx-spec/v2.3/conformance/)).
 *
 * Both encodings are first turned into the same raw shape (packages, relationships, creators, each
 * value with its location), which one builder then normalises. Packages become components; files
 * and snippets do not (they are only remembered, so that relationships to them are skipped quietly).
 */
import { InputError } from '../errors.js';
import type {
  Component,
  ComponentType,
  DependencyEdge,
  EdgeKind,
  Location,
  Party,
  PartyKind,
  SourceDocument,
} from '../model.js';
import { componentType, newComponent, setPurl } from './component.js';
import { parseJsonInput } from './json.js';
import { checkComponentCount, MAX_STRING } from './limits.js';
import { type Diagnostics, arr, isNoAssertion, isObject, makeHash, makeLicense, pointerToken, text } from './normalize.js';
import { type DocumentInput, type DocumentReader, type DocumentResult, type ReadContext, RefTable } from './types.js';

// ---------------------------------------------------------------------------------------------
// Helpers shared with the SPDX 3 reader

/** SPDX 2 `primaryPackagePurpose` and SPDX 3 `software_primaryPurpose` values, kebab-cased, to component types. */
const PURPOSES = new Map<string, ComponentType>([
  ['application', 'application'],
  ['executable', 'application'],
  ['framework', 'framework'],
  ['library', 'library'],
  ['module', 'library'],
  ['container', 'container'],
  ['platform', 'platform'],
  ['operating-system', 'operating-system'],
  ['device', 'device'],
  ['device-driver', 'device-driver'],
  ['firmware', 'firmware'],
  ['file', 'file'],
  ['model', 'machine-learning-model'],
  ['data', 'data'],
]);

/** Purposes that are SPDX's own but have no CycloneDX counterpart: `other`, without a diagnostic. */
const OTHER_PURPOSES = new Set([
  'archive',
  'source',
  'install',
  'other',
  'bom',
  'configuration',
  'documentation',
  'evidence',
  'manifest',
  'patch',
  'requirement',
  'specification',
  'test',
  'disk-image',
  'filesystem-image',
]);

/**
 * The component type for an SPDX package purpose (`OPERATING-SYSTEM`, `operatingSystem`,
 * `DEVICE_DRIVER`...): `library` when none is given, `other` for SPDX-only purposes, and `other`
 * with a diagnostic for an unknown one.
 */
export function purposeType(raw: string | undefined, loc: Location, diags: Diagnostics): ComponentType {
  if (raw === undefined) return 'library';
  const key = raw
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/_/g, '-');
  const known = PURPOSES.get(key);
  if (known !== undefined) return known;
  if (OTHER_PURPOSES.has(key)) return 'other';
  return componentType(key, loc, diags);
}

/** Whether a locator is an absolute URL (`scheme://...`), worth an external reference. */
export function looksLikeUrl(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(s);
}

/** Appends an edge unless the same one (from, to, kind) is there already (SPDX often says things twice). */
export class EdgeList {
  readonly edges: DependencyEdge[] = [];
  private readonly seen = new Set<string>();
  add(from: string, to: string, kind: EdgeKind, location: Location): void {
    const key = `${from}\n${to}\n${kind}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.edges.push({ from, to, kind, location });
  }
}

// ---------------------------------------------------------------------------------------------
// Raw document: what both encodings give

interface Field {
  value: string;
  loc: Location;
}

interface RawExternalRef {
  category: string;
  type: string;
  locator: string;
  loc: Location;
}

interface RawPackage {
  loc: Location;
  ref?: Field;
  name?: Field;
  version?: Field;
  description?: Field;
  summary?: Field;
  supplier?: Field;
  originator?: Field;
  purpose?: Field;
  licenseDeclared?: Field;
  licenseConcluded?: Field;
  homepage?: Field;
  downloadLocation?: Field;
  sourceInfo?: Field;
  checksums: { alg: string; value: string }[];
  externalRefs: RawExternalRef[];
}

interface RawRelationship {
  from: string;
  type: string;
  to: string;
  loc: Location;
}

interface RawDocument {
  specVersion: string;
  /** The document's own SPDXID (`SPDXRef-DOCUMENT`). */
  docRef: string;
  docLoc: Location;
  name?: string;
  namespace?: string;
  creators: Field[];
  packages: RawPackage[];
  relationships: RawRelationship[];
  /** SPDXIDs of files and snippets: relationships to them are skipped without a diagnostic. */
  otherElements: Set<string>;
}

const EXPECTED_VERSION = 'SPDX-2.2 or SPDX-2.3';

/**
 * Checks an SPDX 2 version: 2.2 and 2.3 are read; other 2.x are read best effort with a
 * diagnostic; anything else (SPDX-1.2, SPDX-3.0, garbage) is refused.
 */
function checkVersion(raw: string, loc: Location, diags: Diagnostics): string {
  const m = /^SPDX-2\.(\d+)$/.exec(raw);
  if (!m) {
    throw new InputError('UNSUPPORTED_VERSION', `SPDX version ${JSON.stringify(clip(raw))} is not supported`, loc, EXPECTED_VERSION);
  }
  if (m[1] !== '2' && m[1] !== '3') {
    diags.add('SPEC_VERSION_OUTSIDE_RANGE', `${raw} is outside the supported ${EXPECTED_VERSION}; read best effort`, loc);
  }
  return raw;
}

function clip(s: string, n = 200): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

const ACTOR_KINDS = new Map<string, PartyKind>([
  ['person', 'person'],
  ['organization', 'organization'],
  ['tool', 'tool'],
]);

/**
 * Parses an SPDX actor: `Person: Name (email)`, `Organization: Name (email)`, `Tool: name`. Real
 * files also write `Name <email>` and bare names without a prefix (kind `unspecified` then).
 * A trailing parenthesis counts as the e-mail only when it is empty or holds an `@`, so that
 * `Organization: Foo (Germany)` keeps its name whole. NOASSERTION gives no party.
 */
export function parseActor(raw: string, role: Party['role'], loc: Location): Party | undefined {
  if (isNoAssertion(raw)) return undefined;
  let kind: PartyKind = 'unspecified';
  let rest = raw;
  const prefix = /^(person|organization|tool)\s*:\s*/i.exec(raw);
  if (prefix) {
    kind = ACTOR_KINDS.get(prefix[1]!.toLowerCase())!;
    rest = raw.slice(prefix[0].length);
  }
  if (isNoAssertion(rest.trim())) return undefined;
  let email: string | undefined;
  const mail = /(?:\(([^()]*)\)|<([^<>]*)>)\s*$/.exec(rest);
  if (mail) {
    const inner = (mail[1] ?? mail[2] ?? '').trim();
    if (inner === '' || inner.includes('@')) {
      if (inner !== '') email = inner;
      rest = rest.slice(0, mail.index);
    }
  }
  const name = rest.trim();
  if (name === '' && email === undefined) return undefined;
  const party: Party = { role, kind, urls: [], location: loc };
  if (name !== '') party.name = name;
  if (email !== undefined) party.email = email;
  return party;
}

/** Relationship types read as edges: [kind, whether the edge runs from the related element back]. */
const RELATIONSHIPS = new Map<string, [EdgeKind, boolean]>([
  ['DEPENDS_ON', ['depends-on', false]],
  ['DEPENDENCY_OF', ['depends-on', true]],
  ['DEV_DEPENDENCY_OF', ['dev-depends-on', true]],
  ['OPTIONAL_DEPENDENCY_OF', ['optional-depends-on', true]],
  ['BUILD_DEPENDENCY_OF', ['build-depends-on', true]],
  ['RUNTIME_DEPENDENCY_OF', ['runtime-depends-on', true]],
  ['TEST_DEPENDENCY_OF', ['test-depends-on', true]],
  ['PROVIDED_DEPENDENCY_OF', ['provided-depends-on', true]],
  ['CONTAINS', ['contains', false]],
  ['CONTAINED_BY', ['contains', true]],
  ['DESCRIBES', ['describes', false]],
  // trivy 0.x writes DESCRIBE (bom-shelter spdx-trivy-ubuntu_nginx).
  ['DESCRIBE', ['describes', false]],
  ['DESCRIBED_BY', ['describes', true]],
]);

function toComponent(p: RawPackage, refs: RefTable, ctx: ReadContext): Component {
  const diags = ctx.diagnostics;
  const ref = p.ref!.value;
  const id = refs.register(ref, p.loc);
  let name = text(p.name?.value, p.name?.loc, diags);
  if (name === undefined) {
    diags.add('MISSING_FIELD', `package ${JSON.stringify(clip(ref))} has no name; read under its SPDXID`, p.loc);
    name = ref;
  }
  const purpose = p.purpose === undefined ? undefined : text(p.purpose.value);
  const type = purposeType(purpose, p.purpose?.loc ?? p.loc, diags);
  const c = newComponent(id, ref, name, type, p.loc, ctx.sourceIndex);
  if (type === 'other' && purpose !== undefined) c.properties.push({ name: 'spdx:primaryPackagePurpose', value: purpose });

  const version = text(p.version?.value, p.version?.loc, diags);
  if (version !== undefined && !isNoAssertion(version)) c.version = version;
  const description = text(p.description?.value, p.description?.loc, diags) ?? text(p.summary?.value, p.summary?.loc, diags);
  if (description !== undefined) c.description = description;

  for (const [field, role] of [
    [p.supplier, 'supplier'],
    [p.originator, 'originator'],
  ] as const) {
    const value = text(field?.value, field?.loc, diags);
    const party = value === undefined ? undefined : parseActor(value, role, field!.loc);
    if (party) c.parties.push(party);
  }

  for (const [field, ack] of [
    [p.licenseDeclared, 'declared'],
    [p.licenseConcluded, 'concluded'],
  ] as const) {
    const value = text(field?.value, field?.loc, diags);
    if (value !== undefined && !isNoAssertion(value)) c.licenses.push(makeLicense('expression', value, field!.loc, diags, ack));
  }

  for (const h of p.checksums) c.hashes.push(makeHash(h.alg, h.value));

  const homepage = text(p.homepage?.value, p.homepage?.loc, diags);
  if (homepage !== undefined && !isNoAssertion(homepage)) c.externalReferences.push({ type: 'website', url: homepage });
  const download = text(p.downloadLocation?.value, p.downloadLocation?.loc, diags);
  if (download !== undefined && !isNoAssertion(download)) c.externalReferences.push({ type: 'distribution', url: download });
  // Where the package came from, in words: Trivy writes "built package from: openssl 3.0.5-2ubuntu2"
  // (a distribution package's source package, which attribution follows to its upstream).
  const sourceInfo = text(p.sourceInfo?.value, p.sourceInfo?.loc, diags);
  if (sourceInfo !== undefined) c.properties.push({ name: 'spdx:sourceInfo', value: sourceInfo });

  for (const x of p.externalRefs) {
    const category = x.category.replace(/_/g, '-');
    if (x.type === 'purl') {
      // The first purl that parses is the component's; further ones, and invalid ones, are kept as properties.
      const had = c.purl !== undefined;
      if (!had) setPurl(c, x.locator, x.loc, diags);
      if (had || c.purl === undefined) c.properties.push({ name: `spdx:externalRef:${category}:purl`, value: x.locator });
    } else if (x.type === 'cpe23Type' || x.type === 'cpe22Type') {
      if (c.cpe === undefined) c.cpe = x.locator;
      c.cpes.push(x.locator);
    } else if (looksLikeUrl(x.locator)) {
      c.externalReferences.push({ type: x.type, url: x.locator });
    } else {
      c.properties.push({ name: `spdx:externalRef:${category}:${x.type}`, value: x.locator });
    }
  }
  return c;
}

/** Normalises a raw document: components, edges between packages (and the document), the source. */
function build(raw: RawDocument, file: string, encoding: 'json' | 'tag-value', ctx: ReadContext): DocumentResult {
  const diags = ctx.diagnostics;
  const refs = new RefTable(file, diags);
  const docId = refs.register(raw.docRef, raw.docLoc);
  const components = raw.packages.map((p) => toComponent(p, refs, ctx));

  // Only packages and the document are registered, so an element that resolves is one of them.
  const resolve = (ref: string, loc: Location): string | undefined => {
    const id = refs.resolve(ref);
    if (id === undefined && !isNoAssertion(ref) && !ref.startsWith('DocumentRef-') && !raw.otherElements.has(ref)) {
      diags.add('UNKNOWN_REFERENCE', `relationship names ${JSON.stringify(clip(ref))}, which this document does not define`, loc);
    }
    return id;
  };
  const edges = new EdgeList();
  for (const r of raw.relationships) {
    const mapped = RELATIONSHIPS.get(r.type.toUpperCase());
    if (mapped === undefined) continue;
    const a = resolve(r.from, r.loc);
    const b = resolve(r.to, r.loc);
    if (a === undefined || b === undefined) continue;
    const [kind, reversed] = mapped;
    const [from, to] = reversed ? [b, a] : [a, b];
    // The document only ever describes (syft writes "SPDXRef-DOCUMENT DESCRIBES SPDXRef-DOCUMENT").
    if (to === docId || (from === docId && kind !== 'describes')) continue;
    edges.add(from, to, kind, r.loc);
  }

  const tools: string[] = [];
  const parties: Party[] = [];
  for (const creator of raw.creators) {
    const value = text(creator.value, creator.loc, diags);
    if (value === undefined) continue;
    const tool = /^tool\s*:\s*(.*)$/is.exec(value);
    if (tool) {
      if (tool[1] !== '') tools.push(tool[1]!);
    } else if (/^organization\s*:/i.test(value)) {
      const party = parseActor(value, 'author', creator.loc);
      if (party) parties.push(party);
    }
  }
  const source: SourceDocument = {
    file,
    format: 'spdx',
    encoding,
    specVersion: raw.specVersion,
    tools,
    parties,
    componentCount: components.length,
    serviceCount: 0,
  };
  if (raw.namespace !== undefined) source.serialNumber = raw.namespace;
  if (raw.name !== undefined) source.name = raw.name;
  return { source, components, services: [], dependencies: edges.edges };
}

// ---------------------------------------------------------------------------------------------
// JSON

/** An array member of a JSON object; absent gives []; anything else than an array is refused. */
function list(o: Record<string, unknown>, key: string, pointer: string, file: string, what: string): unknown[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    throw new InputError('INVALID_DOCUMENT', `"${key}" is not an array`, { file, pointer }, `an array of ${what}`);
  }
  return v;
}

function readJson(input: DocumentInput, ctx: ReadContext): RawDocument {
  const { file } = input;
  const at = (pointer: string): Location => ({ file, pointer });
  const doc = parseJsonInput(input);
  if (!isObject(doc)) {
    throw new InputError('INVALID_DOCUMENT', 'the document is not a JSON object', at(''), 'an SPDX document object with "spdxVersion"');
  }
  const version = text(doc.spdxVersion);
  if (version === undefined) {
    throw new InputError('INVALID_DOCUMENT', 'the document has no "spdxVersion"', at(''), `"spdxVersion": "SPDX-2.2" or "SPDX-2.3"`);
  }
  const raw: RawDocument = {
    specVersion: checkVersion(version, at('/spdxVersion'), ctx.diagnostics),
    docRef: text(doc.SPDXID) ?? 'SPDXRef-DOCUMENT',
    docLoc: at(''),
    creators: [],
    packages: [],
    relationships: [],
    otherElements: new Set(),
  };
  const name = text(doc.name, at('/name'), ctx.diagnostics);
  if (name !== undefined) raw.name = name;
  const namespace = text(doc.documentNamespace, at('/documentNamespace'), ctx.diagnostics);
  if (namespace !== undefined) raw.namespace = namespace;
  if (isObject(doc.creationInfo)) {
    arr(doc.creationInfo.creators).forEach((c, j) => {
      if (typeof c === 'string') raw.creators.push({ value: c, loc: at(`/creationInfo/creators/${j}`) });
    });
  }

  list(doc, 'packages', '/packages', file, 'package objects').forEach((p, i) => {
    const ptr = `/packages/${i}`;
    checkComponentCount(i + 1, at(ptr));
    if (!isObject(p)) throw new InputError('INVALID_DOCUMENT', `package ${i} is not an object`, at(ptr), 'a package object');
    const field = (key: string): Field | undefined => {
      const v = p[key];
      return typeof v === 'string' || typeof v === 'number' ? { value: String(v), loc: at(`${ptr}/${pointerToken(key)}`) } : undefined;
    };
    const ref = field('SPDXID');
    if (ref === undefined || text(ref.value) === undefined) {
      throw new InputError('INVALID_DOCUMENT', `package ${i} has no SPDXID`, at(ptr), 'a package with "SPDXID": "SPDXRef-..."');
    }
    ref.value = text(ref.value)!;
    const pkg: RawPackage = { loc: at(ptr), ref, checksums: [], externalRefs: [] };
    const fields: [keyof RawPackage, string][] = [
      ['name', 'name'],
      ['version', 'versionInfo'],
      ['description', 'description'],
      ['summary', 'summary'],
      ['supplier', 'supplier'],
      ['originator', 'originator'],
      ['purpose', 'primaryPackagePurpose'],
      ['licenseDeclared', 'licenseDeclared'],
      ['licenseConcluded', 'licenseConcluded'],
      ['homepage', 'homepage'],
      ['downloadLocation', 'downloadLocation'],
      ['sourceInfo', 'sourceInfo'],
    ];
    for (const [prop, key] of fields) {
      const f = field(key);
      if (f !== undefined) (pkg as unknown as Record<string, Field>)[prop] = f;
    }
    for (const h of arr(p.checksums)) {
      if (!isObject(h)) continue;
      const alg = text(h.algorithm);
      const value = text(h.checksumValue);
      if (alg !== undefined && value !== undefined) pkg.checksums.push({ alg, value });
    }
    arr(p.externalRefs).forEach((x, j) => {
      if (!isObject(x)) return;
      const category = text(x.referenceCategory) ?? 'OTHER';
      const type = text(x.referenceType);
      const locator = text(x.referenceLocator, at(`${ptr}/externalRefs/${j}`), ctx.diagnostics);
      if (type !== undefined && locator !== undefined) {
        pkg.externalRefs.push({ category, type, locator, loc: at(`${ptr}/externalRefs/${j}`) });
      }
    });
    raw.packages.push(pkg);
  });

  for (const key of ['files', 'snippets']) {
    for (const f of arr(doc[key])) {
      const ref = isObject(f) ? text(f.SPDXID) : undefined;
      if (ref !== undefined) raw.otherElements.add(ref);
    }
  }
  arr(doc.documentDescribes).forEach((to, j) => {
    const ref = text(to);
    if (ref !== undefined) raw.relationships.push({ from: raw.docRef, type: 'DESCRIBES', to: ref, loc: at(`/documentDescribes/${j}`) });
  });
  list(doc, 'relationships', '/relationships', file, 'relationship objects').forEach((r, i) => {
    const ptr = `/relationships/${i}`;
    if (!isObject(r)) throw new InputError('INVALID_DOCUMENT', `relationship ${i} is not an object`, at(ptr), 'a relationship object');
    const from = text(r.spdxElementId);
    const type = text(r.relationshipType);
    const to = text(r.relatedSpdxElement);
    if (from !== undefined && type !== undefined && to !== undefined) raw.relationships.push({ from, type, to, loc: at(ptr) });
  });
  return raw;
}

export const spdxJsonReader: DocumentReader = {
  name: 'spdx-json',
  format: 'spdx',
  encoding: 'json',
  sniff(head, tail) {
    const looks = (s: string) => s.includes('"spdxVersion"') || s.includes('"SPDXRef-DOCUMENT"');
    return (looks(head) || looks(tail)) && !head.includes('spdx.org/rdf/3');
  },
  read(input, ctx) {
    return build(readJson(input, ctx), input.file, 'json', ctx);
  },
};

// ---------------------------------------------------------------------------------------------
// Tag-value

const TAG = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Package tags that are plain fields of the raw package. */
const PACKAGE_FIELDS = new Map<string, keyof RawPackage>([
  ['PackageVersion', 'version'],
  ['PackageDescription', 'description'],
  ['PackageSummary', 'summary'],
  ['PackageSupplier', 'supplier'],
  ['PackageOriginator', 'originator'],
  ['PrimaryPackagePurpose', 'purpose'],
  ['PackageLicenseDeclared', 'licenseDeclared'],
  ['PackageLicenseConcluded', 'licenseConcluded'],
  ['PackageHomePage', 'homepage'],
  ['PackageDownloadLocation', 'downloadLocation'],
  ['PackageSourceInfo', 'sourceInfo'],
]);

/**
 * Reads tag-value text line by line: `Tag: value` (the space is optional: sigs.k8s.io/bom writes
 * `ExternalDocumentRef:DocumentRef-...`), `<text>...</text>` values over several lines, `#`
 * comments. A section starts at PackageName, FileName, SnippetSPDXID or LicenseID.
 */
function readTagValue(input: DocumentInput, ctx: ReadContext): RawDocument {
  const { file } = input;
  const lineAt = (line: number): Location => ({ file, line });
  const malformed = (line: number, message: string, expected: string) =>
    new InputError('MALFORMED_TAG_VALUE', message, lineAt(line), expected);

  const raw: RawDocument = {
    specVersion: '',
    docRef: 'SPDXRef-DOCUMENT',
    docLoc: lineAt(1),
    creators: [],
    packages: [],
    relationships: [],
    otherElements: new Set(),
  };
  let section: 'document' | 'package' | 'file' | 'snippet' | 'license' = 'document';
  let pkg: RawPackage | undefined;
  let docRefSeen = false;

  // Splitting on "\n" alone is much faster than on a regex; the trim below drops a "\r" of CRLF.
  const lines = input.text.includes('\n') ? input.text.split('\n') : input.text.split('\r');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    const tag = colon > 0 ? line.slice(0, colon) : '';
    if (!TAG.test(tag)) throw malformed(lineNo, `not a tag-value line: ${JSON.stringify(clip(line, 80))}`, 'a "Tag: value" line');
    let value = line.slice(colon + 1).trim();
    if (value.startsWith('<text>')) {
      const first = value.slice(6);
      const end = first.indexOf('</text>');
      if (end !== -1) value = first.slice(0, end);
      else {
        const parts = [first];
        let j = i + 1;
        for (; j < lines.length; j++) {
          const next = lines[j]!.replace(/\r$/, '');
          const e = next.indexOf('</text>');
          if (e !== -1) {
            parts.push(next.slice(0, e));
            break;
          }
          parts.push(next);
        }
        if (j === lines.length) throw malformed(lineNo, `<text> of ${tag} is never closed`, '"</text>" to close the value');
        value = parts.join('\n');
        i = j;
      }
    }
    // Tag-value values are cut here, once, for every tag (the JSON reader cuts field by field).
    if (value.length > MAX_STRING) {
      ctx.diagnostics.add('TRUNCATED_VALUE', `value of ${value.length} characters cut to ${MAX_STRING}`, lineAt(lineNo));
      value = value.slice(0, MAX_STRING);
    }
    switch (tag) {
      case 'SPDXVersion':
        if (raw.specVersion === '') raw.specVersion = checkVersion(value, lineAt(lineNo), ctx.diagnostics);
        continue;
      case 'PackageName': {
        section = 'package';
        const loc = lineAt(lineNo);
        checkComponentCount(raw.packages.length + 1, loc);
        pkg = { loc, name: { value, loc }, checksums: [], externalRefs: [] };
        raw.packages.push(pkg);
        continue;
      }
      case 'FileName':
        section = 'file';
        continue;
      case 'SnippetSPDXID':
        section = 'snippet';
        raw.otherElements.add(value);
        continue;
      case 'LicenseID':
        section = 'license';
        continue;
      case 'Relationship': {
        const m = /^(\S+)\s+(\S+)\s+(\S+)$/.exec(value);
        if (!m) throw malformed(lineNo, `bad relationship: ${JSON.stringify(clip(value, 80))}`, '"Relationship: SPDXRef-A TYPE SPDXRef-B"');
        raw.relationships.push({ from: m[1]!, type: m[2]!, to: m[3]!, loc: lineAt(lineNo) });
        continue;
      }
      case 'SPDXID':
        if (section === 'document' && !docRefSeen) {
          raw.docRef = value;
          raw.docLoc = lineAt(lineNo);
          docRefSeen = true;
        } else if (section === 'package' && pkg!.ref === undefined) pkg!.ref = { value, loc: lineAt(lineNo) };
        else if (section === 'file') raw.otherElements.add(value);
        continue;
    }

    if (section === 'document') {
      if (tag === 'DocumentName') raw.name = text(value, lineAt(lineNo), ctx.diagnostics);
      else if (tag === 'DocumentNamespace') raw.namespace = text(value, lineAt(lineNo), ctx.diagnostics);
      else if (tag === 'Creator') raw.creators.push({ value, loc: lineAt(lineNo) });
    } else if (section === 'package') {
      const p = pkg!;
      const prop = PACKAGE_FIELDS.get(tag);
      if (prop !== undefined) (p as unknown as Record<string, Field>)[prop] = { value, loc: lineAt(lineNo) };
      else if (tag === 'PackageChecksum') {
        const m = /^([A-Za-z0-9-]+)\s*:\s*(\S+)$/.exec(value);
        if (!m) throw malformed(lineNo, `bad checksum: ${JSON.stringify(clip(value, 80))}`, '"PackageChecksum: ALGORITHM: value"');
        p.checksums.push({ alg: m[1]!, value: m[2]! });
      } else if (tag === 'ExternalRef') {
        const m = /^(\S+)\s+(\S+)\s+(\S.*)$/.exec(value);
        if (!m) throw malformed(lineNo, `bad external reference: ${JSON.stringify(clip(value, 80))}`, '"ExternalRef: CATEGORY TYPE LOCATOR"');
        p.externalRefs.push({ category: m[1]!, type: m[2]!, locator: m[3]!, loc: lineAt(lineNo) });
      }
    }
  }

  if (raw.specVersion === '') {
    throw new InputError('INVALID_DOCUMENT', 'no SPDXVersion tag', lineAt(1), '"SPDXVersion: SPDX-2.2" or "SPDXVersion: SPDX-2.3"');
  }
  for (const p of raw.packages) {
    if (p.ref === undefined) throw new InputError('INVALID_DOCUMENT', 'package without an SPDXID', p.loc, 'an "SPDXID:" line after "PackageName:"');
  }
  return raw;
}

export const spdxTagValueReader: DocumentReader = {
  name: 'spdx-tag-value',
  format: 'spdx',
  encoding: 'tag-value',
  // `[ \t]`, not `\s`: under /m a `\s*` at each line start would run across lines (quadratic).
  sniff: (head) => /^[ \t]*SPDXVersion:[ \t]*SPDX-/m.test(head),
  read(input, ctx) {
    return build(readTagValue(input, ctx), input.file, 'tag-value', ctx);
  },
};
