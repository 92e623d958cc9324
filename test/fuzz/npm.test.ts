/**
 * npm projects: generated package-lock.json (v3) trees read back through arborist to the packages,
 * licences, integrity hashes and dependency edges they were written with; and hostile lockfiles
 * (truncated, wrong types) end in a result or in errors that name the lockfile. Few runs: each
 * one writes a project and has arborist load it.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { inventory } from '../../src/ingest/index.js';
import { isLocated, jsonPaths, replaceAt, wrongValue } from './gen.js';
import { fuzz } from './seed.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'wherefrom-fuzz-npm-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

interface Pkg {
  name: string;
  version: string;
  license: string;
  seed: string;
}

const pkgs = fc.uniqueArray(
  fc.record({
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
    version: fc.stringMatching(/^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}$/),
    license: fc.constantFrom('MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause'),
    seed: fc.string({ maxLength: 8 }),
  }),
  { minLength: 1, maxLength: 5, selector: (p) => p.name },
);

const integrity = (p: Pkg) => `sha512-${createHash('sha512').update(`${p.name}${p.seed}`).digest('base64')}`;

/** A lockfile v3 with every package at the top of node_modules; `deps` are edges among them (cycles allowed). */
function lockfile(list: Pkg[], deps: [number, number][]): Record<string, unknown> {
  const depsOf = (i: number) => Object.fromEntries(deps.filter(([a]) => a === i).map(([, b]) => [list[b]!.name, list[b]!.version]));
  const packages: Record<string, unknown> = { '': { name: 'root-app', version: '1.0.0', dependencies: Object.fromEntries(list.map((p) => [p.name, p.version])) } };
  list.forEach((p, i) => {
    const entry: Record<string, unknown> = { version: p.version, resolved: `https://registry.npmjs.org/${p.name}/-/${p.name}-${p.version}.tgz`, integrity: integrity(p), license: p.license };
    const d = depsOf(i);
    if (Object.keys(d).length > 0) entry.dependencies = d;
    packages[`node_modules/${p.name}`] = entry;
  });
  return { name: 'root-app', version: '1.0.0', lockfileVersion: 3, requires: true, packages };
}

function write(lockText: string, list: Pkg[]): string {
  const dir = mkdtempSync(path.join(root, `p${n++}-`));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'root-app', version: '1.0.0', dependencies: Object.fromEntries(list.map((p) => [p.name, p.version])) }));
  writeFileSync(path.join(dir, 'package-lock.json'), lockText);
  return path.join(dir, 'package-lock.json');
}

const graph = (size: number) => fc.uniqueArray(fc.tuple(fc.nat(size - 1), fc.nat(size - 1)), { maxLength: size * 2, selector: ([a, b]) => `${a}>${b}` }).map((es) => es.filter(([a, b]) => a !== b));

describe('npm lockfiles', () => {
  it('a generated lockfile reads back to its packages, licences, hashes and edges', async () => {
    await fc.assert(
      fc.asyncProperty(pkgs.chain((list) => fc.tuple(fc.constant(list), graph(list.length))), async ([list, deps]) => {
        const file = write(JSON.stringify(lockfile(list, deps), null, 2), list);
        const inv = await inventory([file]);
        expect(inv.errors).toEqual([]);
        const byName = new Map(inv.components.map((c) => [c.name, c]));
        expect([...byName.keys()].sort()).toEqual(list.map((p) => p.name).sort());
        for (const p of list) {
          const c = byName.get(p.name)!;
          expect(c.version).toBe(p.version);
          expect(c.purl).toBe(`pkg:npm/${p.name}@${p.version}`);
          expect(c.licenses.map((l) => l.value)).toEqual([p.license]);
          expect(c.hashes).toEqual([{ alg: 'SHA-512', value: Buffer.from(integrity(p).slice(7), 'base64').toString('hex') }]);
          expect(c.registry).toBe('registry.npmjs.org');
          expect(c.location).toEqual({ file, pointer: `/packages/node_modules~1${p.name}` });
        }
        const name = new Map(inv.components.map((c) => [c.id, c.name]));
        const edges = inv.dependencies.filter((e) => name.has(e.from)).map((e) => `${name.get(e.from)}>${name.get(e.to)}`).sort();
        expect(edges).toEqual(deps.map(([a, b]) => `${list[a]!.name}>${list[b]!.name}`).sort());
      }),
      fuzz('npmRoundTrip'),
    );
  });

  it('a truncated lockfile, or one with a wrong type anywhere: a result or an error naming the lockfile', async () => {
    await fc.assert(
      fc.asyncProperty(pkgs, fc.boolean(), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), wrongValue, async (list, truncate, pick, at, value) => {
        const lock = lockfile(list, []);
        let text = JSON.stringify(lock, null, 2);
        if (truncate) text = text.slice(0, Math.floor(text.length * at));
        else {
          const paths = jsonPaths(lock);
          text = JSON.stringify(replaceAt(lock, paths[pick % paths.length]!, value));
        }
        const file = write(text, list);
        const inv = await inventory([file]);
        for (const e of inv.errors) {
          expect(e.location.file).toBe(file);
          // A syntax error, or a problem of the lockfile's own shape, says where; arborist's own failures name the project.
          if (e.code !== 'NPM_PROJECT' && e.code !== 'EMPTY_FILE') expect(isLocated(e, file), JSON.stringify(e)).toBe(true);
        }
      }),
      fuzz('npmHostile'),
    );
  });
});
