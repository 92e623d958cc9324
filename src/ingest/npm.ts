/**
 * npm projects: a folder with a package.json and a lockfile (package-lock.json, npm-shrinkwrap.json)
 * or an installed node_modules, read with @npmcli/arborist (the library npm itself uses).
 *
 * Lockfile format: https://docs.npmjs.com/cli/v11/configuring-npm/package-lock-json
 * Arborist: https://github.com/npm/cli/tree/latest/workspaces/arborist
 *
 * When node_modules holds packages, the actual tree is read (`loadActual`), as `npm ls` does;
 * otherwise the lockfile (`loadVirtual`). Neither touches the network.
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type Arborist from '@npmcli/arborist';
import { InputError } from '../errors.js';
import type {
  Component,
  ComponentFlag,
  DependencyEdge,
  EdgeKind,
  ExternalReference,
  Hash,
  License,
  Location,
  Party,
} from '../model.js';
import { newComponent, setPurl } from './component.js';
import { parseJson } from './json.js';
import { checkComponentCount } from './limits.js';
import {
  analyzeExpression,
  type Diagnostics,
  isObject,
  makeHash,
  makeLicense,
  own,
  pointerToken,
  text,
  urlHost,
} from './normalize.js';
import { type DocumentResult, type ReadContext, RefTable } from './types.js';

type Node = Arborist.Node;
type Edge = Arborist.Edge;

/** How an npm project is read: from its lockfile, or from its installed node_modules. */
export type NpmProjectKind = 'lockfile' | 'node_modules';

const LOCKFILES = ['npm-shrinkwrap.json', 'package-lock.json'] as const;

async function isFile(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isFile(), () => false);
}

/** The entries of a directory, or undefined when it is not one. */
async function dirEntries(p: string): Promise<string[] | undefined> {
  return readdir(p).catch(() => undefined);
}

/**
 * Whether `dir` is an npm project, and how it would be read: `node_modules` when packages are
 * installed (what `npm ls` reads), else `lockfile` when there is one, else `node_modules` for an
 * empty node_modules folder. Undefined without a package.json, or with neither.
 */
export async function isNpmProject(dir: string): Promise<NpmProjectKind | undefined> {
  if (!(await isFile(join(dir, 'package.json')))) return undefined;
  const installed = await dirEntries(join(dir, 'node_modules'));
  if (installed?.some((e) => !e.startsWith('.'))) return 'node_modules';
  for (const f of LOCKFILES) if (await isFile(join(dir, f))) return 'lockfile';
  return installed ? 'node_modules' : undefined;
}

/** A reader context, with the name to show the project under (see {@link readNpmProject}). */
export type NpmReadContext = ReadContext & { file: string };

/**
 * Reads an npm project into components, one per package of the tree (a workspace or other linked
 * folder once, at its real location), with dependency edges and the shortest path from the root.
 *
 * @param dir the project folder on disk.
 * @param ctx.file the name to show: the lockfile's display path when read from the lockfile, the
 *   folder's when read from node_modules (as {@link isNpmProject} says). Ids are `file#location`.
 * @throws InputError NOT_FOUND (no package.json, or neither lockfile nor node_modules),
 *   MALFORMED_JSON (package.json or lockfile is not JSON, with the position), NPM_PROJECT (arborist
 *   could not load the tree, or the lockfile has no lockfileVersion).
 */
export async function readNpmProject(dir: string, ctx: NpmReadContext): Promise<DocumentResult> {
  const kind = await isNpmProject(dir);
  const displayDir = displayFolder(ctx.file);
  if (kind === undefined) {
    const hasPkg = await isFile(join(dir, 'package.json'));
    throw new InputError(
      'NOT_FOUND',
      hasPkg ? 'npm project has neither a lockfile nor node_modules' : 'no package.json: not an npm project',
      { file: ctx.file },
      hasPkg ? 'package-lock.json, npm-shrinkwrap.json or node_modules' : 'package.json',
    );
  }
  // Arborist silently falls back on a package.json it cannot parse; we say where it is broken.
  const pkgFile = posix.join(displayDir, 'package.json');
  parseJson(await readText(join(dir, 'package.json'), pkgFile), pkgFile);

  // Loaded on first use: importing arborist takes about a third of a second, which reading SBOMs
  // alone should not pay.
  const { default: ArboristClass } = await import('@npmcli/arborist');
  const arb = new ArboristClass({ path: dir });
  let tree: Node;
  try {
    tree = kind === 'lockfile' ? await arb.loadVirtual() : await arb.loadActual();
  } catch (e) {
    throw kind === 'lockfile' ? await lockfileError(dir, ctx.file, e) : projectError(ctx.file, e);
  }
  // Arborist reads an installed tree from node_modules/.package-lock.json when it is current, as
  // npm ls does; that lacks the authors, repositories and homepages attribution needs, so the
  // packages' own package.json files are read too, all at once (faster than arborist's
  // forceActual, which reads them one directory at a time).
  const manifests = kind === 'node_modules' ? readManifests(tree) : new Map<Node, Record<string, unknown>>();

  let specVersion = 'node_modules';
  if (kind === 'lockfile') {
    // Arborist upgrades the lockfile in memory; the version as written is kept apart (not typed).
    const v = (tree.meta as { originalLockfileVersion?: unknown } | undefined)?.originalLockfileVersion;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      throw new InputError('NPM_PROJECT', 'not a package lock: no lockfileVersion', { file: ctx.file, pointer: '/lockfileVersion' }, 'lockfileVersion 1, 2 or 3');
    }
    if (v > 3) {
      ctx.diagnostics.add('SPEC_VERSION_OUTSIDE_RANGE', `lockfileVersion ${v} is newer than the 3 this reader knows; read as far as npm's arborist can`, { file: ctx.file, pointer: '/lockfileVersion' });
    }
    specVersion = String(v);
  }

  const locate = locator(kind, specVersion, ctx.file, displayDir);
  try {
    return new NpmReader(tree, ctx, locate, kind, specVersion, displayDir, manifests).read();
  } catch (e) {
    // Arborist checks edges lazily, with semver, which throws a TypeError on a version that is
    // not a string (`"version": 1` in a hostile lockfile): that is bad input, not a crash.
    if (e instanceof TypeError && /Invalid (?:version|comparator)/i.test(e.message)) throw projectError(ctx.file, e);
    throw e;
  }
}

/**
 * Each installed package's own package.json; a package whose file cannot be read keeps arborist's
 * data. Read synchronously: a few hundred small files read faster one after the other than
 * through the thread pool.
 */
function readManifests(tree: Node): Map<Node, Record<string, unknown>> {
  const manifests = new Map<Node, Record<string, unknown>>();
  for (const n of tree.inventory.values()) {
    if (n.isLink || n === tree) continue;
    try {
      const pkg: unknown = JSON.parse(readFileSync(join(n.path, 'package.json'), 'utf8'));
      if (isObject(pkg)) manifests.set(n, pkg);
    } catch {
      // unreadable or not JSON: arborist's own record of the package stands
    }
  }
  return manifests;
}

/** The folder part of a display name given for a lockfile (`dir/package-lock.json` → `dir`). */
function displayFolder(file: string): string {
  const m = /^(?:(.*)[\\/])?(?:node_modules[\\/]\.package-lock\.json|package-lock\.json|npm-shrinkwrap\.json)$/.exec(file);
  return m ? m[1] || '.' : file;
}

async function readText(path: string, display: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new InputError('UNREADABLE', (e as Error).message, { file: display });
  }
}

function projectError(file: string, e: unknown): InputError {
  if (e instanceof InputError) return e;
  return new InputError('NPM_PROJECT', `npm could not read the project: ${(e as Error).message}`, { file });
}

/** Arborist ignores a lockfile it cannot parse and then fails; find out why, with the position. */
async function lockfileError(dir: string, file: string, e: unknown): Promise<InputError> {
  for (const name of LOCKFILES) {
    const path = join(dir, name);
    if (!(await isFile(path))) continue;
    try {
      const data = parseJson(await readText(path, file), file);
      if (!isObject(data)) return new InputError('NPM_PROJECT', 'not a package lock', { file, pointer: '' }, 'a JSON object');
    } catch (parseError) {
      return parseError as InputError;
    }
    break;
  }
  return projectError(file, e);
}

type Locator = (location: string) => Location;

/** Where a node of the tree is written: its lockfile entry, or its package.json under node_modules. */
function locator(kind: NpmProjectKind, specVersion: string, file: string, displayDir: string): Locator {
  if (kind === 'node_modules') return (location) => ({ file: posix.join(displayDir, location, 'package.json') });
  if (specVersion !== '1') return (location) => ({ file, pointer: `/packages/${pointerToken(location)}` });
  // v1 lockfiles nest `dependencies` along the node_modules path; folders outside node_modules
  // (link targets) have no entry of their own.
  return (location) => {
    if (location === '') return { file, pointer: '' };
    if (!location.startsWith('node_modules/')) return { file };
    const names = location.slice('node_modules/'.length).split('/node_modules/');
    return { file, pointer: names.map((n) => `/dependencies/${pointerToken(n)}`).join('') };
  };
}

const EDGE_KINDS: Record<string, EdgeKind> = {
  prod: 'depends-on',
  workspace: 'depends-on',
  dev: 'dev-depends-on',
  optional: 'optional-depends-on',
  peer: 'peer-depends-on',
  peerOptional: 'peer-depends-on',
};

/** A link's target; the node itself otherwise. */
function real(node: Node): Node {
  return node.isLink && node.target ? node.target : node;
}

function byName(a: Edge, b: Edge): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

class NpmReader {
  private readonly refs: RefTable;
  private readonly ids = new Map<Node, string>();
  private readonly diags: Diagnostics;

  constructor(
    private readonly tree: Node,
    private readonly ctx: NpmReadContext,
    private readonly locate: Locator,
    private readonly kind: NpmProjectKind,
    private readonly specVersion: string,
    private readonly displayDir: string,
    private readonly manifests: Map<Node, Record<string, unknown>>,
  ) {
    this.diags = ctx.diagnostics;
    this.refs = new RefTable(ctx.file, ctx.diagnostics);
  }

  read(): DocumentResult {
    const { tree, ctx } = this;
    const subject = this.component(tree, '.', 'application');
    this.ids.set(tree, subject.id);

    // Links are listed once, as their target (a workspace is a link in node_modules and a folder).
    const nodes = [...new Set([...tree.inventory.values()].map(real))]
      .filter((n) => n !== tree && !n.isLink)
      .sort((a, b) => (a.location < b.location ? -1 : a.location > b.location ? 1 : 0));
    const components = nodes.map((n, i) => {
      checkComponentCount(i + 1, this.locate(n.location));
      const c = this.component(n, n.location, 'library');
      this.ids.set(n, c.id);
      return c;
    });

    const dependencies = [tree, ...nodes].flatMap((n) => this.edges(n));
    const paths = this.shortestPaths();
    for (const c of components) {
      const p = paths.get(c.id);
      if (p) c.path = p;
    }

    return {
      source: {
        file: ctx.file,
        format: 'npm',
        encoding: this.kind === 'lockfile' ? 'npm-lockfile' : 'npm-node-modules',
        specVersion: this.specVersion,
        ...(subject.name ? { name: subject.name } : {}),
        tools: [],
        subject,
        parties: [],
        componentCount: components.length,
        serviceCount: 0,
      },
      components,
      services: [],
      dependencies,
    };
  }

  private component(node: Node, ref: string, type: 'application' | 'library'): Component {
    const loc = this.locate(node.location);
    const pkg: Record<string, unknown> =
      this.manifests.get(node) ?? (isObject(node.package) ? (node.package as Record<string, unknown>) : {});
    const fullName = text(own(pkg, 'name')) ?? node.packageName ?? node.name;
    const slash = fullName.startsWith('@') ? fullName.indexOf('/') : -1;
    const group = slash > 0 ? fullName.slice(0, slash) : undefined;
    const name = slash > 0 ? fullName.slice(slash + 1) : fullName;
    const version = text(own(pkg, 'version'), loc, this.diags);

    const c = newComponent(this.refs.register(ref, loc), ref, name, type, loc, this.ctx.sourceIndex);
    if (group) c.group = group;
    if (version) c.version = version;
    const description = text(own(pkg, 'description'), loc, this.diags);
    if (description) c.description = description;
    const purlName = group ? `${encodeURIComponent(group)}/${encodeURIComponent(name)}` : encodeURIComponent(name);
    setPurl(c, `pkg:npm/${purlName}${version ? `@${encodeURIComponent(version)}` : ''}`, loc, this.diags);

    c.licenses = licenses(pkg, loc, this.diags);
    // Authors are only in package.json files (not in lockfiles), and the root's is always read.
    const fromPackageJson = this.kind === 'node_modules' || node === this.tree;
    c.parties = authors(pkg, fromPackageJson ? { file: posix.join(this.displayDir, node.location, 'package.json') } : loc);
    // Arborist passes `resolved` and `integrity` on from the lockfile as they are written: a
    // hostile lockfile can make them numbers or objects, which are no URL and no hash.
    const resolved = typeof node.resolved === 'string' ? node.resolved : null;
    c.externalReferences = references(pkg, resolved);
    c.hashes = typeof node.integrity === 'string' ? integrityHashes(node.integrity) : [];
    if (resolved && /^https?:\/\//i.test(resolved)) {
      const host = urlHost(resolved);
      if (host) c.registry = host;
    }
    if (node !== this.tree) this.setFlags(c, node);
    for (const e of node.errors ?? []) {
      this.diags.add('NPM_PROBLEM', `${node.location || 'the root project'}: ${(e as Error).message}`, loc);
    }
    return c;
  }

  private setFlags(c: Component, node: Node): void {
    const flags = new Set<ComponentFlag>();
    if (node.extraneous) {
      // Arborist leaves every flag set on a package nothing depends on.
      flags.add('extraneous');
      this.diags.add('NPM_PROBLEM', `extraneous: ${node.pkgid} ${node.location}`, c.location);
    } else {
      if (node.dev) flags.add('dev');
      if (node.optional) flags.add('optional');
      if (node.devOptional && !node.dev && !node.optional) flags.add('dev-optional');
      if (node.peer) flags.add('peer');
      c.scope = node.dev || node.optional || node.devOptional ? 'optional' : 'required';
    }
    if (node.inBundle) flags.add('bundled');
    if (node.isWorkspace) flags.add('workspace');
    if (node.linksIn.size > 0) flags.add('link');
    c.flags = [...flags].sort();
  }

  private edges(node: Node): DependencyEdge[] {
    const from = this.ids.get(node)!;
    const location = this.locate(node.location);
    const out: DependencyEdge[] = [];
    for (const edge of node.edgesOut.values()) {
      this.checkEdge(edge, location);
      const to = edge.to ? this.ids.get(real(edge.to)) : undefined;
      if (to === undefined) continue;
      out.push({ from, to, kind: EDGE_KINDS[edge.type] ?? 'depends-on', location });
    }
    return out;
  }

  /** The problems `npm ls` reports for an edge (it ignores unmet optional ones). */
  private checkEdge(edge: Edge, location: Location): void {
    const from = edge.from;
    if (edge.missing) {
      this.diags.add('NPM_PROBLEM', `missing: ${edge.name}@${edge.spec}, required by ${from?.pkgid ?? 'the root project'}`, location);
    } else if (edge.invalid && edge.to) {
      this.diags.add(
        'NPM_PROBLEM',
        `invalid: ${edge.to.pkgid} ${edge.to.location} (${JSON.stringify(edge.spec)} from ${from?.location || 'the root project'})`,
        location,
      );
    }
  }

  /** Breadth-first from the root, edges by name: each component's shortest path, first hop first. */
  private shortestPaths(): Map<string, string[]> {
    const paths = new Map<string, string[]>();
    const queue: [Node, string[]][] = [[this.tree, []]];
    const seen = new Set<Node>([this.tree]);
    for (let i = 0; i < queue.length; i++) {
      const [node, path] = queue[i]!;
      for (const edge of [...node.edgesOut.values()].sort(byName)) {
        if (!edge.to) continue;
        const to = real(edge.to);
        const id = this.ids.get(to);
        if (seen.has(to) || id === undefined) continue;
        seen.add(to);
        const p = [...path, id];
        paths.set(id, p);
        queue.push([to, p]);
      }
    }
    return paths;
  }
}

/** `license` (an SPDX expression, or the old `{type, url}` form) and the older `licenses` array. */
function licenses(pkg: Record<string, unknown>, loc: Location, diags: Diagnostics): License[] {
  const out: License[] = [];
  const lic = own(pkg, 'license');
  const legacy = own(pkg, 'licenses');
  for (const l of [lic, ...(Array.isArray(legacy) ? legacy : [])]) {
    const oldForm = isObject(l);
    const value = text(oldForm ? own(l, 'type') : l, loc, diags);
    if (value === undefined) continue;
    // npm allows these in place of an expression: kept as written, without a diagnostic. The old
    // object form predates SPDX expressions: an expression only when it happens to be a valid one.
    const plain = value === 'UNLICENSED' || /^SEE LICEN[CS]E IN /i.test(value) || (oldForm && !analyzeExpression(value).valid);
    out.push(makeLicense(plain ? 'name' : 'expression', value, loc, diags));
  }
  return out;
}

/** Parses npm's people format, `Name <email> (url)`, or the object form. */
function person(v: unknown, loc: Location): Party | undefined {
  let name: string | undefined;
  let email: string | undefined;
  let url: string | undefined;
  if (isObject(v)) {
    name = text(own(v, 'name'));
    email = text(own(v, 'email'));
    url = text(own(v, 'url')) ?? text(own(v, 'web'));
  } else {
    const s = text(v);
    if (s === undefined) return undefined;
    // npm's own reading of the people format (normalize-package-data's parsePerson): three
    // independent matches, each linear. (One combined pattern with lazy and optional groups
    // backtracks exponentially on a long run of spaces: hostile input must not hang a scan.)
    name = text(/^[^(<]+/.exec(s)?.[0]);
    email = text(/<([^<>]+)>/.exec(s)?.[1]);
    url = text(/\(([^()]+)\)/.exec(s)?.[1]);
  }
  if (!name && !email && !url) return undefined;
  const p: Party = { role: 'author', kind: 'person', urls: url ? [url] : [], location: loc };
  if (name) p.name = name;
  if (email) p.email = email;
  return p;
}

/** Author and contributors; `loc` is the package.json file (pointers added) or the lockfile entry. */
function authors(pkg: Record<string, unknown>, loc: Location): Party[] {
  const at = (pointer: string): Location => (loc.pointer === undefined ? { ...loc, pointer } : loc);
  const out: Party[] = [];
  const author = person(own(pkg, 'author'), at('/author'));
  if (author) out.push(author);
  const contributors = own(pkg, 'contributors');
  if (Array.isArray(contributors)) {
    contributors.forEach((v, i) => {
      const p = person(v, at(`/contributors/${i}`));
      if (p) out.push(p);
    });
  }
  return out;
}

const HOSTED: Record<string, string> = {
  github: 'https://github.com/',
  gitlab: 'https://gitlab.com/',
  bitbucket: 'https://bitbucket.org/',
  gist: 'https://gist.github.com/',
};

/** A package.json `repository`: a URL, or npm's `host:user/repo` / `user/repo` shorthand. */
function repositoryUrl(v: unknown): string | undefined {
  const s = text(isObject(v) ? own(v, 'url') : v);
  if (s === undefined) return undefined;
  const m = /^(?:(github|gitlab|bitbucket|gist):)?([\w.-]+\/[\w.-]+|[0-9a-f]+)$/i.exec(s);
  if (m && (m[1] || m[2]!.includes('/'))) return `${HOSTED[(m[1] ?? 'github').toLowerCase()]}${m[2]}`;
  return s;
}

function references(pkg: Record<string, unknown>, resolved: string | null): ExternalReference[] {
  const out: ExternalReference[] = [];
  const repo = repositoryUrl(own(pkg, 'repository'));
  if (repo) out.push({ type: 'vcs', url: repo });
  const homepage = text(own(pkg, 'homepage'));
  if (homepage) out.push({ type: 'website', url: homepage });
  const bugs = own(pkg, 'bugs');
  const bugsUrl = text(isObject(bugs) ? own(bugs, 'url') : bugs);
  if (bugsUrl) out.push({ type: 'issue-tracker', url: bugsUrl });
  const dist = text(resolved);
  if (dist) out.push({ type: 'distribution', url: dist });
  return out;
}

/** Subresource-integrity strings (`sha512-<base64>`, several separated by spaces) as hex hashes. */
function integrityHashes(integrity: string): Hash[] {
  const out: Hash[] = [];
  for (const part of integrity.trim().split(/\s+/)) {
    const m = /^([a-z0-9]+)-([A-Za-z0-9+/]+={0,2})(?:\?.*)?$/i.exec(part);
    if (m) out.push(makeHash(m[1]!, Buffer.from(m[2]!, 'base64').toString('hex')));
  }
  return out;
}
