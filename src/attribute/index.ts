/**
 * Attribution: which organisation controls each component, its ultimate parent (the controller),
 * the controller's country, the restricted lists in force for it, and the evidence for all that.
 *
 * Evidence, strongest first: the user's overlay; the purl's namespace/name under the rules of its
 * own ecosystem; the CPE vendor; declared party names (supplier, manufacturer, publisher,
 * originator, author; normalised, whole names only, distribution platforms skipped); e-mail and
 * URL domains (registrable domain) and repository organisations. Every lookup is a hash-map or a
 * segment-prefix lookup in the compiled dataset, never a scan.
 */
import type { Dataset, Hit } from '../dataset/index.js';
import { registrableDomain } from '../dataset/index.js';
import type { Organisation } from '../dataset/types.js';
import { urlParts } from '../ingest/normalize.js';
import { debianArchive, distribution, distroNames, distroPackage, imageRepository, isLayer, vendorsOwn } from '../distro/index.js';
import { macIsLocal, macRegistrant, pciName, type RegistryName, usbName } from '../hwids/index.js';
import type { Component, HardwareIds, Inventory, Party } from '../model.js';
import { hostKind } from './hosts.js';
import { personal } from './maintainers.js';
import { inheritedReference, type SetAside } from './parents.js';

/**
 * How strong the evidence of an attribution is.
 */
export type Confidence = 'high' | 'medium' | 'low';

/** An organisation as a report shows it. */
export interface OrgRef {
  id: string;
  name: string;
  /** null for a community project. */
  country: string | null;
  ownership: Organisation['ownership'];
}

/** One piece of evidence: which field, which value, which rule, which dataset record. */
export interface Evidence {
  field: string;
  value: string;
  rule: string;
  record: string;
  /**
   * The registry entry an id was resolved through, for hardware: `pci.ids 2023.04.10:
   * Mellanox Technologies`, `IEEE 2022-08-27: MA-L 001b21 Intel Corporate`.
   */
  via?: string;
}

/** A restricted list that names the organisation (or a parent, with its subsidiaries). */
export interface ListRef {
  id: string;
  title: string;
  jurisdiction: string;
  entry: string;
  via: string;
  listedFrom: string;
  listedUntil?: string;
}

/** An origin the bill of materials itself declares (CycloneDX 1.6 address.country). */
export interface DeclaredOrigin {
  role: Party['role'];
  name?: string;
  country: string;
  /** Whether it differs from the controller's country in the dataset. */
  differs: boolean;
}

/**
 * Who controls a component: the organisation, its controller (ultimate parent), the country, the restricted lists in force, the confidence and the evidence.
 */
export interface Attribution {
  org: OrgRef;
  controller: OrgRef;
  /** Ids of the organisation and its parents, nearest first: the last is the controller. */
  chain: string[];
  /** The controller's country; null for community work. */
  country: string | null;
  community: boolean;
  confidence: Confidence;
  lists: ListRef[];
  evidence: Evidence[];
  /** Evidence that points at another controller. */
  conflicts: Evidence[];
  declared: DeclaredOrigin[];
  /** Evidence considered and set aside, with why (a reference inherited from a parent POM). */
  ignored?: SetAside[];
}

/**
 * Options of {@link attribute}.
 */
export interface AttributeOptions {
  /** The date restricted-list membership is judged on (YYYY-MM-DD; default today, UTC). */
  asOf?: string;
}

/**
 * Ranks of evidence kinds, strongest first. A manufacturer or an originator (SPDX: where the
 * package originally came from) outranks a supplier, who is often only the distributor
 * (Canonical supplies Google's Go as a snap).
 */
const RANK = {
  overlay: 0,
  purl: 1,
  cpe: 2,
  'manufacturer-name': 3,
  'originator-name': 3,
  'supplier-name': 4,
  'publisher-name': 5,
  'provider-name': 5,
  'author-name': 6,
  'email-domain': 7,
  'repository-org': 8,
  'url-domain': 9,
  // Hardware: a PCI/USB vendor id, CPU vendor string or os-release id the dataset lists is as
  // strong as a purl rule; the vendor name a registry gives an id, matched through the alias
  // table, is a name like a supplier's; a MAC block's registrant is weak (a NIC's block is often
  // its board maker's or an ODM's).
  'hardware-id': 1,
  'registry-name': 4,
  'mac-registrant': 8,
  // Distribution packages: the source package's upstream as curated (`debianSources`) is as
  // strong as a purl rule; found only through the binary's name family (another release's
  // binary name), it is weaker; the upstream's homepage from Debian's index weaker still.
  'distro-source': 1,
  'distro-family': 5,
  'distro-homepage': 7,
  // An image named by its registry namespace (istio/app:1.13.1 in an image SBOM).
  'image-name': 2,
  // A person's name that a record knows (an author written as a person): below the repository's
  // owner, which outweighs it. A person's e-mail or URL: corroboration only (see CORROBORATING).
  'person-name': 8.5,
  'person-email': 7,
  'person-url': 9,
} as const;
type Kind = keyof typeof RANK;

interface Candidate {
  kind: Kind;
  /** RANK[kind] */
  rank: number;
  hit: Hit;
  /** The id of the hit's controller. */
  controller: string;
  field: string;
  value: string;
  rule: string;
  via: string | undefined;
}

const byRank = (x: Candidate, y: Candidate) => x.rank - y.rank;

/** The context of a component outside image SBOMs (shared: nothing is written to it). */
const NO_CONTEXT: ComponentContext = Object.freeze({});

function evidenceOf(f: Candidate): Evidence {
  const e: Evidence = { field: f.field, value: f.value, rule: f.rule, record: f.hit.org.id };
  if (f.via !== undefined) e.via = f.via;
  return e;
}

/**
 * Code-hosting sites: their domain is not the origin; the first path segment (an organisation)
 * may be. Every other host that holds other people's projects is in data/hosts.json.
 */
const HOSTING: Record<string, 'githubOrgs' | 'gitlabGroups'> = {
  'github.com': 'githubOrgs',
  'gitlab.com': 'gitlabGroups',
};

/** Kinds of evidence that only corroborate: never the attribution on their own. */
const CORROBORATING = new Set<Kind>(['person-email', 'person-url']);

/** Today's date in UTC (YYYY-MM-DD): the default date restricted-list membership is judged on. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/**
 * Attributes every component of an inventory: one entry per component, in the same order;
 * `null` where nothing ties it to an organisation (unknown).
 */
export function attribute(inv: Inventory, dataset: Dataset, options: AttributeOptions = {}): (Attribution | null)[] {
  const asOf = options.asOf ?? todayUtc();
  const a = new Attributor(dataset, asOf);
  const ctx = imageContext(inv);
  return inv.components.map((c) => a.component(c, ctx.get(c.id)));
}

/** What a component is in an image SBOM: an image, a layer, or a package a layer holds. */
export interface ComponentContext {
  /** An image that holds layers (named by its registry reference). */
  image?: boolean;
  /** Contained by an image layer (its packages are the image's operating-system packages). */
  inLayer?: boolean;
}

/** Images, their layers and what the layers contain, from the `contains` edges. Empty for SBOMs without layers. */
export function imageContext(inv: Inventory): Map<string, ComponentContext> {
  const out = new Map<string, ComponentContext>();
  const layers = new Set(inv.components.filter(isLayer).map((c) => c.id));
  if (layers.size === 0) return out;
  for (const e of inv.dependencies) {
    if (e.kind !== 'contains') continue;
    if (layers.has(e.to) && !layers.has(e.from)) out.set(e.from, { ...out.get(e.from), image: true });
    if (layers.has(e.from)) out.set(e.to, { ...out.get(e.to), inLayer: true });
  }
  return out;
}

/** The curated upstream of a Debian source package: its name, else without a version (gcc-12 → gcc, python3.11 → python3). */
function debianSourceKey(dataset: Dataset, name: string): { key: string; hit: Hit } | undefined {
  for (const key of [name, name.replace(/-?\d+(?:\.\d+)*$/, '')]) {
    if (key.length < 2) continue;
    const hit = dataset.exact('debianSources', key);
    if (hit) return { key, hit };
  }
  return undefined;
}

/** The engine with its caches (names and hosts repeat thousands of times in real inventories). */
export class Attributor {
  private readonly nameCache = new Map<string, Hit | null | 'platform'>();
  private readonly domainCache = new Map<string, string | undefined>();
  /** What the dataset says of an organisation as an origin: the same for every component it controls. */
  private readonly originCache = new Map<string, ReturnType<typeof originOf>>();

  constructor(
    private readonly dataset: Dataset,
    private readonly asOf: string,
  ) {}

  /** The candidates of the component being attributed (one array, reused). */
  private readonly found: Candidate[] = [];
  /** What the component's attribution set aside. */
  private readonly ignored: SetAside[] = [];
  private readonly add: AddFn = (kind, hit, field, value, rule, via) => {
    if (!hit) return;
    const k: Kind = hit.overlay ? 'overlay' : kind;
    this.found.push({ kind: k, rank: RANK[k], hit, controller: this.dataset.controllerOf(hit.org).id, field, value, rule, via });
  };

  component(c: Component, ctx: ComponentContext = NO_CONTEXT): Attribution | null {
    const found = this.found;
    found.length = 0;
    this.ignored.length = 0;
    const add = this.add;
    if (c.hardware) this.hardware(c.hardware, add);
    this.purl(c, add);
    // A distribution's package: its parties are the distribution's packagers, not the upstream.
    const packaged = this.distro(c, ctx.inLayer === true, add);
    if (ctx.image) this.imageName(c, add);
    this.cpe(c, add);
    if (!packaged) this.parties(c, add);
    this.references(c, add);
    if (found.length === 0) return null;

    if (found.length > 1) found.sort(byRank);
    // A person's address alone attributes nothing.
    let best: Candidate | undefined;
    for (const f of found) {
      if (!CORROBORATING.has(f.kind)) {
        best = f;
        break;
      }
    }
    if (!best) return null;
    const org = best.hit.org;
    const controller = this.dataset.controllerOf(org);
    const evidence: Evidence[] = [];
    // A person's address for another controller is where that person works: not a conflict.
    const conflicts: Evidence[] = [];
    let kinds = 0;
    for (const f of found) {
      if (f.controller === controller.id) {
        evidence.push(evidenceOf(f));
        if (f.kind !== best.kind) kinds++;
      } else if (!CORROBORATING.has(f.kind)) conflicts.push(evidenceOf(f));
    }
    let confidence: Confidence = best.rank <= 4 ? 'high' : best.rank <= 7 ? 'medium' : 'low';
    // Independent kinds of evidence agreeing raise the confidence one step; disagreement lowers it.
    if (kinds > 0 && confidence !== 'high') confidence = confidence === 'low' ? 'medium' : 'high';
    if (conflicts.length > 0 && confidence === 'high' && best.kind !== 'overlay' && best.kind !== 'purl' && best.kind !== 'hardware-id') confidence = 'medium';

    const declared: DeclaredOrigin[] = [];
    for (const p of c.parties) {
      if (p.country === undefined) continue;
      const d: DeclaredOrigin = { role: p.role, country: p.country, differs: p.country !== (controller.country ?? null) };
      if (p.name !== undefined) d.name = p.name;
      declared.push(d);
    }
    let origin = this.originCache.get(org.id);
    if (!origin) this.originCache.set(org.id, (origin = originOf(this.dataset, org, this.asOf)));
    // The report contract's key order.
    const out: Attribution = {
      org: origin.org,
      controller: origin.controller,
      chain: origin.chain,
      country: origin.country,
      community: origin.community,
      confidence,
      lists: origin.lists,
      evidence,
      conflicts,
      declared,
    };
    if (this.ignored.length > 0) out.ignored = [...this.ignored];
    return out;
  }

  /** The purl under the rules of its own ecosystem. deb/rpm/apk namespaces are distributions: no origin. */
  private purl(c: Component, add: AddFn): void {
    const p = c.purlParts;
    if (!p || !c.purl) return;
    const d = this.dataset;
    const v = c.purl;
    switch (p.type) {
      case 'npm':
        if (p.namespace) add('purl', d.exact('npmScopes', p.namespace), 'purl', v, `npm-scope:${p.namespace}`);
        else add('purl', d.exact('npmPackages', p.name), 'purl', v, `npm-package:${p.name}`);
        break;
      case 'maven':
        if (p.namespace) this.rule(add, d.prefix('mavenGroups', p.namespace, '.'), v, 'maven');
        break;
      case 'pypi':
        this.rule(add, d.exact('pypiNames', p.name) ?? d.prefix('pypiPrefixes', p.name, '-'), v, 'pypi');
        break;
      case 'golang':
        this.rule(add, d.prefix('goModules', p.namespace ? `${p.namespace}/${p.name}` : p.name, '/'), v, 'go');
        break;
      case 'nuget':
        this.rule(add, d.prefix('nugetPrefixes', p.name, '.'), v, 'nuget');
        break;
      case 'cargo':
        this.rule(add, d.exact('cargoCrates', p.name) ?? d.prefix('cargoPrefixes', p.name, '-'), v, 'cargo');
        break;
      case 'gem':
        this.rule(add, d.exact('gems', p.name), v, 'gem');
        break;
      case 'composer':
        if (p.namespace) this.rule(add, d.exact('composerVendors', p.namespace), v, 'composer');
        break;
      case 'github':
        if (p.namespace) this.rule(add, d.exact('githubOrgs', p.namespace), v, 'github');
        break;
      case 'docker': {
        // repository_url is the registry (default Docker Hub); namespace/name the repository in it.
        const repo = imageRepository(p.namespace ? `${p.namespace}/${p.name}` : p.name, p.qualifiers?.repository_url ?? 'docker.io');
        if (repo) this.rule(add, this.image(repo), v, 'oci');
        break;
      }
      case 'oci': {
        // repository_url is the whole repository (docker.io/library/debian); without it the registry is not known.
        const url = p.qualifiers?.repository_url;
        const repo = url !== undefined ? imageRepository(url.replace(/^[a-z]+:\/\//i, '')) : undefined;
        if (repo) this.rule(add, this.image(repo), v, 'oci');
        break;
      }
      default:
        break;
    }
  }

  /**
   * Hardware ids: PCI and USB vendor ids (in the dataset, else through the registry's vendor
   * name), the CPU vendor string or Arm implementer, the os-release id, and MAC address blocks
   * through their registrant's name. The PCI subsystem vendor (the board's maker) is not the
   * device's: a Dell-branded Broadcom NIC is Broadcom's chip.
   */
  private hardware(hw: HardwareIds, add: AddFn): void {
    const d = this.dataset;
    const ids = (kind: 'pciVendors' | 'usbVendors', field: string, vendor: string, entry: RegistryName | undefined) => {
      const via = entry?.vendor !== undefined ? `${entry.registry}: ${entry.vendor}` : undefined;
      const hit = d.exact(kind, vendor);
      const rule = `${kind === 'pciVendors' ? 'pci' : 'usb'}-vendor:${vendor}`;
      if (hit) add('hardware-id', hit, field, vendor, rule, via);
      else if (entry?.vendor !== undefined) {
        const named = this.byName(entry.vendor);
        if (named && named !== 'platform') add('registry-name', named, field, vendor, `${rule} name:${named.key}`, via);
      }
    };
    if (hw.pci) ids('pciVendors', 'hardware.pci.vendor', hw.pci.vendor, pciName(hw.pci.vendor));
    if (hw.usb) ids('usbVendors', 'hardware.usb.vendor', hw.usb.vendor, usbName(hw.usb.vendor));
    if (hw.cpu?.vendorId !== undefined) {
      add('hardware-id', d.exact('cpuVendorIds', hw.cpu.vendorId.trim()), 'hardware.cpu.vendorId', hw.cpu.vendorId, `cpu-vendor:${hw.cpu.vendorId.trim()}`);
    }
    if (hw.cpu?.implementer !== undefined) {
      add('hardware-id', d.exact('armImplementers', hw.cpu.implementer), 'hardware.cpu.implementer', hw.cpu.implementer, `arm-implementer:${hw.cpu.implementer}`);
    }
    if (hw.osId !== undefined) add('hardware-id', d.exact('osReleaseIds', hw.osId), 'hardware.osId', hw.osId, `os-release:${hw.osId}`);
    for (const mac of hw.macAddresses ?? []) {
      if (macIsLocal(mac)) continue;
      const r = macRegistrant(mac);
      if (!r) continue;
      const named = this.byName(r.name);
      const via = `${r.registry}: ${r.block} ${r.prefix} ${r.name}`;
      if (named && named !== 'platform') add('mac-registrant', named, 'hardware.macAddress', mac, `mac-block:${r.prefix} name:${named.key}`, via);
    }
  }

  private rule(add: AddFn, hit: Hit | undefined, purl: string, ecosystem: string): void {
    if (hit) add('purl', hit, 'purl', purl, `${ecosystem}:${hit.key}`);
  }

  /**
   * The vendor token of the CPEs. Scanners such as syft write several candidate CPEs guessed from
   * a module path (`slack-go`, `slack_go` and `slack` for github.com/slack-go/slack): when the
   * CPEs of a component disagree on the vendor they are guesses, not a statement, and count for
   * nothing.
   */
  private cpe(c: Component, add: AddFn): void {
    if (c.cpes.length === 0) return;
    const vendors = new Set<string>();
    let first: { cpe: string; vendor: string } | undefined;
    for (const cpe of c.cpes) {
      const vendor = cpeVendor(cpe);
      if (!vendor || vendor === '*' || vendor === '-') continue;
      vendors.add(vendor.replace(/_/g, '-'));
      first ??= { cpe, vendor };
    }
    if (vendors.size !== 1 || !first) return;
    add('cpe', this.dataset.exact('cpeVendors', first.vendor), 'cpe', first.cpe, `cpe-vendor:${first.vendor}`);
  }

  private parties(c: Component, add: AddFn): void {
    for (const p of c.parties) {
      // A name that a record knows is an organisation's or a project's (no record names a person),
      // even where a format writes the author as one string; a party declared a person ranks below
      // the repository's owner. A person's e-mail or URL (an author as one string included) only corroborates.
      const person = personal(p);
      if (p.name !== undefined) {
        const hit = this.byName(p.name);
        if (hit && hit !== 'platform') add(p.kind === 'person' ? 'person-name' : (`${p.role}-name` as Kind), hit, `${p.role}.name`, p.name, `name:${hit.key}`);
      }
      if (p.email !== undefined) {
        const at = p.email.lastIndexOf('@');
        const host = at >= 0 ? p.email.slice(at + 1).toLowerCase() : '';
        const domain = host ? this.domain(host) : undefined;
        if (domain && hostKind(host, domain) === undefined) {
          add(person ? 'person-email' : 'email-domain', this.dataset.exact('domains', domain), `${p.role}.email`, p.email, `domain:${domain}`);
        }
      }
      for (const url of p.urls) this.url(url, `${p.role}.url`, add, person ? 'person-url' : undefined);
    }
  }

  /**
   * Repository organisations and homepage domains. Other references say where something is
   * hosted, not who makes it: a distribution is where it was downloaded, an issue tracker or a
   * mailing list is often a hosted service (hibernate.atlassian.net, groups.google.com).
   */
  private references(c: Component, add: AddFn): void {
    for (const r of c.externalReferences) {
      if (r.type !== 'website' && r.type !== 'vcs') continue;
      const field = `externalReferences.${r.type}`;
      // A reference inherited from a parent POM says who wrote the parent, not who controls this.
      const inherited = inheritedReference(c, r.url);
      if (inherited !== undefined) this.ignored.push({ field, value: r.url, reason: inherited });
      else this.url(r.url, field, add);
    }
  }

  /**
   * A URL's evidence: a code host's organisation (the first path segment), else the registrable
   * domain. Never: hosts of data/hosts.json (profiles, mailboxes, shared hosting, personal
   * pages), a path that starts with /~ (a person's page), a distribution platform's domain.
   * @param as the kind of evidence when it is not the URL's own (a person's URL, a distribution's homepage)
   */
  private url(url: string, field: string, add: AddFn, as?: 'person-url' | 'distro-homepage', via?: string): void {
    const r = this.urlEvidence(url);
    if (r) add(as ?? (r.hosting ? 'repository-org' : 'url-domain'), r.hit, field, url, r.rule, via);
  }

  private urlEvidence(url: string): { hit: Hit | undefined; rule: string; hosting: boolean } | null {
    const parts = urlParts(url);
    if (!parts) return null;
    const { host, first } = parts;
    const domain = this.domain(host);
    // A mail provider's domain is no one's employer in an e-mail address, but its site is its own (yandex.ru, naver.com, aliyun.com).
    const kind = hostKind(host, domain);
    if (!domain || (kind !== undefined && kind !== 'mail') || first.startsWith('~')) return null;
    if (Object.hasOwn(HOSTING, domain)) {
      const table = HOSTING[domain]!;
      return first ? { hit: this.dataset.exact(table, first), rule: `${table === 'githubOrgs' ? 'github' : 'gitlab'}-org:${first}`, hosting: true } : null;
    }
    if (this.dataset.platformByDomain(domain)) return null;
    return { hit: this.dataset.exact('domains', domain), rule: `domain:${domain}`, hosting: false };
  }

  /**
   * A distribution package (deb, rpm, apk purl, or a bare package in an image layer) through its
   * upstream: binary → source package (as the SBOM says, else Debian's index) → the organisation
   * or community project curated for that source, else the source's upstream homepage. The
   * distribution and its packagers are never the origin.
   */
  private distro(c: Component, inLayer: boolean, add: AddFn): boolean {
    const pkg = distroPackage(c, inLayer);
    if (!pkg) return false;
    const dist = pkg.kind === 'layer-package' ? undefined : distribution(c.purlParts?.namespace);
    const archive = debianArchive();
    // A binary that Debian builds from a source of its own name is that project, whatever
    // source another distribution built it from (Ubuntu builds nginx's third-party modules, such
    // as libnginx-mod-http-echo, from its nginx source; their upstream is not nginx's).
    const own = archive?.sourceOf.get(pkg.binary) === pkg.binary && pkg.source !== undefined && pkg.source.name !== pkg.binary;
    const from = pkg.source?.from ?? 'binary name';
    // Each name to try, with how it was found.
    const names: [name: string, how: string][] = own || !pkg.source ? [] : [[pkg.source.name, from]];
    // rpm and apk sources named otherwise than Debian's (xz → xz-utils); and a binary named like a Debian source.
    if (pkg.kind !== 'deb') {
      for (const [n, how] of [...names, [pkg.binary, 'binary name'] as [string, string]]) {
        const mapped = distroNames(pkg.kind === 'apk' ? 'apk' : 'rpm', n);
        if (mapped) names.push([mapped, `${how}, named ${n} there`]);
      }
    }
    if (archive?.homepage.has(pkg.binary) || archive?.sourceOf.get(pkg.binary) === pkg.binary) names.push([pkg.binary, 'binary name']);
    const field = c.purl !== undefined ? 'purl' : 'name';
    const value = c.purl ?? c.name;
    const kind: Kind = from === 'Debian index, name family' ? 'distro-family' : 'distro-source';
    const tried = new Set<string>();
    for (const [name, how] of names) {
      if (tried.has(name)) continue;
      tried.add(name);
      const key = debianSourceKey(this.dataset, name);
      const chain = `source ${name} (${how})`;
      if (key) {
        add(kind, key.hit, field, value, `debian-source:${key.key}`, chain);
        return dist !== undefined;
      }
      const home = archive?.homepage.get(name);
      if (home) {
        this.url(home, field, add, 'distro-homepage', `${chain} → homepage ${home} (${archive!.label})`);
        return dist !== undefined;
      }
    }
    // The vendor's own packages (redhat-release, ubuntu-keyring): the distribution's maker is their upstream.
    const written = pkg.source?.name ?? pkg.binary;
    if (dist?.vendor !== undefined && vendorsOwn(dist, written)) {
      const org = this.dataset.organisations.get(dist.vendor);
      if (org) add('distro-source', { org, key: dist.vendor, overlay: false }, field, value, `distribution-own:${c.purlParts!.namespace}`, `source ${written} (${from}) → written by the distribution's maker`);
    }
    return dist !== undefined;
  }

  /** An image named by its registry namespace (`istio/app:1.13.1-debug` → docker.io/istio). */
  private imageName(c: Component, add: AddFn): void {
    // An image archive (kube-proxy.tar) or a bare word names no registry repository.
    if (/\.(?:tar|tgz|tar\.gz|oci)$/i.test(c.name) || !/[/:@]/.test(c.name)) return;
    const repo = imageRepository(c.name);
    const hit = repo !== undefined ? this.image(repo) : undefined;
    if (hit) add('image-name', hit, 'name', c.name, `oci:${hit.key}`);
  }

  /**
   * An image repository's owner: its OCI namespace in the dataset, else, on GitHub's registry,
   * the GitHub organisation (`ghcr.io/ORG/...`).
   */
  private image(repo: string): Hit | undefined {
    const hit = this.dataset.prefix('ociNamespaces', repo, '/');
    if (hit) return hit;
    const ghcr = /^ghcr\.io\/([^/]+)\//.exec(repo);
    return ghcr ? this.dataset.exact('githubOrgs', ghcr[1]!) : undefined;
  }

  private byName(name: string): Hit | 'platform' | undefined {
    let r = this.nameCache.get(name);
    if (r === undefined) {
      r = this.dataset.platformByName(name) ? 'platform' : (this.dataset.byName(name) ?? null);
      this.nameCache.set(name, r);
    }
    return r === null ? undefined : r;
  }

  private domain(host: string): string | undefined {
    if (this.domainCache.has(host)) return this.domainCache.get(host);
    const d = registrableDomain(host);
    this.domainCache.set(host, d);
    return d;
  }
}

/**
 * What the dataset says of an organisation as an origin: the organisation, its controller (the
 * ultimate parent) and the chain between them, the controller's country, whether it is community
 * work, and the restricted lists in force on `asOf` (directly or through a parent).
 */
export function originOf(dataset: Dataset, org: Organisation, asOf: string): Pick<Attribution, 'org' | 'controller' | 'chain' | 'country' | 'community' | 'lists'> {
  const controller = dataset.controllerOf(org);
  return {
    org: ref(org),
    controller: ref(controller),
    chain: dataset.chain(org).map((o) => o.id),
    country: controller.country ?? null,
    // Community only on evidence: a curated community project matched (never as a default).
    community: controller.ownership === 'community',
    lists: dataset.listsFor(org, asOf).map((m) => {
      const l: ListRef = {
        id: m.list.id,
        title: m.list.title,
        jurisdiction: m.list.jurisdiction,
        entry: m.entry.name,
        via: m.via.id,
        listedFrom: m.entry.listedFrom,
      };
      if (m.entry.listedUntil !== undefined) l.listedUntil = m.entry.listedUntil;
      return l;
    }),
  };
}

type AddFn = (kind: Kind, hit: Hit | undefined, field: string, value: string, rule: string, via?: string) => void;

function ref(o: Organisation): OrgRef {
  return { id: o.id, name: o.name, country: o.country ?? null, ownership: o.ownership };
}

/** The vendor of a CPE: `cpe:2.3:a:VENDOR:...` or `cpe:/a:VENDOR:...`, unescaped, lower case. */
export function cpeVendor(cpe: string): string | undefined {
  const m = /^cpe:2\.3:[aho*-]:((?:[^:\\]|\\.)*)/i.exec(cpe) ?? /^cpe:\/[aho]?:([^:]*)/i.exec(cpe);
  return m ? m[1]!.replace(/\\(.)/g, '$1').toLowerCase() : undefined;
}

