#!/usr/bin/env node
// Ranks Debian source packages by how common they are in container images, so that curation
// of upstream projects starts where image SBOMs are: the base system (Priority required and
// important, which debootstrap's minbase and the debian/ubuntu images carry), the build tools
// and libraries of buildpack-deps (the base of the python, node, ruby and golang images), and
// what the nginx, postgres, openjdk, python and node images install, each as the dependency
// closure in Debian's own Packages index; then by how often the corpus's image SBOMs name them.
//
//   node scripts/rank-image-sources.mjs [--limit 600] [--corpus DIR...] > ranking.tsv
//
// Output: rank, source package, images containing it, corpus count, homepage. Reads the local
// apt index (run `apt-get update` first) and the corpus files given, never the network.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { catIndex, field, findDebianIndex, records } from './lib/apt-index.mjs';

const { values: args } = parseArgs({ options: { limit: { type: 'string', default: '600' }, corpus: { type: 'string', multiple: true, default: [] } } });

const pkgs = new Map(); // binary → { source, deps: string[][], priority, homepage }
const provides = new Map(); // virtual → [binary]
for (const record of records(catIndex(findDebianIndex().file))) {
  const name = field(record, 'Package');
  if (!name) continue;
  const deps = [field(record, 'Pre-Depends'), field(record, 'Depends')]
    .filter(Boolean)
    .flatMap((d) => d.split(','))
    .map((alt) => alt.split('|').map((a) => a.trim().split(/[\s(:]/)[0]).filter(Boolean));
  pkgs.set(name, { source: field(record, 'Source')?.split(' ')[0] ?? name, deps, priority: field(record, 'Priority'), homepage: field(record, 'Homepage') });
  for (const p of (field(record, 'Provides') ?? '').split(',').map((s) => s.trim().split(/[\s(]/)[0]).filter(Boolean)) {
    if (!provides.has(p)) provides.set(p, []);
    provides.get(p).push(name);
  }
}

/** The binary packages a set of packages needs (first alternative, virtual packages through their first provider). */
function closure(seeds) {
  const seen = new Set();
  const todo = [...seeds];
  while (todo.length) {
    let n = todo.pop();
    if (!pkgs.has(n)) n = provides.get(n)?.[0];
    if (!n || seen.has(n)) continue;
    seen.add(n);
    for (const alts of pkgs.get(n).deps) {
      const pick = alts.find((a) => pkgs.has(a)) ?? alts[0];
      if (pick) todo.push(pick);
    }
  }
  return seen;
}

const base = [...pkgs].filter(([, p]) => p.priority === 'required' || p.priority === 'important').map(([n]) => n);
const buildpack = ['ca-certificates', 'curl', 'gnupg', 'netbase', 'wget', 'git', 'mercurial', 'openssh-client', 'subversion', 'procps', 'autoconf', 'automake', 'bzip2', 'dpkg-dev', 'file', 'g++', 'gcc', 'imagemagick', 'libbz2-dev', 'libc6-dev', 'libcurl4-openssl-dev', 'libdb-dev', 'libevent-dev', 'libffi-dev', 'libgdbm-dev', 'libglib2.0-dev', 'libgmp-dev', 'libjpeg-dev', 'libkrb5-dev', 'liblzma-dev', 'libmagickcore-dev', 'libmagickwand-dev', 'libmaxminddb-dev', 'libncurses5-dev', 'libncursesw5-dev', 'libpng-dev', 'libpq-dev', 'libreadline-dev', 'libsqlite3-dev', 'libssl-dev', 'libtool', 'libwebp-dev', 'libxml2-dev', 'libxslt1-dev', 'libyaml-dev', 'make', 'patch', 'unzip', 'xz-utils', 'zlib1g-dev', 'default-libmysqlclient-dev'];
const images = {
  'debian (required, important)': closure(base),
  'buildpack-deps (python, node, ruby, golang)': closure([...base, ...buildpack]),
  nginx: closure([...base, 'nginx', 'ca-certificates', 'gettext-base', 'curl', 'libnginx-mod-http-geoip']),
  postgres: closure([...base, 'postgresql-15', 'postgresql-contrib', 'locales', 'libnss-wrapper', 'xz-utils', 'zstd', 'gnupg']),
  openjdk: closure([...base, 'openjdk-17-jre-headless', 'ca-certificates-java', 'fontconfig', 'p11-kit', 'tzdata', 'curl']),
  'python (slim)': closure([...base, 'python3', 'python3-pip', 'python3-venv', 'ca-certificates', 'netbase', 'tzdata', 'libsqlite3-0', 'libssl3']),
  'node (slim)': closure([...base, 'nodejs', 'npm', 'ca-certificates', 'python3', 'make', 'g++']),
};

// The corpus: Debian-style package names in image SBOMs (SPDX PackageName "name-version" or purls pkg:deb/...).
const corpus = new Map();
const files = args.corpus.flatMap((p) => (statSync(p).isDirectory() ? readdirSync(p, { recursive: true }).map((f) => path.join(p, String(f))) : [p])).filter((f) => statSync(f).isFile());
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  for (const m of text.matchAll(/pkg:deb\/[a-z]+\/([a-z0-9][a-z0-9+.-]+)@/g)) bump(m[1]);
  for (const m of text.matchAll(/^PackageName: ([a-z0-9][a-z0-9+.-]+?)-(?:\d+:)?\d[^\s]*$/gm)) bump(m[1]);
}
function bump(binary) {
  const p = pkgs.get(binary);
  if (!p) return;
  corpus.set(p.source, (corpus.get(p.source) ?? 0) + 1);
}

const score = new Map();
for (const [image, set] of Object.entries(images)) {
  for (const b of set) {
    const s = pkgs.get(b).source;
    if (!score.has(s)) score.set(s, new Set());
    score.get(s).add(image);
  }
}
for (const s of corpus.keys()) if (!score.has(s)) score.set(s, new Set());
const homepage = new Map();
for (const p of pkgs.values()) if (p.homepage && !homepage.has(p.source)) homepage.set(p.source, p.homepage);
const ranked = [...score]
  .map(([s, imgs]) => ({ s, images: imgs.size, corpus: corpus.get(s) ?? 0 }))
  .sort((a, b) => b.images - a.images || b.corpus - a.corpus || (a.s < b.s ? -1 : 1))
  .slice(0, Number(args.limit));
console.log('rank\tsource\timages\tcorpus\thomepage');
ranked.forEach((r, i) => console.log(`${i + 1}\t${r.s}\t${r.images}\t${r.corpus}\t${homepage.get(r.s) ?? ''}`));
console.error(`${score.size} source packages in the image models and the corpus; ${ranked.length} listed`);
