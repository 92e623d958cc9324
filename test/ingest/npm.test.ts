import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { Component } from '../../src/model.js';
import { Diagnostics } from '../../src/ingest/normalize.js';
import { isNpmProject, readNpmProject } from '../../src/ingest/npm.js';
import type { DocumentResult } from '../../src/ingest/types.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(repoRoot, 'fixtures/npm');

async function read(dir: string, file: string): Promise<{ result: DocumentResult; diagnostics: Diagnostics }> {
  const diagnostics = new Diagnostics();
  const result = await readNpmProject(dir, { file, sourceIndex: 0, diagnostics });
  return { result, diagnostics };
}

const fullName = (c: Component) => (c.group ? `${c.group}/${c.name}` : c.name);
const byName = (r: DocumentResult, name: string) => r.components.filter((c) => fullName(c) === name);
const one = (r: DocumentResult, name: string) => {
  const found = byName(r, name);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const pkgSet = (r: DocumentResult) => r.components.map((c) => `${c.ref} ${fullName(c)}@${c.version}`).sort();

interface LsItem {
  name?: string;
  version?: string;
  path?: string;
  extraneous?: boolean;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  integrity?: string;
  problems?: string[];
  dependencies?: Record<string, LsItem>;
}

/** `npm ls --all --json` on a folder; it exits 1 when there are problems, the JSON is still there. */
function npmLs(dir: string, ...args: string[]): LsItem {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_config_')));
  const r = spawnSync('npm', ['ls', '--all', '--json', '--logs-max=0', '--prefix', dir, ...args], {
    cwd: dir,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  expect(r.error).toBeUndefined();
  return JSON.parse(r.stdout) as LsItem;
}

/** Every installed package npm ls prints (deduped ones too), by real location; missing ones have no path. */
function lsPackages(root: string, tree: LsItem, out = new Map<string, LsItem>()): Map<string, LsItem> {
  for (const [name, item] of Object.entries(tree.dependencies ?? {})) {
    if (item.path && item.version) out.set(relative(realpathSync(root), realpathSync(item.path)).split('\\').join('/'), { ...item, name });
    lsPackages(root, item, out);
  }
  return out;
}

/** name@version of every installed package npm ls prints (without `--long` items have no path). */
function lsNames(tree: LsItem, out = new Set<string>()): Set<string> {
  for (const [name, item] of Object.entries(tree.dependencies ?? {})) {
    if (item.version) out.add(`${name}@${item.version}`);
    lsNames(item, out);
  }
  return out;
}

describe('isNpmProject', () => {
  it('tells lockfile projects, installed projects and other folders apart', async () => {
    expect(await isNpmProject(join(fixtures, 'workspace-v3'))).toBe('lockfile');
    expect(await isNpmProject(join(fixtures, 'small-v1'))).toBe('lockfile');
    expect(await isNpmProject(repoRoot)).toBe('node_modules');
    expect(await isNpmProject(join(fixtures, 'no-lockfile'))).toBeUndefined();
    expect(await isNpmProject(join(fixtures, 'workspace-v3/packages'))).toBeUndefined();
  });
});

describe('readNpmProject: lockfile v3 with workspaces', () => {
  const file = 'fixtures/npm/workspace-v3/package-lock.json';
  let r: DocumentResult;
  let diags: Diagnostics;
  beforeAll(async () => {
    ({ result: r, diagnostics: diags } = await read(join(fixtures, 'workspace-v3'), file));
  });

  it('describes the source and its root package', () => {
    expect(r.source).toMatchObject({ file, format: 'npm', encoding: 'npm-lockfile', specVersion: '3', name: 'wf-fixture-workspace', componentCount: 15, serviceCount: 0 });
    expect(r.source.subject).toMatchObject({ id: `${file}#.`, type: 'application', name: 'wf-fixture-workspace', version: '1.0.0' });
    expect(r.source.subject?.licenses[0]).toMatchObject({ kind: 'expression', value: 'MIT', valid: true });
    expect(diags.items).toEqual([]);
  });

  it('lists every package once, sorted by location, workspaces at their folder', () => {
    expect(r.components.map((c) => c.ref)).toEqual([
      'node_modules/@types/ms',
      'node_modules/@types/node',
      'node_modules/debug',
      'node_modules/is-number',
      'node_modules/kleur',
      'node_modules/ms',
      'node_modules/react',
      'node_modules/react-dom',
      'node_modules/scheduler',
      'node_modules/semver',
      'node_modules/to-regex-range',
      'node_modules/undici-types',
      'packages/a',
      'packages/b',
      'packages/b/node_modules/ms',
    ]);
    expect(new Set(r.components.map((c) => c.id)).size).toBe(15);
  });

  it('reads scoped and unscoped names, purls, registry, hashes, licences and locations', () => {
    const node = one(r, '@types/node');
    expect(node).toMatchObject({
      id: `${file}#node_modules/@types/node`,
      type: 'library',
      group: '@types',
      name: 'node',
      purl: `pkg:npm/%40types/node@${node.version}`,
      registry: 'registry.npmjs.org',
      location: { file, pointer: '/packages/node_modules~1@types~1node' },
    });
    expect(node.externalReferences).toEqual([{ type: 'distribution', url: `https://registry.npmjs.org/@types/node/-/node-${node.version}.tgz` }]);
    const debug = one(r, 'debug');
    expect(debug.group).toBeUndefined();
    expect(debug.purl).toBe('pkg:npm/debug@4.4.3');
    expect(debug.licenses).toEqual([{ kind: 'expression', value: 'MIT', valid: true, ids: ['MIT'] }]);
    // the lockfile's sha512-RGwwWnwQ...cqA== in hex
    expect(debug.hashes).toEqual([
      {
        alg: 'SHA-512',
        value: '446c305a7c10be455f6af295b76d8518bc3ec5849dcc04709b4aeee83853540dee994e6165cdbc57790ee2cb6062bcab4e52e9baf808f468a28e5b408cd6dca8',
      },
    ]);
    expect(byName(r, 'ms').map((c) => c.version).sort()).toEqual(['1.0.0', '2.1.3']);
  });

  it('sets the dev, optional, dev-optional, peer and workspace flags and scopes', () => {
    expect(one(r, '@types/node')).toMatchObject({ flags: ['dev'], scope: 'optional' });
    expect(one(r, '@types/ms')).toMatchObject({ flags: ['optional'], scope: 'optional' });
    expect(one(r, 'is-number')).toMatchObject({ flags: ['dev-optional'], scope: 'optional' });
    expect(one(r, 'react')).toMatchObject({ flags: ['peer'], scope: 'required' });
    expect(one(r, 'debug')).toMatchObject({ flags: [], scope: 'required' });
    expect(one(r, 'semver').flags).toEqual(['dev']); // a workspace's devDependency
    const a = one(r, 'a');
    expect(a).toMatchObject({ ref: 'packages/a', flags: ['link', 'workspace'], version: '0.1.0' });
    expect(a.licenses[0]?.value).toBe('Apache-2.0');
    expect(one(r, '@wf/b').flags).toEqual(['link', 'workspace']);
  });

  it('gives dependency edges, from the root subject and between packages', () => {
    const id = (ref: string) => `${file}#${ref}`;
    const edges = r.dependencies.map((e) => `${e.from.slice(file.length + 1)} ${e.kind} ${e.to.slice(file.length + 1)}`);
    expect(edges).toEqual(
      expect.arrayContaining([
        '. depends-on packages/a',
        '. depends-on node_modules/debug',
        '. optional-depends-on node_modules/@types/ms',
        '. dev-depends-on node_modules/@types/node',
        'node_modules/react-dom peer-depends-on node_modules/react',
        'node_modules/debug depends-on node_modules/ms',
        'packages/b depends-on packages/a',
        'packages/b depends-on packages/b/node_modules/ms',
        'packages/b dev-depends-on node_modules/semver',
      ]),
    );
    expect(edges).toHaveLength(18);
    const edge = r.dependencies.find((e) => e.to === id('node_modules/ms'));
    expect(edge?.location).toEqual({ file, pointer: '/packages/node_modules~1debug' });
  });

  it('gives the shortest path from the root', () => {
    const id = (ref: string) => `${file}#${ref}`;
    expect(one(r, 'debug').path).toEqual([id('node_modules/debug')]);
    expect(one(r, 'undici-types').path).toEqual([id('node_modules/@types/node'), id('node_modules/undici-types')]);
    expect(one(r, 'kleur').path).toEqual([id('packages/a'), id('node_modules/kleur')]);
    expect(byName(r, 'ms').find((c) => c.version === '1.0.0')?.path).toEqual([id('packages/b'), id('packages/b/node_modules/ms')]);
  });
});

describe('readNpmProject: lockfile versions 1 and 2', () => {
  it('reads the same packages from both, with nested v1 pointers', async () => {
    const v1 = (await read(join(fixtures, 'small-v1'), 'small-v1/package-lock.json')).result;
    const v2 = (await read(join(fixtures, 'small-v2'), 'small-v2/package-lock.json')).result;
    expect(v1.source.specVersion).toBe('1');
    expect(v2.source.specVersion).toBe('2');
    expect(pkgSet(v1)).toEqual(pkgSet(v2));
    expect(pkgSet(v1)).toEqual([
      'node_modules/@types/ms @types/ms@2.1.0',
      'node_modules/debug debug@4.4.3',
      'node_modules/debug/node_modules/ms ms@2.1.3',
      'node_modules/is-number is-number@7.0.0',
      'node_modules/ms ms@1.0.0',
      'node_modules/to-regex-range to-regex-range@5.0.1',
    ]);
    const flags = (r: DocumentResult) => r.components.map((c) => c.flags.join());
    expect(flags(v1)).toEqual(flags(v2));
    expect(v1.dependencies.map((e) => e.kind)).toEqual(v2.dependencies.map((e) => e.kind));
    const nested = v1.components.find((c) => c.ref === 'node_modules/debug/node_modules/ms');
    expect(nested?.location).toEqual({ file: 'small-v1/package-lock.json', pointer: '/dependencies/debug/dependencies/ms' });
    expect(v1.components[0]?.location.pointer).toBe('/dependencies/@types~1ms');
    expect(v2.components[0]?.location.pointer).toBe('/packages/node_modules~1@types~1ms');
  });
});

describe('readNpmProject: installed node_modules', () => {
  let dir: string;
  let r: DocumentResult;
  let diags: Diagnostics;
  beforeAll(async () => {
    // The fixture keeps its tree as _node_modules folders (node_modules is git-ignored), no symlink.
    dir = join(mkdtempSync(join(tmpdir(), 'wf-npm-')), 'installed');
    cpSync(join(fixtures, 'installed'), dir, { recursive: true });
    renameSync(join(dir, '_node_modules/@acme/right/_node_modules'), join(dir, '_node_modules/@acme/right/node_modules'));
    renameSync(join(dir, '_node_modules'), join(dir, 'node_modules'));
    symlinkSync(join('..', 'packages', 'w'), join(dir, 'node_modules', 'w'), 'junction');
    ({ result: r, diagnostics: diags } = await read(dir, 'installed'));
  });
  afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('reads the tree from node_modules, package.json data included', () => {
    expect(r.source).toMatchObject({ encoding: 'npm-node-modules', specVersion: 'node_modules', componentCount: 7 });
    expect(r.source.subject?.parties).toEqual([
      { role: 'author', kind: 'person', name: 'Ada Lovelace', email: 'ada@example.org', urls: ['https://ada.example.org'], location: { file: 'installed/package.json', pointer: '/author' } },
    ]);
    const left = one(r, 'left');
    expect(left).toMatchObject({ location: { file: 'installed/node_modules/left/package.json' }, description: 'The left package.' });
    expect(left.parties).toMatchObject([{ role: 'author', name: 'Left Author', email: 'left@example.com', urls: ['https://left.example.com'] }]);
    expect(left.externalReferences).toEqual([
      { type: 'vcs', url: 'https://github.com/acme/left' },
      { type: 'website', url: 'https://left.example.com' },
    ]);
    const right = one(r, '@acme/right');
    expect(right.licenses).toEqual([{ kind: 'expression', value: 'BSD-3-Clause', valid: true, ids: ['BSD-3-Clause'] }]);
    expect(right.parties.map((p) => [p.name, p.email, p.urls, p.location.pointer])).toEqual([
      ['Grace Hopper', 'grace@example.net', [], '/contributors/0'],
      ['Acme Inc.', undefined, ['https://acme.example'], '/contributors/1'],
    ]);
    expect(right.externalReferences).toEqual([{ type: 'vcs', url: 'git+https://gitlab.com/acme/right.git' }]);
    expect(one(r, 'tool').licenses).toEqual([{ kind: 'name', value: 'UNLICENSED', valid: false, ids: [] }]);
    expect(one(r, 'stray')).toMatchObject({ flags: ['extraneous'] });
    expect(one(r, 'stray').scope).toBeUndefined();
    expect(one(r, 'w')).toMatchObject({ ref: 'packages/w', flags: ['link', 'workspace'], location: { file: 'installed/packages/w/package.json' } });
  });

  it('reports what npm ls reports as problems', () => {
    expect(diags.items.map((d) => d.message).sort()).toEqual([
      'extraneous: stray@0.0.1 node_modules/stray',
      'invalid: left@1.2.0 node_modules/left ("^2.0.0" from node_modules/@acme/right)',
      'missing: gone@^1.0.0, required by wf-fixture-installed@1.0.0',
    ]);
    const ls = npmLs(dir);
    const problems = (ls.problems ?? []).map((p) => p.replace(` ${realpathSync(dir)}/`, ' ').replace(` ${dir}/`, ' '));
    expect(problems.sort()).toEqual([
      'extraneous: stray@0.0.1 node_modules/stray',
      'invalid: left@1.2.0 node_modules/left',
      'missing: gone@^1.0.0, required by wf-fixture-installed@1.0.0',
    ]);
  });

  it('lists the packages npm ls --all lists, the linked workspace once', () => {
    const ls = lsPackages(dir, npmLs(dir, '--long'));
    expect(pkgSet(r)).toEqual([...ls].map(([loc, item]) => `${loc} ${item.name}@${item.version}`).sort());
  });
});

describe('readNpmProject compared with npm ls on this repository', () => {
  let r: DocumentResult;
  let ls: Map<string, LsItem>;
  beforeAll(async () => {
    r = (await read(repoRoot, '.')).result;
    ls = lsPackages(repoRoot, npmLs(repoRoot, '--long'));
  });

  it('lists the same name@version at the same locations', () => {
    expect(r.components.length).toBeGreaterThan(50);
    expect(pkgSet(r)).toEqual([...ls].map(([loc, item]) => `${loc} ${item.name}@${item.version}`).sort());
  });

  it('flags as dev exactly what npm ls --omit=dev leaves out', () => {
    const prod = lsNames(npmLs(repoRoot, '--omit=dev'));
    const ours = new Set(r.components.filter((c) => !c.flags.includes('dev')).map((c) => `${fullName(c)}@${c.version}`));
    expect([...ours].sort()).toEqual([...prod].sort());
  });

  it('has the flags npm ls prints, where it prints them', () => {
    for (const c of r.components) expect(c.flags.includes('extraneous'), c.ref).toBe(ls.get(c.ref)?.extraneous ?? false);
    // npm ls --long prints the package data arborist loaded: from node_modules/.package-lock.json
    // (which carries npm's dev/optional/peer flags) when that is up to date, else package.json files.
    const fromHiddenLockfile = [...ls.values()].some((item) => item.integrity !== undefined);
    if (!fromHiddenLockfile) return;
    for (const c of r.components) {
      const item = ls.get(c.ref)!;
      const expected = [
        item.dev && 'dev',
        item.optional && 'optional',
        item.devOptional && 'dev-optional',
        item.peer && 'peer',
      ].filter(Boolean);
      expect(c.flags.filter((f) => ['dev', 'optional', 'dev-optional', 'peer'].includes(f)), c.ref).toEqual(expected);
    }
  });
});

describe('readNpmProject: bad input', () => {
  it('names the lockfile and the position when it is not JSON', async () => {
    const err = await read(join(fixtures, 'truncated'), 'fixtures/npm/truncated/package-lock.json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err).toMatchObject({ code: 'MALFORMED_JSON', location: { file: 'fixtures/npm/truncated/package-lock.json', line: 26, offset: 700 } });
  });

  it('says NOT_FOUND for a package.json without lockfile or node_modules', async () => {
    const err = await read(join(fixtures, 'no-lockfile'), 'fixtures/npm/no-lockfile').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', location: { file: 'fixtures/npm/no-lockfile' } });
  });

  it('refuses a lockfile that is JSON but not a package lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-npm-'));
    try {
      cpSync(join(fixtures, 'no-lockfile/package.json'), join(dir, 'package.json'));
      for (const [text, code] of [['null', 'NPM_PROJECT'], ['{}', 'NPM_PROJECT'], ['{"lockfileVersion": 3, "packages": ', 'MALFORMED_JSON']] as const) {
        writeFileSync(join(dir, 'package-lock.json'), text);
        await expect(read(dir, 'x/package-lock.json')).rejects.toMatchObject({ code, location: { file: 'x/package-lock.json' } });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
