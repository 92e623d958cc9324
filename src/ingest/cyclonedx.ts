/**
 * CycloneDX, JSON and XML, spec 1.2 to 1.6; 1.7 and later minor versions read forward-compatibly
 * (unknown fields are ignored, known ones read), 1.0 and 1.1 (XML only) read best-effort with a
 * diagnostic.
 *
 * Spec: https://cyclonedx.org/docs/1.6/json/ , https://cyclonedx.org/docs/1.6/xml/
 * Fields are read by what is present, not by version branches: `author` (string, ≤1.5 and still
 * accepted), `authors` (1.6), component `manufacturer` (1.6), `metadata.manufacture` (≤1.5) and
 * `metadata.manufacturer` (1.6), `tools` as an array (≤1.4) or an object (1.5+).
 *
 * XML is first lifted into the JSON shape (./cyclonedx-xml.ts) with each element's line and path
 * attached, so both encodings go through the one normaliser below.
 */
import { hardwareFromProperties } from './hardware.js';
import { InputError } from '../errors.js';
import type {
  Component,
  ComponentFlag,
  DependencyEdge,
  ExternalReference,
  Hash,
  License,
  Location,
  Party,
  PartyKind,
  PartyRole,
  Property,
  Service,
  SourceDocument,
} from '../model.js';
import { componentType, newComponent, setPurl } from './component.js';
import { XML_LOCATION, xmlBomToJson } from './cyclonedx-xml.js';
import { parseJsonInput } from './json.js';
import {
  arr,
  countryCode,
  type Diagnostics,
  isObject,
  makeHash,
  makeLicense,
  text,
  urlHost,
} from './normalize.js';
import { type DocumentInput, type DocumentReader, type DocumentResult, type ReadContext, RefTable } from './types.js';
import { checkComponentCount, MAX_COMPONENT_DEPTH } from './limits.js';
import { parseXml } from './xml.js';

type Json = Record<string, unknown>;

/** Deepest nesting of components (and services) accepted (./limits.ts). */
export { MAX_COMPONENT_DEPTH };

/** Spec versions read without a diagnostic. */
const SUPPORTED_MINORS = { min: 2, max: 7 };

const XML_NS = /^http:\/\/cyclonedx\.org\/schema\/bom\/(\d+)\.(\d+)$/;

/**
 * Checks a spec version; 1.x outside the supported range is read with a diagnostic, any other
 * major version is refused.
 */
function checkVersion(version: string | undefined, loc: Location, diags: Diagnostics): string {
  const m = version === undefined ? null : /^(\d+)\.(\d+)$/.exec(version);
  if (!m || m[1] !== '1') {
    throw new InputError(
      'UNSUPPORTED_VERSION',
      version === undefined ? 'CycloneDX document without a specVersion' : `unsupported CycloneDX specVersion ${JSON.stringify(version)}`,
      loc,
      'specVersion "1.2" to "1.7"',
    );
  }
  const minor = Number(m[2]);
  if (minor < SUPPORTED_MINORS.min) {
    diags.add('SPEC_VERSION_OUTSIDE_RANGE', `CycloneDX ${version} is older than 1.2: read best-effort`, loc);
  } else if (minor > SUPPORTED_MINORS.max) {
    diags.add('SPEC_VERSION_OUTSIDE_RANGE', `CycloneDX ${version} is newer than 1.7: read forward-compatibly, fields unknown to 1.7 are ignored`, loc);
  }
  return version!;
}

/** Reads CycloneDX JSON. */
export const cyclonedxJsonReader: DocumentReader = {
  name: 'cyclonedx-json',
  format: 'cyclonedx',
  encoding: 'json',
  sniff: (head, tail) => /"bomFormat"\s*:\s*"CycloneDX"/.test(head) || /"bomFormat"\s*:\s*"CycloneDX"/.test(tail),
  read(input: DocumentInput, ctx: ReadContext): DocumentResult {
    const doc = parseJsonInput(input);
    if (!isObject(doc) || doc.bomFormat !== 'CycloneDX') {
      throw new InputError('UNKNOWN_FORMAT', 'not a CycloneDX document', { file: input.file, pointer: '/bomFormat' }, '"bomFormat": "CycloneDX"');
    }
    const version = checkVersion(text(doc.specVersion), { file: input.file, pointer: '/specVersion' }, ctx.diagnostics);
    return normalizeBom(doc, input.file, 'json', version, ctx);
  },
};

/** Reads CycloneDX XML. */
export const cyclonedxXmlReader: DocumentReader = {
  name: 'cyclonedx-xml',
  format: 'cyclonedx',
  encoding: 'xml',
  sniff: (head) => {
    const tag = rootTag(head);
    return tag !== undefined && /^<(?:[\w.-]+:)?bom[\s>/]/.test(tag) && /\sxmlns(?::[\w.-]+)?\s*=\s*["']http:\/\/cyclonedx\.org\/schema\/bom\//.test(tag);
  },
  read(input: DocumentInput, ctx: ReadContext): DocumentResult {
    const root = parseXml(input.text, input.file);
    const m = XML_NS.exec(root.uri);
    if (root.name !== 'bom' || !m) {
      const spdxRdf = root.name === 'RDF' && /spdx\.org/.test(Object.values(root.attrs).join(' ') + input.text.slice(0, 4096));
      throw new InputError(
        'UNKNOWN_FORMAT',
        spdxRdf
          ? 'SPDX RDF/XML, which wherefrom does not read (convert it to SPDX JSON or tag-value)'
          : `not a CycloneDX document: root element <${root.name}> in namespace ${JSON.stringify(root.uri)}`,
        { file: input.file, line: root.line, column: root.column },
        '<bom xmlns="http://cyclonedx.org/schema/bom/1.x">',
      );
    }
    const version = checkVersion(`${m[1]}.${m[2]}`, { file: input.file, line: root.line, column: root.column }, ctx.diagnostics);
    return normalizeBom(xmlBomToJson(root, input.file), input.file, 'xml', version, ctx);
  },
};

/**
 * The start tag of an XML document's root element (`<bom ...>`), found by skipping the prolog
 * (declaration, processing instructions, comments, DOCTYPE) by hand; undefined when the head has
 * none. Only that tag is matched against patterns, so a hostile head costs linear time.
 */
function rootTag(head: string): string | undefined {
  let i = 0;
  for (;;) {
    i = head.indexOf('<', i);
    if (i < 0) return undefined;
    const next = head[i + 1];
    if (next === '?' || next === '!') {
      const end = head.startsWith('<!--', i) ? head.indexOf('-->', i + 4) : head.indexOf('>', i + 2);
      if (end < 0) return undefined;
      i = end + 1;
      continue;
    }
    const end = head.indexOf('>', i);
    return end < 0 ? undefined : head.slice(i, end + 1);
  }
}

/** A structural error: the document is CycloneDX but a field has the wrong shape. */
function shapeError(loc: Location, what: string, expected: string): InputError {
  return new InputError('INVALID_DOCUMENT', what, loc, expected);
}

/** Normalises a CycloneDX document (parsed JSON, or XML lifted into the JSON shape). */
function normalizeBom(doc: Json, file: string, encoding: 'json' | 'xml', specVersion: string, ctx: ReadContext): DocumentResult {
  const diags = ctx.diagnostics;
  const refs = new RefTable(file, diags);
  const components: Component[] = [];
  const services: Service[] = [];
  const dependencies: DependencyEdge[] = [];

  /** The location of a node: its XML element if it came from XML, else its JSON pointer. */
  const loc = (node: unknown, pointer: string): Location => {
    if (encoding === 'xml' && isObject(node)) {
      const x = (node as { [XML_LOCATION]?: Location })[XML_LOCATION];
      if (x) return x;
    }
    return { file, pointer };
  };

  const list = (node: Json, key: string, pointer: string): unknown[] => {
    const v = node[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw shapeError(loc(node, `${pointer}/${key}`), `"${key}" is not an array`, 'an array');
    return v;
  };

  const party = (raw: unknown, role: PartyRole, where: Location): Party | undefined => {
    if (!isObject(raw)) return undefined;
    const l = encoding === 'xml' ? loc(raw, '') : where;
    const name = text(raw.name, l, diags);
    const urls = arr(raw.url)
      .map((u) => text(u))
      .filter((u): u is string => u !== undefined);
    let email: string | undefined;
    for (const c of arr(raw.contact)) if (isObject(c)) email ??= text(c.email);
    if (name === undefined && urls.length === 0 && email === undefined) return undefined;
    const p: Party = { role, kind: 'organization', urls, location: l };
    if (name !== undefined) p.name = name;
    if (email !== undefined) p.email = email;
    if (isObject(raw.address)) {
      const declared = text(raw.address.country);
      if (declared !== undefined) {
        p.declaredCountry = declared;
        const code = countryCode(declared);
        if (code) p.country = code;
        else diags.add('UNKNOWN_COUNTRY', `address country ${JSON.stringify(declared)} is not an ISO 3166-1 code or country name`, l);
      }
    }
    return p;
  };

  const contactParty = (raw: unknown, role: PartyRole, kind: PartyKind, where: Location): Party | undefined => {
    if (!isObject(raw)) return undefined;
    const l = encoding === 'xml' ? loc(raw, '') : where;
    const name = text(raw.name, l, diags);
    const email = text(raw.email);
    if (name === undefined && email === undefined) return undefined;
    const p: Party = { role, kind, urls: [], location: l };
    if (name !== undefined) p.name = name;
    if (email !== undefined) p.email = email;
    return p;
  };

  /** `author` and `publisher` are free text; "Name <email>" is split. */
  const textParty = (raw: unknown, role: PartyRole, l: Location): Party | undefined => {
    const s = text(raw, l, diags);
    if (s === undefined) return undefined;
    const p: Party = { role, kind: 'unspecified', urls: [], location: l };
    // A trailing `<address@host>` is split off by hand: a regular expression for it backtracks
    // quadratically on hostile input.
    const open = s.endsWith('>') ? s.lastIndexOf('<') : -1;
    const email = open >= 0 ? s.slice(open + 1, -1) : '';
    if (email.includes('@') && !/[\s<>]/.test(email)) {
      const name = s.slice(0, open).trim();
      if (name) p.name = name;
      p.email = email;
    } else p.name = s;
    return p;
  };

  /**
   * The parties of a component or service. Their location is the declaring element's (the role
   * says which field): one location object per component, not one per party, keeps big
   * documents cheap.
   */
  const parties = (node: Json, pointer: string, l: Location): Party[] => {
    const out: Party[] = [];
    const push = (p: Party | undefined) => {
      if (p) out.push(p);
    };
    push(party(node.supplier, 'supplier', l));
    push(party(node.manufacturer, 'manufacturer', l));
    push(party(node.provider, 'provider', l));
    for (const a of list(node, 'authors', pointer)) push(contactParty(a, 'author', 'person', l));
    push(textParty(node.author, 'author', l));
    push(textParty(node.publisher, 'publisher', l));
    return out;
  };

  const licenses = (node: Json, pointer: string): License[] => {
    const out: License[] = [];
    list(node, 'licenses', pointer).forEach((entry, i) => {
      if (!isObject(entry)) return;
      const l = loc(entry, `${pointer}/licenses/${i}`);
      const ack = acknowledgement(entry.acknowledgement);
      const expr = text(entry.expression, l, diags);
      if (expr !== undefined) {
        out.push(makeLicense('expression', expr, l, diags, ack));
        return;
      }
      if (!isObject(entry.license)) return;
      const lic = entry.license;
      const ack2 = acknowledgement(lic.acknowledgement) ?? ack;
      const id = text(lic.id, l, diags);
      const name = text(lic.name, l, diags);
      if (id !== undefined) out.push(makeLicense('id', id, l, diags, ack2));
      else if (name !== undefined) out.push(makeLicense('name', name, l, diags, ack2));
    });
    return out;
  };

  const common = (
    node: Json,
    pointer: string,
    l: Location,
  ): { externalReferences: ExternalReference[]; properties: Property[] } => {
    const externalReferences: ExternalReference[] = [];
    list(node, 'externalReferences', pointer).forEach((r) => {
      if (!isObject(r)) return;
      const url = text(r.url, l, diags);
      if (url === undefined) return;
      const ref: ExternalReference = { type: text(r.type) ?? 'other', url };
      const comment = text(r.comment, l, diags);
      if (comment !== undefined) ref.comment = comment;
      externalReferences.push(ref);
    });
    const properties: Property[] = [];
    list(node, 'properties', pointer).forEach((p) => {
      if (!isObject(p)) return;
      const name = text(p.name, l, diags);
      if (name === undefined) return;
      properties.push({ name, value: text(p.value, l, diags) ?? '' });
    });
    return { externalReferences, properties };
  };

  // Components and services read so far, held to MAX_COMPONENTS (./limits.ts).
  let count = 0;

  const component = (raw: unknown, pointer: string, depth: number, parent: string | undefined): Component => {
    if (!isObject(raw)) throw shapeError(loc(raw, pointer), 'a component is not an object', 'a component object');
    const l = loc(raw, pointer);
    if (depth > MAX_COMPONENT_DEPTH) {
      throw new InputError('TOO_DEEP', `components nested more than ${MAX_COMPONENT_DEPTH} deep`, l, `at most ${MAX_COMPONENT_DEPTH} levels of nested components`);
    }
    checkComponentCount(++count, l);
    let name = text(raw.name, l, diags);
    if (name === undefined) {
      diags.add('MISSING_FIELD', 'component without a name', l);
      name = '';
    }
    const version = text(raw.version, l, diags);
    const purlRaw = text(raw.purl, l, diags);
    const bomRef = text(raw['bom-ref'], l, diags);
    const ref = bomRef ?? purlRaw ?? (version === undefined ? name : `${name}@${version}`);
    const id = refs.register(ref, l, bomRef === undefined);
    const cpe = text(raw.cpe, l, diags);
    const hashes: Hash[] = [];
    for (const h of list(raw, 'hashes', pointer)) {
      if (!isObject(h)) continue;
      const alg = text(h.alg);
      const content = text(h.content, l, diags);
      if (alg !== undefined && content !== undefined) hashes.push(makeHash(alg, content));
    }
    const { externalReferences, properties } = common(raw, pointer, l);
    const c = newComponent(id, ref, name, componentType(text(raw.type), l, diags), l, ctx.sourceIndex, {
      cpes: cpe === undefined ? [] : [cpe],
      parties: parties(raw, pointer, l),
      licenses: licenses(raw, pointer),
      hashes,
      externalReferences,
      properties,
      flags: flagsFromProperties(properties),
    });
    const group = text(raw.group, l, diags);
    if (group !== undefined) c.group = group;
    if (version !== undefined) c.version = version;
    const description = text(raw.description, l, diags);
    if (description !== undefined) c.description = description;
    setPurl(c, purlRaw, l, diags);
    if (cpe !== undefined) c.cpe = cpe;
    const scope = text(raw.scope);
    if (scope === 'required' || scope === 'optional' || scope === 'excluded') c.scope = scope;
    const registry = registryOf(c);
    if (registry !== undefined) c.registry = registry;
    if (parent !== undefined) c.parent = parent;
    const hardware = hardwareFromProperties(c);
    if (hardware !== undefined) c.hardware = hardware;
    return c;
  };

  /**
   * Reads components and their nested components, depth first, in document order. Pedigree
   * (ancestors, descendants, variants) is history, not a part of the product, and is not read.
   */
  const walkComponents = (owner: Json, pointer: string, depth: number, parent: string | undefined, into: Component[]): void => {
    const items = list(owner, 'components', pointer);
    for (let i = 0; i < items.length; i++) {
      const raw = items[i];
      const p = `${pointer}/components/${i}`;
      const c = component(raw, p, depth, parent);
      into.push(c);
      walkComponents(raw as Json, p, depth + 1, c.id, into);
      // The parsed element is not needed again: let it be collected now, not at the end
      // (on a 100k-component document this halves what the collector has to trace).
      items[i] = null;
    }
  };

  const walkServices = (owner: Json, pointer: string, depth: number, parent: string | undefined): void => {
    list(owner, 'services', pointer).forEach((raw, i) => {
      const p = `${pointer}/services/${i}`;
      if (!isObject(raw)) throw shapeError(loc(raw, p), 'a service is not an object', 'a service object');
      const l = loc(raw, p);
      if (depth > MAX_COMPONENT_DEPTH) {
        throw new InputError('TOO_DEEP', `services nested more than ${MAX_COMPONENT_DEPTH} deep`, l, `at most ${MAX_COMPONENT_DEPTH} levels of nested services`);
      }
      checkComponentCount(++count, l);
      const name = text(raw.name, l, diags) ?? '';
      const version = text(raw.version, l, diags);
      const bomRef = text(raw['bom-ref'], l, diags);
      const ref = bomRef ?? (version === undefined ? name : `${name}@${version}`);
      const { externalReferences, properties } = common(raw, p, l);
      const s: Service = {
        id: refs.register(ref, l, bomRef === undefined),
        ref,
        name,
        endpoints: list(raw, 'endpoints', p)
          .map((e) => text(e, l, diags))
          .filter((e): e is string => e !== undefined),
        parties: parties(raw, p, l),
        licenses: licenses(raw, p),
        externalReferences,
        properties,
        location: l,
        source: ctx.sourceIndex,
      };
      const group = text(raw.group, l, diags);
      if (group !== undefined) s.group = group;
      if (version !== undefined) s.version = version;
      const description = text(raw.description, l, diags);
      if (description !== undefined) s.description = description;
      if (typeof raw.authenticated === 'boolean') s.authenticated = raw.authenticated;
      if (typeof raw['x-trust-boundary'] === 'boolean') s.crossesTrustBoundary = raw['x-trust-boundary'];
      if (parent !== undefined) s.parent = parent;
      services.push(s);
      walkServices(raw, p, depth + 1, s.id);
    });
  };

  // Metadata: the subject (what the BOM describes) and its supplier/manufacturer, the BOM's authors and tools.
  const source: SourceDocument = {
    file,
    format: 'cyclonedx',
    encoding,
    specVersion,
    tools: [],
    parties: [],
    componentCount: 0,
    serviceCount: 0,
  };
  const serial = text(doc.serialNumber);
  if (serial !== undefined) source.serialNumber = serial;
  const meta = isObject(doc.metadata) ? doc.metadata : undefined;
  if (doc.metadata !== undefined && doc.metadata !== null && !meta) {
    throw shapeError(loc(doc, '/metadata'), '"metadata" is not an object', 'an object');
  }
  if (meta) {
    source.tools = tools(meta.tools);
    list(meta, 'authors', '/metadata').forEach((a, i) => {
      const p = contactParty(a, 'author', 'person', { file, pointer: `/metadata/authors/${i}` });
      if (p) source.parties.push(p);
    });
    const docParties: Party[] = [];
    const push = (p: Party | undefined) => {
      if (p) docParties.push(p);
    };
    push(party(meta.supplier, 'supplier', { file, pointer: '/metadata/supplier' }));
    push(party(meta.manufacturer, 'manufacturer', { file, pointer: '/metadata/manufacturer' }));
    push(party(meta.manufacture, 'manufacturer', { file, pointer: '/metadata/manufacture' }));
    if (meta.component !== undefined) {
      const subject = component(meta.component, '/metadata/component', 0, undefined);
      // metadata.supplier and metadata.manufacturer describe the component the BOM describes.
      subject.parties.push(...docParties);
      source.subject = subject;
      const parts: Component[] = [];
      walkComponents(meta.component as Json, '/metadata/component', 1, subject.id, parts);
      if (parts.length > 0) source.subjectParts = parts;
    } else {
      source.parties.push(...docParties);
    }
  }

  walkComponents(doc, '', 0, undefined, components);
  walkServices(doc, '', 0, undefined);

  // The dependency graph. Refs resolve to components, services or the subject.
  const deps = list(doc, 'dependencies', '');
  deps.forEach((d, i) => {
    const p = `/dependencies/${i}`;
    deps[i] = null; // read once; let the collector have it
    if (!isObject(d)) return;
    const l = loc(d, p);
    const fromRef = text(d.ref);
    if (fromRef === undefined) return;
    const from = refs.resolve(fromRef);
    if (from === undefined) {
      diags.add('UNKNOWN_REFERENCE', `dependency of unknown bom-ref ${JSON.stringify(fromRef)}`, l);
      return;
    }
    for (const [key, kind] of [
      ['dependsOn', 'depends-on'],
      ['provides', 'other'],
    ] as const) {
      list(d, key, p).forEach((t, j) => {
        const toRef = text(t);
        if (toRef === undefined) return;
        const to = refs.resolve(toRef);
        // Edges share their entry's location; only a problem gets a pointer of its own.
        if (to === undefined) {
          const tl = encoding === 'json' ? { file, pointer: `${p}/${key}/${j}` } : l;
          diags.add('UNKNOWN_REFERENCE', `dependency on unknown bom-ref ${JSON.stringify(toRef)}`, tl);
        } else dependencies.push({ from, to, kind, location: l });
      });
    }
  });

  source.componentCount = components.length;
  source.serviceCount = services.length;
  return { source, components, services, dependencies };
}

/** `acknowledgement` of a licence (CycloneDX 1.6). */
function acknowledgement(v: unknown): License['acknowledgement'] {
  return v === 'declared' || v === 'concluded' ? v : undefined;
}

/** The tool names of `metadata.tools` (an array up to 1.4, an object of components/services from 1.5). */
function tools(raw: unknown): string[] {
  const entries: unknown[] = Array.isArray(raw)
    ? raw
    : isObject(raw)
      ? [...arr(raw.components), ...arr(raw.services)]
      : [];
  const out: string[] = [];
  for (const t of entries) {
    if (!isObject(t)) continue;
    const vendor = text(t.vendor) ?? text(t.group) ?? (isObject(t.manufacturer) ? text(t.manufacturer.name) : undefined);
    const s = [vendor, text(t.name), text(t.version)].filter((x) => x !== undefined).join(' ');
    if (s) out.push(s);
  }
  return out;
}

const NPM_FLAG_PROPERTIES: Record<string, ComponentFlag> = {
  'cdx:npm:package:development': 'dev',
  'cdx:npm:package:bundled': 'bundled',
  'cdx:npm:package:extraneous': 'extraneous',
};

/** Flags stated as CycloneDX taxonomy properties (cyclonedx-npm writes `cdx:npm:package:development`). */
function flagsFromProperties(properties: Property[]): ComponentFlag[] {
  const flags = new Set<ComponentFlag>();
  for (const p of properties) {
    if (p.value === 'true' && Object.hasOwn(NPM_FLAG_PROPERTIES, p.name)) flags.add(NPM_FLAG_PROPERTIES[p.name]!);
  }
  return [...flags].sort();
}

/** The registry a component came from: purl `repository_url`, or the host of its distribution reference. */
function registryOf(c: Component): string | undefined {
  const repo = c.purlParts?.qualifiers?.repository_url;
  if (repo !== undefined) return urlHost(repo) ?? urlHost(`https://${repo}`);
  const dist = c.externalReferences.find((r) => r.type === 'distribution');
  return dist ? urlHost(dist.url) : undefined;
}
