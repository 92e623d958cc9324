/**
 * CycloneDX output: the scanned bill of materials given back with what wherefrom found, as
 * CycloneDX properties in the `wherefrom:` namespace.
 *
 * Spec: https://cyclonedx.org/docs/1.6/json/ ; property taxonomy:
 * https://github.com/CycloneDX/cyclonedx-property-taxonomy (`wherefrom:` is our own namespace).
 *
 * Two ways:
 * - `renderCycloneDx` (a Renderer) writes a NEW CycloneDX 1.6 document from the inventory, whatever
 *   the inputs were (CycloneDX, SPDX, npm projects, several at once).
 * - `enrichCycloneDx` gives back the ORIGINAL CycloneDX JSON document of one source, deep-copied,
 *   with the properties added to each component (found by the JSON pointer the reader recorded).
 *
 * Per component: `wherefrom:org`, `wherefrom:org:name`, `wherefrom:controller`,
 * `wherefrom:controller:name`, `wherefrom:country` (ISO 3166-1 alpha-2 of the controller, or
 * `community`, or `unknown`), `wherefrom:confidence`, one `wherefrom:list` per restricted list,
 * `wherefrom:verdict`, one `wherefrom:finding` per finding (`CODE:policy`; a waived one is
 * `wherefrom:finding:waived`), and `wherefrom:added` naming each standard field wherefrom wrote.
 *
 * Standard fields: what the SBOM author wrote is never overwritten. Two things are only ever
 * added, and only where CycloneDX 1.6 has them (the new document, or an original already at 1.6
 * or later), because `address` and a component `manufacturer` do not exist before 1.6:
 * - `address.country` of a declared supplier or manufacturer that the attribution identified as
 *   the attributed organisation itself (its name is the evidence), when the author gave none: the
 *   organisation's OWN country from the dataset (never the controller's: a subsidiary's address
 *   is not its parent's country);
 * - a `manufacturer` `{name, address.country}` for the attributed organisation, when the
 *   component names no manufacturer, the attribution is of high confidence, the organisation's
 *   own country is known, and the deciding evidence is not a supplier, publisher, provider or
 *   author name (those name who distributed or packaged it, not who made it).
 * Everything else stays in properties. An original document keeps its specVersion: raising it
 * would claim conformance to a later version for content written for an earlier one.
 */
import { isHardwareProperty } from '../ingest/hardware.js';
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import { text } from '../ingest/normalize.js';
import type { Component, ComponentType, DependencyEdge, ExternalReference, Hash, License, Party, Property, Service } from '../model.js';
import type { Finding } from '../policy/types.js';
import type { RenderOptions, Renderer, ScanResult } from './index.js';
import { evidenceText, type ReportComponent } from './scan.js';

type Json = Record<string, unknown>;

/** The property namespace wherefrom writes (and replaces when enriching twice). */
const NS = 'wherefrom:';

/** A property an earlier enrichment wrote (replaced now); hardware ids under `wherefrom:` are input and kept. */
const isEnrichment = (name: string): boolean => name.startsWith(NS) && !isHardwareProperty(name);

/** Component types of CycloneDX 1.6; the model's `other` (a type the reader did not know) is not one. */
const TYPES_16 = new Set<ComponentType>([
  'application', 'framework', 'library', 'container', 'platform', 'operating-system', 'device',
  'device-driver', 'firmware', 'file', 'machine-learning-model', 'data', 'cryptographic-asset',
]);

/** External reference types of CycloneDX 1.6; any other is written as `other`. */
const REFERENCE_TYPES_16 = new Set([
  'vcs', 'issue-tracker', 'website', 'advisories', 'bom', 'mailing-list', 'social', 'chat', 'documentation',
  'support', 'source-distribution', 'distribution', 'distribution-intake', 'license', 'build-meta',
  'build-system', 'release-notes', 'security-contact', 'model-card', 'log', 'configuration', 'evidence',
  'formulation', 'attestation', 'threat-model', 'adversary-model', 'risk-assessment', 'vulnerability-assertion',
  'exploitability-statement', 'pentest-report', 'static-analysis-report', 'dynamic-analysis-report',
  'runtime-analysis-report', 'component-analysis-report', 'maturity-report', 'certification-report',
  'codified-infrastructure', 'quality-metrics', 'poam', 'electronic-signature', 'digital-signature', 'rfc-9116', 'other',
]);

/** Hash algorithms of CycloneDX 1.6 (the model's names are the same); others are left out. */
const HASH_ALGS = new Set(['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512', 'SHA3-256', 'SHA3-384', 'SHA3-512', 'BLAKE2b-256', 'BLAKE2b-384', 'BLAKE2b-512', 'BLAKE3']);
const HASH_CONTENT = /^(?:[a-fA-F0-9]{32}|[a-fA-F0-9]{40}|[a-fA-F0-9]{64}|[a-fA-F0-9]{96}|[a-fA-F0-9]{128})$/;

/** Evidence fields that name who distributed, published or packaged a component, not who made it. */
const NOT_MAKER = /^(?:supplier|publisher|provider|author)\./;

// ---------------------------------------------------------------------------------------------
// What wherefrom found, per component

/** The result's findings and report entries, indexed by component id. */
interface Index {
  report: Map<string, ReportComponent>;
  findings: Map<string, Finding[]>;
}

function indexResult(result: ScanResult): Index {
  const report = new Map<string, ReportComponent>();
  for (const rc of result.report.components) report.set(rc.ref, rc);
  const findings = new Map<string, Finding[]>();
  for (const f of result.report.findings) {
    if (!f.component) continue;
    const list = findings.get(f.component.ref);
    if (list) list.push(f);
    else findings.set(f.component.ref, [f]);
  }
  return { report, findings };
}

/** The `wherefrom:*` properties of one component (without `wherefrom:added`). */
function findingProperties(c: Component, idx: Index): Property[] {
  const out: Property[] = [];
  const rc = idx.report.get(c.id);
  const a = rc?.attribution ?? null;
  if (a) {
    out.push({ name: `${NS}org`, value: a.org.id }, { name: `${NS}org:name`, value: a.org.name });
    out.push({ name: `${NS}controller`, value: a.controller.id }, { name: `${NS}controller:name`, value: a.controller.name });
    out.push({ name: `${NS}country`, value: a.country ?? 'community' });
    out.push({ name: `${NS}confidence`, value: a.confidence });
    if (a.evidence[0]) out.push({ name: `${NS}evidence`, value: evidenceText(a.evidence[0]) });
    for (const id of new Set(a.lists.map((l) => l.id))) out.push({ name: `${NS}list`, value: id });
  } else {
    out.push({ name: `${NS}country`, value: 'unknown' });
  }
  if (rc?.verdict) out.push({ name: `${NS}verdict`, value: rc.verdict });
  const seen = new Set<string>();
  for (const f of idx.findings.get(c.id) ?? []) {
    const p = { name: f.waived ? `${NS}finding:waived` : `${NS}finding`, value: `${f.code}:${f.policy}` };
    const key = `${p.name}\n${p.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

/** A supplier or manufacturer entity as CycloneDX 1.6 writes it (name, url, contact, address). */
interface Entity {
  name?: string;
  url?: string[];
  contact?: { email: string }[];
  address?: { country: string };
}

/**
 * What CycloneDX 1.6 lets wherefrom add to a component's supplier and manufacturer (see the
 * module comment): the country of a declared entity that IS the attributed organisation, or a
 * manufacturer for it. Mutates the entities given; returns the names of the fields it added.
 */
function addOrigin(c: Component, idx: Index, supplier: Entity | undefined, manufacturer: Entity | undefined): { added: string[]; manufacturer?: Entity } {
  const a = idx.report.get(c.id)?.attribution;
  const country = a?.org.country;
  if (!a || !country) return { added: [] };
  const added: string[] = [];
  // A declared entity is the organisation when its name is evidence that resolved to it.
  const named = (role: 'supplier' | 'manufacturer', e: Entity | undefined) =>
    e?.name !== undefined && a.evidence.some((ev) => ev.field === `${role}.name` && ev.record === a.org.id && ev.value === e.name);
  for (const [role, e] of [['supplier', supplier], ['manufacturer', manufacturer]] as const) {
    if (e && named(role, e) && e.address?.country === undefined) {
      e.address = { ...e.address, country };
      added.push(`${role}.address.country`);
    }
  }
  if (manufacturer || a.confidence !== 'high' || NOT_MAKER.test(a.evidence[0]?.field ?? '')) return { added };
  added.push('manufacturer');
  return { added, manufacturer: { name: a.org.name, address: { country } } };
}

// ---------------------------------------------------------------------------------------------
// The new document

/** bom-refs unique across the document: the element's own reference when no other element shares it, else its id. */
function assignRefs(ids: { id: string; ref: string }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const e of ids) count.set(e.ref, (count.get(e.ref) ?? 0) + 1);
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const e of ids) {
    let r = e.ref !== '' && count.get(e.ref) === 1 ? e.ref : e.id;
    // An id can in theory equal another element's reference; a counter settles it.
    for (let n = 2; used.has(r); n++) r = `${e.id}~${n}`;
    used.add(r);
    out.set(e.id, r);
  }
  return out;
}

/** Whether a licence is one SPDX id the schema's enumeration can hold (not a LicenseRef, not a compound). */
function singleId(l: License): boolean {
  return l.kind !== 'name' && l.valid && l.ids.length === 1 && l.ids[0] === l.value && !/^(?:LicenseRef|DocumentRef)-/.test(l.value);
}

/**
 * A licence choice of CycloneDX 1.6: either a list of licences (SPDX id or name) or exactly one
 * SPDX expression. One valid expression is written as one; when there are several statements
 * (SPDX's declared and concluded, say) a compound expression among them becomes a named licence,
 * so no statement and no acknowledgement is lost.
 */
function licenseChoice(licenses: License[]): Json[] {
  const only = licenses.length === 1 ? licenses[0]! : undefined;
  if (only && only.kind !== 'name' && only.valid && !singleId(only)) {
    const e: Json = { expression: only.value };
    if (only.acknowledgement) e.acknowledgement = only.acknowledgement;
    return [e];
  }
  const out: Json[] = [];
  const seen = new Set<string>();
  for (const l of licenses) {
    const lic: Json = singleId(l) ? { id: l.value } : { name: l.value };
    if (l.acknowledgement) lic.acknowledgement = l.acknowledgement;
    const key = JSON.stringify(lic);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ license: lic });
  }
  return out;
}

function entity(p: Party): Entity {
  const e: Entity = {};
  if (p.name !== undefined) e.name = p.name;
  if (p.urls.length > 0) e.url = [...p.urls];
  if (p.email !== undefined) e.contact = [{ email: p.email }];
  const country = p.declaredCountry ?? p.country;
  if (country !== undefined) e.address = { country };
  return e;
}

function hashes(list: Hash[]): Json[] {
  return list.filter((h) => HASH_ALGS.has(h.alg) && HASH_CONTENT.test(h.value)).map((h) => ({ alg: h.alg, content: h.value }));
}

function references(list: ExternalReference[]): Json[] {
  return list.map((r) => {
    const type = REFERENCE_TYPES_16.has(r.type) ? r.type : 'other';
    const out: Json = { url: r.url, type };
    // A type 1.6 does not know is kept in the comment rather than dropped.
    const comment = type === r.type ? r.comment : [`type: ${r.type}`, r.comment].filter(Boolean).join('; ');
    if (comment) out.comment = comment;
    return out;
  });
}

/** The parties of a component as 1.6 fields: supplier, manufacturer (or an originator organisation), authors, publisher. */
function partyFields(parties: Party[]): { supplier?: Entity; manufacturer?: Entity; authors: Json[]; publisher?: string } {
  const supplier = parties.find((p) => p.role === 'supplier');
  const manufacturer =
    parties.find((p) => p.role === 'manufacturer') ?? parties.find((p) => p.role === 'originator' && p.kind === 'organization');
  const authors: Json[] = [];
  for (const p of parties) {
    const person = p.role === 'author' || (p.role === 'originator' && p !== manufacturer);
    if (!person || (p.name === undefined && p.email === undefined)) continue;
    const a: Json = {};
    if (p.name !== undefined) a.name = p.name;
    if (p.email !== undefined) a.email = p.email;
    authors.push(a);
  }
  const publisher = parties.find((p) => p.role === 'publisher' && p.name !== undefined)?.name;
  const out: { supplier?: Entity; manufacturer?: Entity; authors: Json[]; publisher?: string } = { authors };
  if (supplier) out.supplier = entity(supplier);
  if (manufacturer) out.manufacturer = entity(manufacturer);
  if (publisher !== undefined) out.publisher = publisher;
  return out;
}

/** A component of the new document; `idx` given for inventory components (what wherefrom found is added). */
function toComponent(c: Component, bomRef: string, idx: Index | undefined): Json {
  const parties = partyFields(c.parties);
  let added: string[] = [];
  if (idx) {
    const o = addOrigin(c, idx, parties.supplier, parties.manufacturer);
    added = o.added;
    if (o.manufacturer) parties.manufacturer = o.manufacturer;
  }
  const out: Json = { type: TYPES_16.has(c.type) ? c.type : 'library', 'bom-ref': bomRef };
  if (parties.supplier) out.supplier = parties.supplier;
  if (parties.manufacturer) out.manufacturer = parties.manufacturer;
  if (parties.authors.length > 0) out.authors = parties.authors;
  if (parties.publisher !== undefined) out.publisher = parties.publisher;
  if (c.group !== undefined) out.group = c.group;
  out.name = c.name;
  if (c.version !== undefined) out.version = c.version;
  if (c.description !== undefined) out.description = c.description;
  if (c.scope !== undefined) out.scope = c.scope;
  const h = hashes(c.hashes);
  if (h.length > 0) out.hashes = h;
  if (c.licenses.length > 0) out.licenses = licenseChoice(c.licenses);
  if (c.cpe !== undefined) out.cpe = c.cpe;
  if (c.purl !== undefined) out.purl = c.purl;
  if (c.externalReferences.length > 0) out.externalReferences = references(c.externalReferences);
  const props = c.properties.filter((p) => !isEnrichment(p.name)).map((p) => ({ name: p.name, value: p.value }));
  if (idx) {
    props.push(...findingProperties(c, idx));
    for (const f of added) props.push({ name: `${NS}added`, value: f });
  }
  if (props.length > 0) out.properties = props;
  return out;
}

function toService(s: Service, bomRef: string): Json {
  const out: Json = { 'bom-ref': bomRef };
  const provider = s.parties.find((p) => p.role === 'provider');
  if (provider) out.provider = entity(provider);
  if (s.group !== undefined) out.group = s.group;
  out.name = s.name;
  if (s.version !== undefined) out.version = s.version;
  if (s.description !== undefined) out.description = s.description;
  if (s.endpoints.length > 0) out.endpoints = [...s.endpoints];
  if (s.authenticated !== undefined) out.authenticated = s.authenticated;
  if (s.crossesTrustBoundary !== undefined) out['x-trust-boundary'] = s.crossesTrustBoundary;
  if (s.licenses.length > 0) out.licenses = licenseChoice(s.licenses);
  if (s.externalReferences.length > 0) out.externalReferences = references(s.externalReferences);
  if (s.properties.length > 0) out.properties = s.properties.map((p) => ({ name: p.name, value: p.value }));
  return out;
}

const DEPENDS = new Set<DependencyEdge['kind']>([
  'depends-on', 'dev-depends-on', 'optional-depends-on', 'peer-depends-on', 'build-depends-on', 'test-depends-on',
  'runtime-depends-on', 'provided-depends-on',
]);

/**
 * The dependency graph: every kind of "depends on" edge between elements the document holds
 * (containment and SPDX `describes` are not dependencies). Entries in the order their `from`
 * element appears, targets deduplicated, in edge order.
 */
function dependencies(edges: DependencyEdge[], refs: Map<string, string>): Json[] {
  const targets = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!DEPENDS.has(e.kind)) continue;
    const from = refs.get(e.from);
    const to = refs.get(e.to);
    if (from === undefined || to === undefined) continue;
    let set = targets.get(e.from);
    if (!set) targets.set(e.from, (set = new Set()));
    set.add(to);
  }
  const out: Json[] = [];
  for (const [id, ref] of refs) {
    const set = targets.get(id);
    if (set) out.push({ ref, dependsOn: [...set] });
  }
  return out;
}

/** An RFC 4122 name-based UUID (version 5 layout, SHA-1) of a text: same text, same serial number. */
function serialOf(body: string): string {
  const h = createHash('sha1').update(body).digest('hex').slice(0, 32).split('');
  h[12] = '5';
  h[16] = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `urn:uuid:${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function toolComponent(options: RenderOptions): Json {
  const t: Json = { type: 'application', name: 'wherefrom' };
  if (options.toolVersion !== undefined) t.version = options.toolVersion;
  return t;
}

/**
 * A new CycloneDX 1.6 JSON document of the scan: every component of the inventory (flat) with
 * its parties, licences, hashes, references and properties as read, plus the `wherefrom:*`
 * properties; the services; the first source's subject as `metadata.component` (with its own
 * parts nested under it); the "depends on" graph between the elements written. No timestamp: the
 * serial number is a name-based UUID of the content, so the same scan gives the same bytes.
 *
 * Subjects of sources after the first are not written (a document describes one component);
 * edges to them are left out with them.
 */
export const renderCycloneDx: Renderer = (result, options) => {
  const inv = result.inventory;
  const idx = indexResult(result);
  const subject = inv.sources[0]?.subject;
  const parts = subject ? (inv.sources[0]!.subjectParts ?? []) : [];
  const refs = assignRefs([...(subject ? [subject] : []), ...parts, ...inv.components, ...inv.services]);
  const metadata: Json = { tools: { components: [toolComponent(options)] } };
  if (subject) {
    const m = toComponent(subject, refs.get(subject.id)!, undefined);
    if (parts.length > 0) m.components = parts.map((p) => toComponent(p, refs.get(p.id)!, undefined));
    metadata.component = m;
  }
  metadata.properties = [{ name: `${NS}asOf`, value: result.report.asOf }];
  const body: Json = {
    metadata,
    components: inv.components.map((c) => toComponent(c, refs.get(c.id)!, idx)),
    services: inv.services.map((s) => toService(s, refs.get(s.id)!)),
    dependencies: dependencies(inv.dependencies, refs),
  };
  const doc = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: serialOf(JSON.stringify(body)),
    version: 1,
    ...body,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
};

// ---------------------------------------------------------------------------------------------
// The original document, enriched

/** The value at an RFC 6901 pointer, or undefined. */
function at(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let node = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = /^(?:0|[1-9]\d*)$/.test(key) ? node[Number(key)] : undefined;
    else if (node !== null && typeof node === 'object' && Object.hasOwn(node, key)) node = (node as Json)[key];
    else return undefined;
  }
  return node;
}

const isJson = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** An organizationalEntity of the original as the enrichment sees it (name and address only). */
function asEntity(v: unknown): Entity | undefined {
  if (!isJson(v)) return undefined;
  const e: Entity = {};
  const name = text(v.name);
  if (name !== undefined) e.name = name;
  if (isJson(v.address)) {
    const country = text(v.address.country);
    if (country !== undefined) e.address = { country };
  }
  return e;
}

/**
 * The original CycloneDX JSON document of source `sourceIndex`, deep-copied, with the
 * `wherefrom:*` properties added to each of its components that the scan read (found by the
 * JSON pointer the reader recorded for it); earlier `wherefrom:*` properties are replaced, every
 * other field is kept as written. wherefrom is added to `metadata.tools` and the BOM `version` is
 * incremented (CycloneDX: a modified BOM keeps its serial number and increments its version).
 * The specVersion is kept; address countries and manufacturers are added only to a document
 * already at 1.6 or later (see the module comment).
 *
 * @param doc the parsed original document, as read from `result.inventory.sources[sourceIndex].file`
 * @throws InputError when the source is not CycloneDX JSON, is older than 1.3 (which has no
 *   properties: render a new document with `renderCycloneDx` instead), or `doc` is not the
 *   document the scan read (a component is not where the reader found it).
 */
export function enrichCycloneDx(doc: unknown, result: ScanResult, sourceIndex: number, options: RenderOptions = {}): object {
  const source = result.inventory.sources[sourceIndex];
  const file = source?.file ?? '-';
  if (!source || source.format !== 'cyclonedx' || source.encoding !== 'json') {
    throw new InputError('UNKNOWN_FORMAT', 'only a CycloneDX JSON source can be enriched in place', { file }, 'a CycloneDX JSON document');
  }
  if (!isJson(doc) || doc.bomFormat !== 'CycloneDX') {
    throw new InputError('UNKNOWN_FORMAT', 'not a CycloneDX document', { file, pointer: '/bomFormat' }, '"bomFormat": "CycloneDX"');
  }
  const m = /^1\.(\d+)$/.exec(String(doc.specVersion ?? ''));
  const minor = m ? Number(m[1]) : -1;
  if (minor < 3) {
    throw new InputError('UNSUPPORTED_VERSION', `CycloneDX ${String(doc.specVersion)} has no properties to enrich`, { file, pointer: '/specVersion' }, 'specVersion "1.3" or later');
  }
  const out = structuredClone(doc);
  const idx = indexResult(result);
  for (const c of result.inventory.components) {
    if (c.source !== sourceIndex) continue;
    const pointer = c.location.pointer ?? '';
    const node = at(out, pointer);
    if (!isJson(node) || (text(node.name) ?? '') !== c.name) {
      throw new InputError('INVALID_DOCUMENT', `the document is not the one scanned: no component ${JSON.stringify(c.name)} here`, { file, pointer }, 'the document the scan read');
    }
    const props: Property[] = findingProperties(c, idx);
    if (minor >= 6) {
      const supplier = asEntity(node.supplier);
      const manufacturer = asEntity(node.manufacturer);
      const o = addOrigin(c, idx, supplier, manufacturer);
      for (const [role, e] of [['supplier', supplier], ['manufacturer', manufacturer]] as const) {
        const country = e?.address?.country;
        const orig = node[role];
        if (o.added.includes(`${role}.address.country`) && country !== undefined && isJson(orig)) {
          orig.address = { ...(isJson(orig.address) ? orig.address : {}), country };
        }
      }
      if (o.manufacturer) node.manufacturer = o.manufacturer;
      for (const f of o.added) props.push({ name: `${NS}added`, value: f });
    }
    const kept = Array.isArray(node.properties) ? node.properties.filter((p) => !(isJson(p) && typeof p.name === 'string' && isEnrichment(p.name))) : [];
    node.properties = [...kept, ...props];
  }
  addTool(out, minor, options);
  out.version = typeof out.version === 'number' && Number.isInteger(out.version) ? out.version + 1 : 2;
  return out;
}

/** Adds (or updates) wherefrom in `metadata.tools`, in the form the document already uses (1.5 brought the object form). */
function addTool(doc: Json, minor: number, options: RenderOptions): void {
  if (doc.metadata !== undefined && !isJson(doc.metadata)) return;
  const metadata: Json = isJson(doc.metadata) ? doc.metadata : (doc.metadata = {});
  if (metadata.tools === undefined) metadata.tools = minor >= 5 ? { components: [] } : [];
  const tools = metadata.tools;
  let list: unknown[];
  let entry: Json;
  if (Array.isArray(tools)) {
    list = tools;
    entry = { name: 'wherefrom' };
    if (options.toolVersion !== undefined) entry.version = options.toolVersion;
  } else if (isJson(tools)) {
    if (tools.components === undefined) tools.components = [];
    if (!Array.isArray(tools.components)) return;
    list = tools.components;
    entry = toolComponent(options);
  } else return;
  const i = list.findIndex((t) => isJson(t) && t.name === 'wherefrom');
  if (i >= 0) list[i] = entry;
  else list.push(entry);
}
