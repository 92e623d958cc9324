/**
 * The compiled dataset: hash maps and segment-wise prefix maps over every identifier, so that
 * attribution looks each component up in time independent of the dataset's size, never by a
 * scan over the records.
 */
import { getDomain } from 'tldts';
import { DatasetError } from '../errors.js';
import { normalizeName } from './names.js';
import type { IdentifierKind, Organisation, Platform, RawDataset, RestrictedList } from './types.js';

/** Where an identifier came from: the record, and whether it is the user's overlay. */
export interface Hit {
  org: Organisation;
  /** The identifier as curated (e.g. the prefix that matched). */
  key: string;
  overlay: boolean;
}

/** A list membership in force for an organisation (directly or through a parent). */
export interface Membership {
  list: RestrictedList;
  entry: RestrictedList['entries'][number];
  /** The organisation the entry names (the component's organisation or one of its parents). */
  via: Organisation;
}

/** PyPI's name normalisation (PEP 503). */
export function pypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The registrable domain of a host or URL (public suffix list, private suffixes included). */
export function registrableDomain(hostOrUrl: string): string | undefined {
  return getDomain(hostOrUrl, { allowPrivateDomains: true }) ?? undefined;
}

type Table = Map<string, Hit>;

/** The identifier kinds matched whole, and how their keys are normalised. */
const EXACT: Partial<Record<IdentifierKind, (s: string) => string>> = {
  npmScopes: (s) => s.toLowerCase(),
  npmPackages: (s) => s.toLowerCase(),
  pypiNames: pypiName,
  cargoCrates: (s) => s.toLowerCase().replace(/_/g, '-'),
  gems: (s) => s.toLowerCase(),
  composerVendors: (s) => s.toLowerCase(),
  githubOrgs: (s) => s.toLowerCase(),
  gitlabGroups: (s) => s.toLowerCase(),
  cpeVendors: (s) => s.toLowerCase(),
  domains: (s) => s.toLowerCase(),
  pciVendors: (s) => s.toLowerCase(),
  usbVendors: (s) => s.toLowerCase(),
  cpuVendorIds: (s) => s.trim().toLowerCase(),
  armImplementers: (s) => s.toLowerCase(),
  osReleaseIds: (s) => s.toLowerCase(),
  debianSources: (s) => s.toLowerCase(),
  // Prefix kinds are stored whole and matched segment by segment (see `prefix`).
  mavenGroups: (s) => s.toLowerCase(),
  goModules: (s) => s.replace(/\/+$/, '').toLowerCase(),
  nugetPrefixes: (s) => s.toLowerCase().replace(/\.+$/, ''),
  ociNamespaces: (s) => s.replace(/\/+$/, '').toLowerCase(),
  pypiPrefixes: (s) => pypiName(s).replace(/-+$/, ''),
  cargoPrefixes: (s) => s.toLowerCase().replace(/_/g, '-').replace(/-+$/, ''),
};

/**
 * Normalised name keys of the built-in records, computed when the package is built
 * (scripts/build-data.mjs): per organisation the keys of its name and aliases, in order; per
 * platform the keys of its names. (Name normalisation is the costly part of loading; identifier
 * keys are only lower-cased, which is cheaper than shipping them.)
 */
export interface CompiledKeys {
  orgs: Record<string, string[]>;
  platforms: Record<string, string[]>;
}

/**
 * The lookup tables of the built-in data, compiled when the package is built, so that loading
 * them only fills hash maps (no normalisation, no claim resolution). Records are referred to by
 * their position in `organisations` / `platforms`; a name that several controllers claim has -1.
 */
export interface CompiledIndex {
  tables: Partial<Record<IdentifierKind, [key: string, org: number, value: string][]>>;
  names: [key: string, org: number, name: string][];
  platformNames: [key: string, platform: number][];
  platformDomains: [domain: string, platform: number][];
}

/** Every identifier kind the dataset indexes. */
export const IDENTIFIER_KINDS = Object.keys(EXACT) as IdentifierKind[];

/**
 * The dataset compiled into lookup tables: organisations, platforms, restricted lists, and their identifiers.
 */
export class Dataset {
  /** Computes the `CompiledKeys` of a raw dataset (done once, at build time). */
  static compileKeys(raw: RawDataset): CompiledKeys {
    const orgs: CompiledKeys['orgs'] = {};
    for (const o of raw.organisations) orgs[o.id] = [o.name, ...(o.aliases ?? [])].map(normalizeName);
    const platforms: CompiledKeys['platforms'] = {};
    for (const p of raw.platforms) platforms[p.id] = [p.name, ...(p.aliases ?? [])].map(normalizeName);
    return { orgs, platforms };
  }

  readonly organisations = new Map<string, Organisation>();
  readonly platforms: Platform[];
  readonly lists: RestrictedList[];
  private readonly tables = new Map<IdentifierKind, Table>();
  private readonly names = new Map<string, Hit | null>();
  private readonly platformNames = new Map<string, Platform>();
  private readonly platformDomains = new Map<string, Platform>();
  private readonly controllers = new Map<string, Organisation>();
  private readonly memberships = new Map<string, { list: RestrictedList; entry: RestrictedList['entries'][number] }[]>();
  /** Names that two organisations claim: not matched at all (ambiguous). */
  readonly ambiguousNames: string[] = [];

  /**
   * Compiles curated data, and overlays over it: an overlay's organisations replace built-in
   * ones with the same id, and its identifiers are looked up first.
   * @param keys the built-in records' normalised keys, when compiled at build time (overlays are
   *   always normalised here)
   * @param index the built-in data's compiled tables; used as they are when there is no overlay
   * @throws DatasetError when a parent or list entry names an organisation nobody defines, or parents form a cycle
   */
  constructor(base: RawDataset, overlays: RawDataset[] = [], keys?: CompiledKeys, index?: CompiledIndex) {
    for (const o of base.organisations) {
      if (this.organisations.has(o.id)) throw new DatasetError(`organisation id ${o.id} is defined twice`);
      this.organisations.set(o.id, o);
    }
    for (const ov of overlays) for (const o of ov.organisations) this.organisations.set(o.id, o);
    this.platforms = [...base.platforms, ...overlays.flatMap((o) => o.platforms)];
    this.lists = [...base.lists, ...overlays.flatMap((o) => o.lists)];
    if (index && overlays.length === 0) this.fill(base, index);
    else this.build(base, overlays, keys);
    for (const list of this.lists) {
      for (const entry of list.entries) {
        if (entry.org === undefined) continue;
        if (!this.organisations.has(entry.org)) {
          throw new DatasetError(`list ${list.id} names organisation ${entry.org}, which the dataset does not define`);
        }
        let m = this.memberships.get(entry.org);
        if (!m) this.memberships.set(entry.org, (m = []));
        m.push({ list, entry });
      }
    }
  }

  /** The tables as `CompiledIndex` (for the built-in data, at build time). */
  compile(): CompiledIndex {
    const orgAt = new Map([...this.organisations.keys()].map((id, i) => [id, i]));
    const tables: CompiledIndex['tables'] = {};
    for (const [kind, table] of this.tables) tables[kind] = [...table].map(([k, h]) => [k, orgAt.get(h.org.id)!, h.key]);
    const at = (p: Platform) => this.platforms.indexOf(p);
    return {
      tables,
      names: [...this.names].map(([k, h]) => [k, h ? orgAt.get(h.org.id)! : -1, h ? h.key : '']),
      platformNames: [...this.platformNames].map(([k, p]) => [k, at(p)]),
      platformDomains: [...this.platformDomains].map(([k, p]) => [k, at(p)]),
    };
  }

  /** Fills the tables from a compiled index (built-in data, no overlay): checked at build time. */
  private fill(base: RawDataset, index: CompiledIndex): void {
    const orgs = base.organisations;
    for (const [kind, rows] of Object.entries(index.tables) as [IdentifierKind, CompiledIndex['tables'][IdentifierKind]][]) {
      const table: Table = new Map();
      for (const [k, i, value] of rows!) table.set(k, { org: orgs[i]!, key: value, overlay: false });
      this.tables.set(kind, table);
    }
    for (const [k, i, name] of index.names) {
      if (i < 0) {
        this.names.set(k, null);
        this.ambiguousNames.push(k);
      } else this.names.set(k, { org: orgs[i]!, key: name, overlay: false });
    }
    for (const [k, i] of index.platformNames) this.platformNames.set(k, base.platforms[i]!);
    for (const [k, i] of index.platformDomains) this.platformDomains.set(k, base.platforms[i]!);
  }

  private build(base: RawDataset, overlays: RawDataset[], keys?: CompiledKeys): void {

    const overlayIds = new Set(overlays.flatMap((ov) => ov.organisations.map((o) => o.id)));
    const nameClaims = new Map<string, Hit[]>();
    // Overlay records first, so their identifiers win; built-in ones fill in what is left.
    const ordered = [...this.organisations.values()].sort((a, b) => Number(overlayIds.has(b.id)) - Number(overlayIds.has(a.id)));
    for (const org of ordered) {
      const overlay = overlayIds.has(org.id);
      const pre = overlay ? undefined : keys?.orgs[org.id];
      for (const [kind, values] of Object.entries(org.identifiers ?? {}) as [IdentifierKind, string[]][]) {
        const norm = EXACT[kind];
        if (!norm) continue;
        let table = this.tables.get(kind);
        if (!table) this.tables.set(kind, (table = new Map()));
        for (const v of values) {
          const key = norm(v);
          if (!table.has(key)) table.set(key, { org, key: v, overlay });
        }
      }
      const names = [org.name, ...(org.aliases ?? [])];
      for (let j = 0; j < names.length; j++) {
        const n = names[j]!;
        const key = pre?.[j] ?? normalizeName(n);
        if (key === '') continue;
        let claims = nameClaims.get(key);
        if (!claims) nameClaims.set(key, (claims = []));
        if (!claims.some((c) => c.org.id === org.id)) claims.push({ org, key: n, overlay });
      }
    }
    for (const p of this.platforms) {
      const pre = base.platforms.includes(p) ? keys?.platforms[p.id] : undefined;
      [p.name, ...(p.aliases ?? [])].forEach((n, j) => {
        const key = pre?.[j] ?? normalizeName(n);
        if (key !== '') this.platformNames.set(key, p);
      });
      for (const d of p.domains ?? []) this.platformDomains.set(d.toLowerCase(), p);
    }

    for (const org of this.organisations.values()) {
      if (org.parent !== undefined && !this.organisations.has(org.parent)) {
        throw new DatasetError(`organisation ${org.id} has parent ${org.parent}, which the dataset does not define`);
      }
    }
    for (const org of this.organisations.values()) this.controllerOf(org);
    // A name several records claim: an overlay's claim wins; records of one controller (a group
    // and its listed arm: "China Mobile") give it to the one nearest the top; records of different
    // controllers make it ambiguous, and it matches none.
    for (const [key, all] of nameClaims) {
      if (all.length === 1) {
        this.names.set(key, all[0]!);
        continue;
      }
      const claims = all.some((c) => c.overlay) ? all.filter((c) => c.overlay) : all;
      const controllers = new Set(claims.map((c) => this.controllerOf(c.org).id));
      if (controllers.size > 1) {
        this.names.set(key, null);
        this.ambiguousNames.push(key);
      } else {
        const depth = (o: Organisation) => this.chain(o).length;
        this.names.set(key, claims.reduce((a, b) => (depth(b.org) < depth(a.org) ? b : a)));
      }
    }
  }

  /** An identifier matched whole. */
  exact(kind: IdentifierKind, value: string): Hit | undefined {
    const norm = EXACT[kind];
    return norm ? this.tables.get(kind)?.get(norm(value)) : undefined;
  }

  /**
   * The longest curated prefix of `value` that ends on a segment boundary (`.` for Maven and
   * NuGet, `/` for Go and OCI, `-` for PyPI and Cargo prefixes): a few map lookups.
   */
  prefix(kind: IdentifierKind, value: string, separator: string): Hit | undefined {
    const table = this.tables.get(kind);
    const norm = EXACT[kind];
    if (!table || !norm) return undefined;
    let v = norm(value);
    for (;;) {
      const hit = table.get(v);
      if (hit) return hit;
      const cut = v.lastIndexOf(separator);
      if (cut <= 0) return undefined;
      v = v.slice(0, cut);
    }
  }

  /** An organisation by a name as written (normalised; whole names only; ambiguous names never match). */
  byName(name: string): Hit | undefined {
    const key = normalizeName(name);
    return key === '' ? undefined : (this.names.get(key) ?? undefined);
  }

  /** The distribution platform a name or domain stands for (crates.io, PyPI, Debian...), if any. */
  platformByName(name: string): Platform | undefined {
    const key = normalizeName(name);
    return key === '' ? undefined : this.platformNames.get(key);
  }

  /** The distribution platform a registrable domain belongs to (npmjs.com, pypi.org), if any. */
  platformByDomain(domain: string): Platform | undefined {
    return this.platformDomains.get(domain.toLowerCase());
  }

  /** The ultimate parent (the organisation itself when it has none). */
  controllerOf(org: Organisation): Organisation {
    const known = this.controllers.get(org.id);
    if (known) return known;
    const seen = new Set<string>([org.id]);
    let top = org;
    while (top.parent !== undefined) {
      if (seen.has(top.parent)) throw new DatasetError(`parents of ${org.id} form a cycle through ${top.parent}`);
      seen.add(top.parent);
      top = this.organisations.get(top.parent)!;
    }
    this.controllers.set(org.id, top);
    return top;
  }

  /** The organisation and its parents, nearest first. */
  chain(org: Organisation): Organisation[] {
    const out = [org];
    for (let o = org; o.parent !== undefined; ) {
      o = this.organisations.get(o.parent)!;
      out.push(o);
    }
    return out;
  }

  /**
   * The restricted-list entries in force on a date for an organisation: entries naming it, and
   * entries naming one of its parents that cover subsidiaries.
   */
  listsFor(org: Organisation, asOf: string): Membership[] {
    const out: Membership[] = [];
    for (const [i, o] of this.chain(org).entries()) {
      for (const { list, entry } of this.memberships.get(o.id) ?? []) {
        if (i > 0 && !entry.includesSubsidiaries) continue;
        if (entry.listedFrom > asOf || (entry.listedUntil !== undefined && entry.listedUntil <= asOf)) continue;
        out.push({ list, entry, via: o });
      }
    }
    return out;
  }
}
