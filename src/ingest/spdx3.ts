/**
 * SPDX 3 reader: JSON-LD serialisation (3.0.x; other 3.x best effort).
 *
 * Spec: https://spdx.github.io/spdx-spec/v3.0.1/ (model: https://spdx.github.io/spdx-spec/v3.0.1/model/,
 * serialisation: https://spdx.github.io/spdx-spec/v3.0.1/serializations/).
 *
 * A document is a flat `@graph` of elements that point at each other by `spdxId` (or `@id` for
 * blank nodes such as CreationInfo). Package elements (software_Package, ai_AIPackage,
 * dataset_DatasetPackage) become components; agents become parties; licences and dependencies are
 * Relationship elements. Type names are compared by their local part (`software_Package`,
 * `software:Package` and `Package` are the same), since producers differ on prefixes.
 */
import { InputError } from '../errors.js';
import type { Component, EdgeKind, License, Location, Party, PartyKind, SourceDocument } from '../model.js';
import { newComponent, setPurl } from './component.js';
import { parseJsonInput } from './json.js';
import { checkComponentCount } from './limits.js';
import { arr, isNoAssertion, isObject, makeHash, makeLicense, text } from './normalize.js';
import { EdgeList, looksLikeUrl, purposeType } from './spdx2.js';
import { type DocumentReader, type DocumentResult, type ReadContext, RefTable } from './types.js';

type Json = Record<string, unknown>;

interface Element {
  el: Json;
  index: number;
  /** Local type name: `Package`, `AIPackage`, `Relationship`, `Organization`... */
  type: string;
}

const EXPECTED_VERSION = 'SPDX 3.0.x JSON-LD';

/** `software_Package`, `software:Package`, `https://spdx.org/rdf/3.0.1/terms/Software/Package` → `Package`. */
function localType(el: Json): string {
  const t = text(el.type) ?? text(el['@type']) ?? '';
  return t.replace(/^.*[_:/]/, '');
}

const PACKAGE_TYPES = new Set(['Package', 'AIPackage', 'DatasetPackage']);

const AGENT_KINDS = new Map<string, PartyKind>([
  ['Organization', 'organization'],
  ['Person', 'person'],
  ['SoftwareAgent', 'tool'],
  ['Tool', 'tool'],
  ['Agent', 'unspecified'],
]);

/** Dependency-like relationship types read as edges (others, and all between non-packages, are skipped). */
const EDGE_KINDS = new Map<string, EdgeKind>([
  ['dependsOn', 'depends-on'],
  ['hasOptionalDependency', 'optional-depends-on'],
  ['hasProvidedDependency', 'provided-depends-on'],
  ['contains', 'contains'],
  ['describes', 'describes'],
]);

/** LifecycleScopedRelationship `scope` of a dependsOn. */
const SCOPED_KINDS = new Map<string, EdgeKind>([
  ['development', 'dev-depends-on'],
  ['build', 'build-depends-on'],
  ['test', 'test-depends-on'],
  ['runtime', 'runtime-depends-on'],
]);

/** The spec version: from the `@context` URL (`https://spdx.org/rdf/3.0.1/...`), else from a CreationInfo. */
function findVersion(doc: Json, graph: unknown[]): string | undefined {
  const contexts = Array.isArray(doc['@context']) ? doc['@context'] : [doc['@context']];
  for (const c of contexts) {
    const m = typeof c === 'string' ? /spdx\.org\/rdf\/(\d[\w.-]*)\//.exec(c) : null;
    if (m) return m[1];
  }
  for (const e of graph) {
    if (isObject(e) && localType(e) === 'CreationInfo') {
      const v = text(e.specVersion);
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

function read(input: { file: string; text: string }, ctx: ReadContext): DocumentResult {
  const { file } = input;
  const diags = ctx.diagnostics;
  const at = (pointer: string): Location => ({ file, pointer });
  const doc = parseJsonInput(input);
  if (!isObject(doc)) {
    throw new InputError('INVALID_DOCUMENT', 'the document is not a JSON object', at(''), 'a JSON-LD object with "@context" and "@graph"');
  }
  const graphValue = doc['@graph'];
  if (!Array.isArray(graphValue)) {
    throw new InputError('INVALID_DOCUMENT', 'no "@graph" array', at('/@graph'), 'an "@graph" array of SPDX elements');
  }
  const graph: unknown[] = graphValue;

  const version = findVersion(doc, graph);
  if (version === undefined || !/^3(\.|$)/.test(version)) {
    const found = version === undefined ? 'no SPDX version' : `SPDX version ${JSON.stringify(version.slice(0, 100))}`;
    throw new InputError('UNSUPPORTED_VERSION', `${found} is not supported`, at('/@context'), EXPECTED_VERSION);
  }
  if (!/^3\.0(\.|$)/.test(version)) {
    diags.add('SPEC_VERSION_OUTSIDE_RANGE', `SPDX ${version} is outside the supported ${EXPECTED_VERSION}; read best effort`, at('/@context'));
  }

  // Index every element by its id. A Map, never a plain object: ids are input (`__proto__` included).
  const elements: Element[] = [];
  const byId = new Map<string, Element>();
  graph.forEach((el, index) => {
    if (!isObject(el)) throw new InputError('INVALID_DOCUMENT', `element ${index} is not an object`, at(`/@graph/${index}`), 'an SPDX element object');
    const e: Element = { el, index, type: localType(el) };
    elements.push(e);
    const id = text(el.spdxId) ?? text(el['@id']);
    if (id !== undefined && !byId.has(id)) byId.set(id, e);
  });

  const spdxDocument = elements.find((e) => e.type === 'SpdxDocument');
  const refs = new RefTable(file, diags);
  const docRef = spdxDocument === undefined ? undefined : text(spdxDocument.el.spdxId);
  const docId = docRef === undefined ? undefined : refs.register(docRef, at(`/@graph/${spdxDocument!.index}`));
  // Ids of other documents' elements (SpdxDocument `import`): pointing at them is not an error.
  const imported = new Set<string>();
  for (const m of arr(spdxDocument?.el.import)) {
    const id = isObject(m) ? text(m.externalSpdxId) : undefined;
    if (id !== undefined) imported.add(id);
  }

  /** The element a reference names; an unknown (and not imported) one is reported. */
  const lookup = (ref: unknown, loc: Location): Element | undefined => {
    if (isObject(ref)) return { el: ref, index: -1, type: localType(ref) }; // inline (blank node) element
    const id = text(ref);
    if (id === undefined) return undefined;
    const e = byId.get(id);
    if (e === undefined && !imported.has(id)) {
      diags.add('UNKNOWN_REFERENCE', `${JSON.stringify(id.slice(0, 200))} is not an element of this document`, loc);
    }
    return e;
  };

  /** A party from an agent reference (Organization, Person, SoftwareAgent/Tool, Agent). */
  const party = (ref: unknown, role: Party['role'], loc: Location): Party | undefined => {
    const agent = lookup(ref, loc);
    if (agent === undefined) return undefined;
    const kind = AGENT_KINDS.get(agent.type);
    if (kind === undefined) return undefined;
    const p: Party = { role, kind, urls: [], location: loc };
    const name = text(agent.el.name, loc, diags);
    if (name !== undefined) p.name = name;
    for (const x of arr(agent.el.externalIdentifier)) {
      if (isObject(x) && text(x.externalIdentifierType) === 'email' && p.email === undefined) {
        const email = text(x.identifier);
        if (email !== undefined) p.email = email;
      }
    }
    // A nameless agent whose id is a web address (the AI example's pypi.org/org/matplotlib/) is
    // still identified by that address.
    const id = text(agent.el.spdxId);
    if (p.name === undefined && p.email === undefined && id !== undefined && /^https?:\/\//.test(id)) p.urls.push(id);
    return p.name === undefined && p.email === undefined && p.urls.length === 0 ? undefined : p;
  };

  // Components, in graph order.
  const components: Component[] = [];
  const componentsById = new Map<string, Component>();
  for (const e of elements) {
    if (!PACKAGE_TYPES.has(e.type)) continue;
    const ptr = `/@graph/${e.index}`;
    const loc = at(ptr);
    checkComponentCount(components.length + 1, loc);
    const ref = text(e.el.spdxId);
    if (ref === undefined) throw new InputError('INVALID_DOCUMENT', `package element ${e.index} has no spdxId`, loc, 'a package with "spdxId"');
    const id = refs.register(ref, loc);
    const purpose = text(e.el.software_primaryPurpose);
    const type =
      e.type === 'AIPackage' ? 'machine-learning-model' : e.type === 'DatasetPackage' ? 'data' : purposeType(purpose, at(`${ptr}/software_primaryPurpose`), diags);
    let name = text(e.el.name, loc, diags);
    if (name === undefined) {
      diags.add('MISSING_FIELD', `package ${JSON.stringify(ref.slice(0, 200))} has no name; read under its spdxId`, loc);
      name = ref;
    }
    const c = newComponent(id, ref, name, type, loc, ctx.sourceIndex);
    if (type === 'other' && purpose !== undefined) c.properties.push({ name: 'spdx:primaryPurpose', value: purpose });
    const version = text(e.el.software_packageVersion, loc, diags);
    if (version !== undefined && !isNoAssertion(version)) c.version = version;
    const description = text(e.el.description, loc, diags) ?? text(e.el.summary, loc, diags);
    if (description !== undefined) c.description = description;
    setPurl(c, text(e.el.software_packageUrl, loc, diags), at(`${ptr}/software_packageUrl`), diags);

    arr(e.el.externalIdentifier).forEach((x, j) => {
      if (!isObject(x)) return;
      const type = text(x.externalIdentifierType);
      const value = text(x.identifier, loc, diags);
      if (type === undefined || value === undefined) return;
      if (type === 'packageUrl' && c.purl === undefined) setPurl(c, value, at(`${ptr}/externalIdentifier/${j}`), diags);
      else if (type === 'cpe23' || type === 'cpe22') {
        if (c.cpe === undefined) c.cpe = value;
        c.cpes.push(value);
      } else c.properties.push({ name: `spdx:externalIdentifier:${type}`, value });
    });

    const homePage = text(e.el.software_homePage, loc, diags);
    if (homePage !== undefined && !isNoAssertion(homePage)) c.externalReferences.push({ type: 'website', url: homePage });
    const download = text(e.el.software_downloadLocation, loc, diags);
    if (download !== undefined && !isNoAssertion(download)) c.externalReferences.push({ type: 'distribution', url: download });
    for (const x of arr(e.el.externalRef)) {
      if (!isObject(x)) continue;
      // SPDX 3 types are camelCase (`issueTracker`); kebab-case matches the CycloneDX names.
      const type = (text(x.externalRefType) ?? 'other').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
      for (const locator of arr(x.locator)) {
        const url = text(locator, loc, diags);
        if (url === undefined) continue;
        if (looksLikeUrl(url)) c.externalReferences.push({ type, url });
        else c.properties.push({ name: `spdx:externalRef:${type}`, value: url });
      }
    }
    for (const h of arr(e.el.verifiedUsing)) {
      if (!isObject(h) || localType(h) !== 'Hash') continue;
      const alg = text(h.algorithm);
      const value = text(h.hashValue);
      if (alg !== undefined && value !== undefined) c.hashes.push(makeHash(alg, value));
    }

    if (e.el.suppliedBy !== undefined) {
      const p = party(e.el.suppliedBy, 'supplier', at(`${ptr}/suppliedBy`));
      if (p) c.parties.push(p);
    }
    arr(e.el.originatedBy).forEach((ref, j) => {
      const p = party(ref, 'originator', at(`${ptr}/originatedBy/${j}`));
      if (p) c.parties.push(p);
    });
    components.push(c);
    if (!componentsById.has(ref)) componentsById.set(ref, c);
  }

  /** The licence a hasDeclaredLicense/hasConcludedLicense points at, if it says something. */
  const license = (ref: unknown, ack: 'declared' | 'concluded', loc: Location): License | undefined => {
    const id = text(ref);
    // Listed licences and the NoAssertion/None individuals are often named by IRI, not in the graph.
    const listed = id === undefined ? null : /^https?:\/\/spdx\.org\/licenses\/([^/#?]+)$/.exec(id);
    if (listed) return makeLicense('id', listed[1]!, loc, diags, ack);
    if (id !== undefined && /\/(NoAssertionLicense|NoneLicense)$/.test(id) && !byId.has(id)) return undefined;
    const target = lookup(ref, loc);
    if (target === undefined) return undefined;
    switch (target.type) {
      case 'LicenseExpression': {
        const value = text(target.el.simplelicensing_licenseExpression, loc, diags);
        return value === undefined || isNoAssertion(value) ? undefined : makeLicense('expression', value, loc, diags, ack);
      }
      case 'ListedLicense': {
        const value = text(target.el.name, loc, diags) ?? text(target.el.spdxId)?.replace(/^.*\//, '');
        return value === undefined ? undefined : makeLicense('id', value, loc, diags, ack);
      }
      case 'CustomLicense': {
        const value = text(target.el.name, loc, diags) ?? text(target.el.spdxId);
        return value === undefined ? undefined : makeLicense('name', value, loc, diags, ack);
      }
      default:
        // Compound licence sets (ConjunctiveLicenseSet, OrLaterOperator...) are not read.
        return undefined;
    }
  };

  // The document describes its root elements; a Bom/Sbom root stands for its own roots.
  const edges = new EdgeList();
  // Depth first, in document order, with a stack of its own: a chain of Boms each naming the next
  // as its root can be as long as the graph, far deeper than the call stack goes.
  const describe = (ref: unknown, loc: Location, seen: Set<Element>): void => {
    const stack: [unknown, Location][] = [[ref, loc]];
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      const [r, l] = item;
      const e = lookup(r, l);
      if (e === undefined || seen.has(e)) continue;
      seen.add(e);
      const target = componentsById.get(text(e.el.spdxId) ?? '');
      if (target !== undefined && docId !== undefined) edges.add(docId, target.id, 'describes', l);
      else if (e.type === 'Bom' || e.type === 'Sbom') {
        const roots = arr(e.el.rootElement);
        for (let j = roots.length - 1; j >= 0; j--) stack.push([roots[j], at(`/@graph/${e.index}/rootElement/${j}`)]);
      }
    }
  };

  for (const e of elements) {
    const ptr = `/@graph/${e.index}`;
    if (e === spdxDocument) {
      arr(e.el.rootElement).forEach((r, j) => describe(r, at(`${ptr}/rootElement/${j}`), new Set()));
      continue;
    }
    if (e.type !== 'Relationship' && e.type !== 'LifecycleScopedRelationship') continue;
    const relType = text(e.el.relationshipType);
    const fromRef = text(e.el.from);
    if (relType === undefined || fromRef === undefined) continue;
    const tos = Array.isArray(e.el.to) ? e.el.to : [e.el.to];

    if (relType === 'hasDeclaredLicense' || relType === 'hasConcludedLicense') {
      const c = componentsById.get(fromRef);
      if (c === undefined) continue; // licences of files and snippets are not read
      const ack = relType === 'hasDeclaredLicense' ? 'declared' : 'concluded';
      tos.forEach((to, j) => {
        const lic = license(to, ack, at(`${ptr}/to/${j}`));
        if (lic && !c.licenses.some((l) => l.value === lic.value && l.acknowledgement === ack)) c.licenses.push(lic);
      });
      continue;
    }

    let kind = EDGE_KINDS.get(relType);
    if (kind === undefined) continue;
    if (kind === 'depends-on') kind = SCOPED_KINDS.get(text(e.el.scope) ?? '') ?? kind;
    const fromElement = lookup(fromRef, at(`${ptr}/from`));
    const from =
      componentsById.get(fromRef)?.id ??
      (kind === 'describes' && (fromElement === spdxDocument || fromElement?.type === 'Bom' || fromElement?.type === 'Sbom') ? docId : undefined);
    if (from === undefined) continue;
    tos.forEach((to, j) => {
      const loc = at(`${ptr}/to/${j}`);
      const toRef = text(to);
      if (toRef === undefined) return;
      const target = componentsById.get(toRef);
      if (target !== undefined) edges.add(from, target.id, kind, loc);
      else lookup(toRef, loc); // only to report a dangling reference
    });
  }

  // Document-level: name, id, and its creation info's tools and organisations.
  const tools: string[] = [];
  const parties: Party[] = [];
  const creationRef = spdxDocument?.el.creationInfo;
  const creation = creationRef === undefined ? undefined : lookup(creationRef, at(`/@graph/${spdxDocument!.index}/creationInfo`));
  if (creation !== undefined) {
    const cptr = creation.index >= 0 ? `/@graph/${creation.index}` : `/@graph/${spdxDocument!.index}/creationInfo`;
    arr(creation.el.createdUsing).forEach((ref, j) => {
      const tool = lookup(ref, at(`${cptr}/createdUsing/${j}`));
      const name = tool === undefined ? undefined : text(tool.el.name);
      if (name !== undefined) tools.push(name);
    });
    arr(creation.el.createdBy).forEach((ref, j) => {
      const loc = at(`${cptr}/createdBy/${j}`);
      if (lookup(ref, loc)?.type !== 'Organization') return;
      const p = party(ref, 'author', loc);
      if (p) parties.push(p);
    });
  }
  const source: SourceDocument = {
    file,
    format: 'spdx',
    encoding: 'json-ld',
    specVersion: version,
    tools,
    parties,
    componentCount: components.length,
    serviceCount: 0,
  };
  if (docRef !== undefined) source.serialNumber = docRef;
  const name = spdxDocument === undefined ? undefined : text(spdxDocument.el.name);
  if (name !== undefined) source.name = name;
  return { source, components, services: [], dependencies: edges.edges };
}

export const spdx3Reader: DocumentReader = {
  name: 'spdx3-jsonld',
  format: 'spdx',
  encoding: 'json-ld',
  sniff: (head) => head.includes('spdx.org/rdf/3.'),
  read,
};
