/**
 * Distribution packages (deb, rpm, apk) and what they are built from. A distribution's binary
 * package is its build of an upstream project: binary → source package → upstream. The SBOM's
 * own word on the source comes first (syft's purl `upstream=`, RPM `sourcerpm=`, Trivy's SPDX
 * `sourceInfo` "built package from: openssl 3.0.5-2ubuntu2" and `SrcName` properties); otherwise
 * Debian's archive index (data/distro/debian.json.gz, compiled by scripts/import-debian.mjs from
 * the Packages index apt keeps) maps binary names to source names, and gives each source its
 * upstream Homepage. The index is read on first use only.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { dataDir } from '../dataset/load.js';
import type { Component } from '../model.js';

/** Where the archive table came from (its header). */
export interface ArchiveSource {
  archive: string;
  suite: string;
  version?: string;
  date: string;
  component: string;
  architecture: string;
  url: string;
  binaries: number;
  sources: number;
  homepages: number;
}

interface ArchiveFile {
  source: ArchiveSource;
  /** source → [homepage or null, binaries whose name differs from the source's...] */
  packages: Record<string, (string | null)[]>;
}

/** Debian's archive table, compiled for lookups. */
export interface DebianArchive {
  source: ArchiveSource;
  /** `Debian bookworm 12.15 Packages, 2026-07-11` */
  label: string;
  /** binary package → source package (binaries named like their source included). */
  sourceOf: Map<string, string>;
  /** source package → upstream homepage. */
  homepage: Map<string, string>;
  /**
   * A binary's name without its version digits (`libssl` for libssl1.1 and libssl3, `gcc-base`
   * for gcc-10-base) → its source, when every binary of that family comes from one source, so a
   * package of another release (Ubuntu's libffi7, Debian 12's libffi8) still finds its source.
   */
  family: Map<string, string | null>;
}

let archive: DebianArchive | null | undefined;

/** The name family of a binary package: its name with version numbers taken out. */
export function nameFamily(binary: string): string {
  // Without a digit there is no version to take out (most names).
  if (!/[0-9]/.test(binary) && !binary.includes('--')) return binary;
  return binary
    .replace(/[0-9]+(?:[.][0-9]+)*(?:t64|c2|a|v5|ldbl)?(?=$|-)/g, '')
    .replace(/--+/g, '-')
    .replace(/^-|-$/g, '');
}

/** What `wherefrom data stats` says of the distribution tables: where they come from, how big they are. */
export interface DistroTables {
  /** The archive table's header, its file and size in bytes (compressed). */
  archive?: ArchiveSource & { file: string; bytes: number };
  /** RPM and Alpine names mapped onto Debian's sources. */
  rpmNames: number;
  apkNames: number;
  /** Distribution namespaces known, and how many have a vendor. */
  distributions: number;
  vendors: number;
}

/** The distribution tables' provenance and size, for `wherefrom data stats`. */
export function distroTables(): DistroTables {
  const file = path.join(dataDir(), 'distro', 'debian.json.gz');
  const n = namesFile();
  const dists = Object.values(n?.distributions.namespaces ?? {});
  const out: DistroTables = { rpmNames: Object.keys(n?.rpm ?? {}).length, apkNames: Object.keys(n?.apk ?? {}).length, distributions: dists.length, vendors: dists.filter((d) => d.vendor !== undefined).length };
  const a = debianArchive();
  if (a) out.archive = { ...a.source, file: 'data/distro/debian.json.gz', bytes: statSync(file).size };
  return out;
}

/** Debian's archive table, read on first use; undefined when the package was built without it. */
export function debianArchive(): DebianArchive | undefined {
  if (archive !== undefined) return archive ?? undefined;
  const file = path.join(dataDir(), 'distro', 'debian.json.gz');
  if (!existsSync(file)) {
    archive = null;
    return undefined;
  }
  const doc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as ArchiveFile;
  const sourceOf = new Map<string, string>();
  const homepage = new Map<string, string>();
  const family = new Map<string, string | null>();
  const addFamily = (binary: string, source: string) => {
    const f = nameFamily(binary);
    if (f.length < 3) return;
    const had = family.get(f);
    if (had === undefined) family.set(f, source);
    else if (had !== source) family.set(f, null); // two sources: not a family
  };
  for (const source of Object.keys(doc.packages)) {
    const entry = doc.packages[source]!;
    const home = entry[0];
    if (home) homepage.set(source, home);
    if (!sourceOf.has(source)) sourceOf.set(source, source);
    addFamily(source, source);
    for (let i = 1; i < entry.length; i++) {
      const b = entry[i];
      if (b === null || b === undefined) continue;
      sourceOf.set(b, source);
      addFamily(b, source);
    }
  }
  const s = doc.source;
  archive = { source: s, label: `${s.archive} ${s.suite}${s.version ? ` ${s.version}` : ''} Packages, ${s.date}`, sourceOf, homepage, family };
  return archive;
}

/** How the source package of a binary package was found. */
export type SourceFrom = 'purl upstream=' | 'purl sourcerpm=' | 'SBOM sourceInfo' | 'SBOM source property' | 'Debian index' | 'Debian index, name family' | 'binary name';

/** A distribution package as attribution sees it. */
export interface DistroPackage {
  /** The purl type, or `deb`/`rpm` guessed for a bare package in an image layer. */
  kind: 'deb' | 'rpm' | 'apk' | 'layer-package';
  /** The binary package's name, without an architecture suffix. */
  binary: string;
  /** The source package, and how it was found. */
  source?: { name: string; from: SourceFrom };
}

/** A source package's name from `util-linux@2.38-4ubuntu1`, `openssl 3.0.5-2ubuntu2` or `bash-5.1.8-6.el9.src.rpm`. */
function sourceName(value: string, kind: 'upstream' | 'sourcerpm' | 'sourceInfo'): string | undefined {
  let v = value.trim();
  if (kind === 'sourcerpm') {
    // name-version-release.src.rpm: the name is what remains after the last two dashes.
    const m = /^(.+)-[^-]+-[^-]+\.(?:no)?src\.rpm$/.exec(v);
    return m?.[1];
  }
  if (kind === 'sourceInfo') {
    const m = /^built package from:\s*(\S+)/i.exec(v);
    if (!m) return undefined;
    v = m[1]!;
  }
  v = v.split('@')[0]!.split(' ')[0]!;
  return /^[A-Za-z0-9][A-Za-z0-9+._-]*$/.test(v) ? v.toLowerCase() : undefined;
}

/** A Debian version (`2:8.39-12build1`, `3.118ubuntu2`) or an RPM version-release (`4.4.20-1.el8_4`). */
const PACKAGE_VERSION = /^(?:\d+:)?\d[A-Za-z0-9.+~_]*(?:-[A-Za-z0-9.+~_]+)?$/;

/**
 * The distribution package a component is, if it is one: a deb, rpm or apk purl, or (with
 * `inLayer`) a bare `name-version` package that an image layer contains (istio's release SBOM
 * names its images' Ubuntu and CentOS packages that way, with no purl).
 */
export function distroPackage(c: Component, inLayer = false): DistroPackage | undefined {
  const p = c.purlParts;
  let kind: DistroPackage['kind'];
  let binary: string;
  if (p && (p.type === 'deb' || p.type === 'rpm' || p.type === 'apk')) {
    kind = p.type;
    binary = p.name;
  } else if (!p && inLayer && c.version !== undefined && PACKAGE_VERSION.test(c.version)) {
    kind = 'layer-package';
    binary = c.name.endsWith(`-${c.version}`) ? c.name.slice(0, -c.version.length - 1) : c.name;
    if (!/^[a-z0-9][a-z0-9+._-]*$/.test(binary)) return undefined;
  } else return undefined;
  binary = binary.toLowerCase().replace(/:(?:amd64|arm64|i386|armhf|armel|ppc64el|s390x|all|any)$/, '');
  const out: DistroPackage = { kind, binary };
  const declared = declaredSource(c);
  if (declared) {
    out.source = declared;
    return out;
  }
  const index = debianArchive();
  const exact = index?.sourceOf.get(binary);
  if (exact) out.source = { name: exact, from: 'Debian index' };
  else {
    const fam = index?.family.get(nameFamily(binary));
    if (fam) out.source = { name: fam, from: 'Debian index, name family' };
  }
  return out;
}

/** What the SBOM itself says the source package is. */
function declaredSource(c: Component): DistroPackage['source'] | undefined {
  const q = c.purlParts?.qualifiers;
  const upstream = q?.upstream !== undefined ? sourceName(q.upstream, 'upstream') : undefined;
  if (upstream) return { name: upstream, from: 'purl upstream=' };
  const rpm = q?.sourcerpm !== undefined ? sourceName(q.sourcerpm, 'sourcerpm') : undefined;
  if (rpm) return { name: rpm, from: 'purl sourcerpm=' };
  for (const prop of c.properties) {
    if (prop.name === 'spdx:sourceInfo') {
      const s = sourceName(prop.value, 'sourceInfo');
      if (s) return { name: s, from: 'SBOM sourceInfo' };
    }
    // Trivy (aquasecurity:trivy:SrcName), syft (syft:metadata:source, apk syft:metadata:originPackage).
    if (/(?::SrcName|:metadata:source|:metadata:originPackage)$/.test(prop.name)) {
      const s = sourceName(prop.value, 'upstream');
      if (s) return { name: s, from: 'SBOM source property' };
    }
  }
  return undefined;
}

/** Whether a component is an image layer (`blobs/sha256/<digest>`, `sha256:<digest>`): what it is, not an unknown origin. */
export function isLayer(c: Component): boolean {
  const n = c.name;
  return (n.startsWith('sha256') || n.startsWith('blobs/')) && /^(?:blobs\/)?sha256[:/][0-9a-f]{64}$/.test(n);
}

/** Docker Hub's host names (keyed as docker.io). */
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

/**
 * An image reference's repository with its registry, as OCI namespaces are keyed
 * (`nginx:1.25` → `docker.io/library/nginx`, `istio/proxyv2@sha256:…` → `docker.io/istio/proxyv2`,
 * `index.docker.io/x/y` → `docker.io/x/y`, `ghcr.io/org/app:1` → `ghcr.io/org/app`); undefined
 * when it is not an image reference.
 * @param registry the registry when the reference names none (a docker purl's `repository_url`)
 */
export function imageRepository(ref: string, registry = 'docker.io'): string | undefined {
  const m = /^((?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9._-]+(?:\/[a-z0-9._-]+)*)(?::[\w.-]+)?(?:@sha256:[0-9a-f]{64})?$/i.exec(ref.trim());
  if (!m) return undefined;
  let repo = m[1]!.toLowerCase();
  const first = repo.split('/')[0]!;
  // A first segment with a dot or a port, or localhost, is a registry host.
  const hasHost = repo.includes('/') && (/[.:]/.test(first) || first === 'localhost');
  if (!hasHost) {
    const host = (DOCKER_HUB.has(registry.toLowerCase()) ? 'docker.io' : registry.toLowerCase()).replace(/\/+$/, '');
    repo = `${host}/${host === 'docker.io' && !repo.includes('/') ? `library/${repo}` : repo}`;
  } else if (DOCKER_HUB.has(first)) {
    // Docker Hub however spelt; its official images live under library/.
    const rest = repo.slice(first.length + 1);
    repo = `docker.io/${rest.includes('/') ? rest : `library/${rest}`}`;
  }
  return repo;
}

/** A distribution as a purl namespace names it (data/distro/names.json `distributions`). */
export interface Distribution {
  /** The organisation that makes it, when a company does (Red Hat for RHEL, Canonical for Ubuntu). */
  vendor?: string;
  /** Name prefixes (ending in `-`) and names of the source packages the vendor writes itself. */
  own?: string[];
}

interface NamesFile {
  rpm: Record<string, string>;
  apk: Record<string, string>;
  distributions: { namespaces: Record<string, Distribution> };
}

let names: NamesFile | null | undefined;

/**
 * The Debian source name of an RPM or Alpine package or source named otherwise
 * (data/distro/names.json: `xz` → `xz-utils`, `shadow-utils` → `shadow`), where the upstream
 * is the same project.
 */
export function distroNames(kind: 'rpm' | 'apk', name: string): string | undefined {
  const table = namesFile()?.[kind];
  return table && Object.hasOwn(table, name) ? table[name] : undefined;
}

function namesFile(): NamesFile | null {
  if (names === undefined) {
    const file = path.join(dataDir(), 'distro', 'names.json');
    names = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as NamesFile) : null;
  }
  return names;
}

/**
 * The distribution a deb, rpm or apk purl's namespace names (`pkg:rpm/redhat/...` → Red Hat's
 * RHEL), if it is one the data knows: its packages' parties are its packagers.
 */
export function distribution(namespace: string | undefined): Distribution | undefined {
  const table = namesFile()?.distributions.namespaces;
  const ns = namespace?.toLowerCase();
  return table && ns !== undefined && Object.hasOwn(table, ns) ? table[ns] : undefined;
}

/** Whether a source package is one the distribution's vendor writes itself (`redhat-release`, `ubuntu-keyring`). */
export function vendorsOwn(d: Distribution, source: string): boolean {
  return (d.own ?? []).some((o) => (o.endsWith('-') ? source.startsWith(o) : source === o));
}
