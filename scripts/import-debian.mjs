#!/usr/bin/env node
// Compiles Debian's archive metadata into data/distro/debian.json.gz: for every source package of
// the suite, its upstream Homepage and the binary packages built from it whose names differ
// from it (libssl3 → openssl, libc6 → glibc). Attribution goes binary → source → upstream with
// it. Reads the Packages index apt already keeps on this machine (run `apt-get update` first; the
// file is named by `apt-get indextargets`), never the network:
//
//   node scripts/import-debian.mjs                     # the main component of the first Debian suite apt knows
//   node scripts/import-debian.mjs --packages FILE --release FILE   # an index and its InRelease, given
//
// The output states the archive, suite, version, date, component and architecture it was made
// from. The same index gives the same file, byte for byte (sorted keys, gzip without a time stamp).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { catIndex, field, findDebianIndex, records } from './lib/apt-index.mjs';

const { values: args } = parseArgs({
  options: {
    packages: { type: 'string' },
    release: { type: 'string' },
    out: { type: 'string' },
  },
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = args.out ?? path.join(root, 'data', 'distro', 'debian.json.gz');

const found = args.packages ? { file: args.packages } : findDebianIndex();
const releaseFile = args.release ?? found.file.replace(/_main_binary-[^_]+_Packages(\.[a-z0-9]+)?$/, '_InRelease');
const release = readFileSync(releaseFile, 'utf8');
const date = new Date(field(release, 'Date')).toISOString().slice(0, 10);

const sources = new Map(); // source → { homepage, binaries: Set }
let binaries = 0;
for (const record of records(catIndex(found.file))) {
  const pkg = field(record, 'Package');
  if (!pkg) continue;
  binaries++;
  // "Source: glibc (2.36-9)" when the source version differs from the binary's.
  const source = field(record, 'Source')?.split(' ')[0] ?? pkg;
  let s = sources.get(source);
  if (!s) sources.set(source, (s = { homepage: undefined, binaries: new Set() }));
  const homepage = field(record, 'Homepage');
  if (homepage && s.homepage === undefined) s.homepage = homepage;
  if (pkg !== source) s.binaries.add(pkg);
}

const table = {};
for (const name of [...sources.keys()].sort()) {
  const s = sources.get(name);
  const entry = [s.homepage ?? null, ...[...s.binaries].sort()];
  if (entry.length > 1 || entry[0] !== null) table[name] = entry;
  else table[name] = [null];
}
const doc = {
  source: {
    archive: field(release, 'Origin') ?? 'Debian',
    suite: field(release, 'Codename') ?? found.codename,
    version: field(release, 'Version'),
    date,
    component: found.component ?? 'main',
    architecture: found.arch ?? 'amd64',
    index: 'Packages',
    url: `https://deb.debian.org/debian/dists/${field(release, 'Codename')}/main/binary-${found.arch ?? 'amd64'}/`,
    licence: 'Debian archive metadata (package names, source names and homepages): facts from the Packages index',
    binaries,
    sources: sources.size,
    homepages: [...sources.values()].filter((s) => s.homepage).length,
  },
  // source → [homepage or null, binary packages whose name differs from the source's...]
  packages: table,
};
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, gzipSync(`${JSON.stringify(doc)}\n`, { level: 9 }));
console.log(`${doc.source.archive} ${doc.source.suite} ${doc.source.version} (${date}): ${binaries} binary packages, ${sources.size} sources, ${doc.source.homepages} homepages → ${path.relative(root, out)}`);
